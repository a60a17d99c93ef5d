package gatefold.server.codes;

import gatefold.server.sales.PurchaseStatus;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Emails;
import gatefold.server.db.Sql;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.sales.Orders;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.Sales;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Download codes: an artist makes a batch for one release (cards at a gig, press copies);
 * a fan redeems one with their email and gets that release, like a free purchase. Each
 * use is claimed by one guarded update, so a single-use code opens for exactly one fan.
 */
public final class DownloadCodes {

    public static final int MAX_BATCH = 10_000;
    public static final int MAX_USES = 1_000_000;
    static final String WRONG = "This code is not valid. Check it and try again.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);
    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Sales sales;
    private final Orders orders;
    private final DownloadLinks links;
    private final GuessLimiter guesses;

    public DownloadCodes(Jdbi jdbi, Catalog catalog, Sales sales, Orders orders, DownloadLinks links) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.sales = sales;
        this.orders = orders;
        this.links = links;
        this.guesses = new GuessLimiter(jdbi);
    }

    /** A code with the fans who redeemed it. */
    public record Listed(DownloadCode code, List<String> redeemedBy) {
    }

    /** What a fan gets for a code: the purchase it made and fresh links. {@code again} when they had redeemed it before. */
    public record Redemption(Purchase purchase, Release release, List<DownloadLinks.Download> downloads, boolean again) {
    }

    public List<DownloadCode> create(Artist artist, String releaseId, int count, Instant expiresAt, int usesPerCode) {
        Release release = catalog.owned(artist, releaseId);
        if (count < 1 || count > MAX_BATCH) {
            throw Refusal.invalid("'count' must be from 1 to " + MAX_BATCH + ".");
        }
        if (usesPerCode < 1 || usesPerCode > MAX_USES) {
            throw Refusal.invalid("'usesPerCode' must be from 1 to " + MAX_USES + ".");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw Refusal.invalid("'expiresAt' must be in the future.");
        }
        // 40 random bits per code make a clash rare; when one happens the whole batch is drawn again.
        for (int attempt = 1; ; attempt++) {
            List<DownloadCode> batch = draw(release, count, expiresAt, usesPerCode);
            try {
                jdbi.useTransaction(h -> insert(h, batch));
                return batch;
            } catch (UnableToExecuteStatementException e) {
                if (!Sql.isUniqueViolation(e) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static List<DownloadCode> draw(Release release, int count, Instant expiresAt, int usesPerCode) {
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < count) {
            codes.add(CodeFormat.generate());
        }
        Instant now = Instant.now();
        return codes.stream().map(c -> new DownloadCode(c, release.id(), release.artistId(), usesPerCode, 0, expiresAt, now)).toList();
    }

    private static void insert(Handle h, List<DownloadCode> batch) {
        PreparedBatch insert = h.prepareBatch("""
                INSERT INTO download_codes (code, release_id, artist_id, max_uses, uses, expires_at, created_at)
                VALUES (:code, :releaseId, :artistId, :maxUses, :uses, :expiresAt, :createdAt)""");
        for (DownloadCode code : batch) {
            insert.bindMethods(code).add();
        }
        insert.execute();
    }

    /** The release's codes, oldest first, with who redeemed each. */
    public List<Listed> list(Artist artist, String releaseId) {
        Release release = catalog.owned(artist, releaseId);
        return jdbi.withHandle(h -> {
            List<DownloadCode> codes = h.createQuery("SELECT * FROM download_codes WHERE release_id = :r ORDER BY created_at, code")
                    .bind("r", release.id()).registerRowMapper(ConstructorMapper.factory(DownloadCode.class))
                    .mapTo(DownloadCode.class).list();
            Map<String, List<String>> redeemers = new LinkedHashMap<>();
            h.createQuery("""
                    SELECT r.code, r.email FROM download_code_redemptions r JOIN download_codes c ON c.code = r.code
                    WHERE c.release_id = :r ORDER BY r.redeemed_at, r.email""")
                    .bind("r", release.id())
                    .map((rs, ctx) -> Map.entry(rs.getString("code"), rs.getString("email")))
                    .forEach(e -> redeemers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            return codes.stream().map(c -> new Listed(c, redeemers.getOrDefault(c.code(), List.of()))).toList();
        });
    }

    /**
     * A fan redeems a code. Unknown codes count against the address and the store ({@link GuessLimiter});
     * a fan who redeemed the same code before gets their downloads again without a new use.
     */
    public Redemption redeem(String typedCode, String typedEmail, ClientAddress from) {
        guesses.check(from);
        String email = Emails.normalize(typedEmail);
        Optional<DownloadCode> found = CodeFormat.normalize(typedCode).flatMap(this::find);
        if (found.isEmpty()) {
            guesses.failed(from);
            throw Refusal.notFound(WRONG);
        }
        DownloadCode code = found.get();
        Optional<Redemption> before = previous(code, email);
        if (before.isPresent()) {
            return before.get();
        }
        refuseIfSpent(code);
        Purchase purchase;
        try {
            purchase = sales.recordRedemption(code.releaseId(), email, CodeFormat.display(code.code()),
                    (h, purchaseId) -> claim(h, code.code(), email, purchaseId));
        } catch (UnableToExecuteStatementException e) {
            // The same fan sent the same code twice at once: the other request made the purchase.
            if (Sql.isUniqueViolation(e)) {
                return previous(code, email).orElseThrow(() -> Refusal.conflict("This code was just used; try again."));
            }
            throw e;
        }
        return redemption(purchase, false);
    }

    private static void claim(Handle h, String code, String email, String purchaseId) {
        Instant now = Instant.now();
        int claimed = h.createUpdate("""
                UPDATE download_codes SET uses = uses + 1
                WHERE code = :code AND uses < max_uses AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("code", code).bind("now", now).execute();
        if (claimed != 1) {
            h.createQuery("SELECT * FROM download_codes WHERE code = :code").bind("code", code)
                    .registerRowMapper(ConstructorMapper.factory(DownloadCode.class)).mapTo(DownloadCode.class).findOne()
                    .ifPresentOrElse(DownloadCodes::refuseIfSpent, () -> {
                        throw Refusal.notFound(WRONG);
                    });
            throw Refusal.conflict(usedUp());
        }
        h.createUpdate("""
                INSERT INTO download_code_redemptions (code, email, purchase_id, redeemed_at)
                VALUES (:code, :email, :purchaseId, :now)""")
                .bind("code", code).bind("email", email).bind("purchaseId", purchaseId).bind("now", now).execute();
    }

    private static void refuseIfSpent(DownloadCode code) {
        if (code.isExpired(Instant.now())) {
            throw Refusal.gone("This code expired on " + DAY.format(code.expiresAt()) + ".");
        }
        if (code.isUsedUp()) {
            throw Refusal.conflict(usedUp());
        }
    }

    private static String usedUp() {
        return "This code has already been used. Each code works for a limited number of fans; ask the artist if you think this is wrong.";
    }

    private Optional<DownloadCode> find(String code) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM download_codes WHERE code = :code").bind("code", code)
                .registerRowMapper(ConstructorMapper.factory(DownloadCode.class)).mapTo(DownloadCode.class).findOne());
    }

    private Optional<Redemption> previous(DownloadCode code, String email) {
        Optional<String> purchaseId = jdbi.withHandle(h -> h.createQuery(
                        "SELECT purchase_id FROM download_code_redemptions WHERE code = :code AND email = :email")
                .bind("code", code.code()).bind("email", email).mapTo(String.class).findOne());
        if (purchaseId.isEmpty()) {
            return Optional.empty();
        }
        // A redemption whose confirmation was cut short (the server stopped) is finished now.
        orders.confirm(purchaseId.get());
        Purchase purchase = orders.byId(purchaseId.get()).orElseThrow();
        if (purchase.status() != PurchaseStatus.CONFIRMED) {
            throw Refusal.conflict("You redeemed this code before, and that purchase was " + purchase.status()
                    + ". Contact the artist if you think this is wrong.");
        }
        return Optional.of(redemption(purchase, true));
    }

    private Redemption redemption(Purchase purchase, boolean again) {
        Release release = catalog.release(purchase.releaseId()).orElseThrow();
        List<DownloadLinks.Download> downloads = links.forEntitlement(purchase.entitlementId()).orElse(List.of());
        return new Redemption(purchase, release, downloads, again);
    }
}
