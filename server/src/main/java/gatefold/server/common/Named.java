package gatefold.server.common;

/**
 * A state or kind that is written as one short lowercase word ("confirmed", "draft") in the
 * database, in JSON and in URLs, while the code uses an enum. The database mapping is
 * registered once ({@code db.NamedEnums}); JSON uses {@link #id()} through {@code @JsonValue}.
 */
public interface Named {

    /** The word as stored and shown: the enum constant's name in lowercase, dashes for underscores. */
    default String id() {
        return ((Enum<?>) this).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The constant whose {@link #id()} is {@code word}; empty for anything else. */
    static <E extends Enum<E> & Named> java.util.Optional<E> parse(Class<E> type, String word) {
        if (word == null) {
            return java.util.Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.id().equals(word)) {
                return java.util.Optional.of(constant);
            }
        }
        return java.util.Optional.empty();
    }
}
