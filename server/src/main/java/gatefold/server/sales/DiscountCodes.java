package gatefold.server.sales;

import gatefold.server.common.Ids;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The artist's discount codes, and the {@link Discounts} checkout uses. Uses are held atomically by {@link DiscountHolds}. */
public final class DiscountCodes implements Discounts {

    private final Jdbi jdbi;

    public DiscountCodes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public DiscountCode create(String artistId, String releaseId, String code, Integer percentOff, Money amountOff,
                               Instant startsAt, Instant endsAt, Integer maxUses) {
        String normalized = code.strip().toUpperCase(Locale.ROOT);
        if (!normalized.matches("[A-Z0-9][A-Z0-9_-]{2,39}")) {
            throw Refusal.invalid("'code' must be 3 to 40 letters, digits, dashes or underscores.");
        }
        if ((percentOff == null) == (amountOff == null)) {
            throw Refusal.invalid("Give either 'percentOff' (1-100) or 'amountOff'.");
        }
        if (percentOff != null && (percentOff < 1 || percentOff > 100)) {
            throw Refusal.invalid("'percentOff' must be from 1 to 100.");
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            throw Refusal.invalid("'endsAt' must come after 'startsAt'.");
        }
        DiscountCode created = new DiscountCode(Ids.next("dsc"), artistId, releaseId, normalized, percentOff,
                amountOff == null ? null : amountOff.minor(), amountOff == null ? null : amountOff.currency().getCurrencyCode(),
                startsAt, endsAt, maxUses, 0, Instant.now());
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO discount_codes (id, artist_id, release_id, code, percent_off, amount_off, currency, starts_at,
                                                ends_at, max_uses, uses, created_at)
                    VALUES (:id, :artistId, :releaseId, :code, :percentOff, :amountOff, :currency, :startsAt, :endsAt,
                            :maxUses, :uses, :createdAt)""").bindMethods(created).execute());
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            throw Refusal.conflict("You already have a discount code '" + normalized + "'.");
        }
        return created;
    }

    public List<DiscountCode> list(String artistId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM discount_codes WHERE artist_id = :a ORDER BY created_at")
                .bind("a", artistId).registerRowMapper(ConstructorMapper.factory(DiscountCode.class)).mapTo(DiscountCode.class).list());
    }

    public boolean delete(String artistId, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM discount_codes WHERE artist_id = :a AND id = :id")
                .bind("a", artistId).bind("id", id).execute()) == 1;
    }

    private Optional<DiscountCode> find(String artistId, String code) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM discount_codes WHERE artist_id = :a AND code = :c")
                .bind("a", artistId).bind("c", code).registerRowMapper(ConstructorMapper.factory(DiscountCode.class))
                .mapTo(DiscountCode.class).findOne());
    }

    @Override
    public Optional<Money> apply(String artistId, String releaseId, String code, Money listPrice) {
        return find(artistId, code).filter(d -> d.appliesTo(releaseId, Instant.now())).map(d -> d.discount(listPrice));
    }

    /** Takes one use of the code in the caller's transaction; false when none is left (the guard decides across instances). */
    static boolean takeUse(Handle h, String discountId) {
        return h.createUpdate("UPDATE discount_codes SET uses = uses + 1 WHERE id = :id AND (max_uses IS NULL OR uses < max_uses)")
                .bind("id", discountId).execute() == 1;
    }

    /** Gives one held use back, in the caller's transaction. */
    static void giveUseBack(Handle h, String discountId) {
        h.createUpdate("UPDATE discount_codes SET uses = uses - 1 WHERE id = :id AND uses > 0").bind("id", discountId).execute();
    }
}
