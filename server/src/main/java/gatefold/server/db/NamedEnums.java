package gatefold.server.db;

import gatefold.server.common.Named;
import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Optional;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;

/**
 * Jdbi reads and writes every {@link Named} enum as its word ("confirmed"), so SQL and
 * stored rows keep the words they always had while the code gets an enum.
 */
public final class NamedEnums {

    private NamedEnums() {
    }

    /** Binds a Named enum as its word. */
    static final class Arguments extends AbstractArgumentFactory<Named> {
        Arguments() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Named value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, value.id());
        }
    }

    /** Maps a column holding a word to the Named enum constant of that word. */
    static final class Columns implements ColumnMapperFactory {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
            Class<?> raw = GenericTypes.getErasedType(type);
            if (!raw.isEnum() || !Named.class.isAssignableFrom(raw)) {
                return Optional.empty();
            }
            Class enumType = raw;
            return Optional.of((rs, column, ctx) -> {
                String word = rs.getString(column);
                if (word == null) {
                    return null;
                }
                Optional<?> constant = Named.parse(enumType, word);
                if (constant.isEmpty()) {
                    throw new IllegalStateException("'" + word + "' is not a " + raw.getSimpleName() + " this version knows");
                }
                return constant.get();
            });
        }
    }

    static void install(org.jdbi.v3.core.Jdbi jdbi) {
        jdbi.registerArgument(new Arguments());
        jdbi.registerColumnMapper(new Columns());
    }
}
