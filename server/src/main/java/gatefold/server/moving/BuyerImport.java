package gatefold.server.moving;

import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.DeliveryDao;
import gatefold.server.delivery.Entitlement;
import gatefold.server.delivery.EntitlementStatus;
import gatefold.server.mail.Mail;
import gatefold.server.mail.Mailer;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.PurchaseStatus;
import gatefold.server.sales.SalesDao;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Brings buyers from another shop: each good row of their CSV becomes a confirmed purchase of
 * the release (source {@code import}, the date and amount they paid there) with its entitlement,
 * so the buyer's library here shows it at their next sign-in. By default a file with any bad row
 * changes nothing and every bad row is listed by line; with {@code skipBad} the good rows go in.
 * A buyer who has the release already (from an earlier run, or a sale here) is left as they are,
 * so running the same file twice imports nothing new. No receipt or webhook goes out; the
 * optional mail says where the music now lives.
 */
public final class BuyerImport {

    /** How to read the file and what to do with it. */
    public record Options(Optional<String> preset, Map<String, String> columns, boolean skipBad, boolean dryRun, boolean mail) {
    }

    /** A line of the file that is not a buyer, and why. */
    public record Problem(int line, String reason) {
    }

    /**
     * What happened: the columns used, the buyers imported or already there, duplicates in the file,
     * bad rows, and rows the preset says are not sales (payouts, refunds, unpaid orders), skipped.
     */
    public record Result(Map<String, String> columns, int imported, int alreadyHad, int duplicates,
                         List<BuyerImport.Problem> problems, boolean changed, int notSales) {
    }

    private final Jdbi jdbi;
    private final Mailer mailer;
    private final URI publicUrl;

    public BuyerImport(Jdbi jdbi, Mailer mailer, URI publicUrl) {
        this.jdbi = jdbi;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
    }

    /** For an artist: the release must be theirs. */
    public Result run(String artistId, String releaseId, Reader csv, Options options) {
        ReleaseRef release = release(releaseId).filter(r -> r.artistId().equals(artistId))
                .orElseThrow(() -> Refusal.notFound("No such release."));
        return run(release, csv, options);
    }

    /** For the operator, on any release. */
    public Result run(String releaseId, Reader csv, Options options) {
        return run(release(releaseId).orElseThrow(() -> Refusal.notFound("No release " + releaseId + ".")), csv, options);
    }

    private record ReleaseRef(String id, String artistId, String title, String currency, String artistName, String artistEmail) {
    }

    private Optional<ReleaseRef> release(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT r.id, r.artist_id, r.title, r.currency, a.name, a.email FROM releases r"
                        + " JOIN artists a ON a.id = r.artist_id WHERE r.id = :id").bind("id", id)
                .map((rs, ctx) -> new ReleaseRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)))
                .findOne());
    }

    private Result run(ReleaseRef release, Reader csv, Options options) {
        BuyerCsv.Table table;
        try {
            table = BuyerCsv.read(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> columns = BuyerColumns.choose(table.header(), options.preset(), options.columns());
        Map<String, String> shown = new LinkedHashMap<>();
        columns.forEach((field, at) -> shown.put(field, table.header().get(at)));
        List<BuyerRows.Buyer> buyers = new ArrayList<>();
        List<BuyerImport.Problem> problems = new ArrayList<>();
        Instant now = Instant.now();
        Optional<BuyerColumns.Preset> preset = options.preset().map(BuyerColumns::preset);
        int notSales = 0;
        for (BuyerCsv.Record record : table.records()) {
            if (preset.isPresent() && !preset.get().isSale(table.header(), record)) {
                notSales++;
                continue;
            }
            try {
                buyers.add(BuyerRows.read(record, columns, Currency.getInstance(release.currency()), now));
            } catch (Refusal e) {
                problems.add(new BuyerImport.Problem(record.line(), e.getMessage()));
            }
        }
        Set<String> seen = new HashSet<>();
        List<BuyerRows.Buyer> distinct = buyers.stream().filter(b -> seen.add(b.email())).toList();
        int duplicates = buyers.size() - distinct.size();
        if (options.dryRun() || (!problems.isEmpty() && !options.skipBad())) {
            int have = jdbi.withHandle(h -> (int) distinct.stream().filter(b -> hasIt(h, release.id(), b.email())).count());
            return new Result(shown, 0, have, duplicates, problems, false, notSales);
        }
        List<BuyerRows.Buyer> added = jdbi.inTransaction(h -> distinct.stream().filter(b -> !hasIt(h, release.id(), b.email()))
                .peek(b -> insert(h, release, b)).toList());
        if (options.mail()) {
            added.forEach(b -> mailer.send(welcome(release, b)));
        }
        return new Result(shown, added.size(), distinct.size() - added.size(), duplicates, problems, !added.isEmpty(), notSales);
    }

    private static boolean hasIt(Handle h, String releaseId, String email) {
        return h.createQuery("SELECT COUNT(*) FROM entitlements WHERE release_id = :r AND email = :e")
                .bind("r", releaseId).bind("e", email).mapTo(Long.class).one() > 0;
    }

    private static void insert(Handle h, ReleaseRef release, BuyerRows.Buyer buyer) {
        Instant at = buyer.boughtAt();
        Entitlement entitlement = new Entitlement(Ids.next("ent"), release.id(), buyer.email(), EntitlementStatus.CONFIRMED, at, at);
        h.attach(DeliveryDao.class).insertEntitlement(entitlement);
        h.attach(SalesDao.class).insert(new Purchase(Ids.next("pur"), release.id(), release.artistId(), entitlement.id(), buyer.email(),
                buyer.paid().minor(), buyer.paid().currency().getCurrencyCode(), PurchaseStatus.CONFIRMED, "import", "import", null,
                buyer.paid().minor(), null, at, at), null);
    }

    private Mail welcome(ReleaseRef release, BuyerRows.Buyer buyer) {
        String hello = buyer.name().isEmpty() ? "Hello," : "Hello " + buyer.name() + ",";
        String text = hello + "\n\n" + release.artistName() + " now sells and delivers their music here, and \"" + release.title()
                + "\", which you bought before, is waiting in your library:\n\n" + publicUrl + "/library\n\n"
                + "Sign in there with this email address (" + buyer.email() + ") to download it in the format you like."
                + " Nothing to pay, nothing to set up.\n";
        // Replies go to the artist, and the do-not-mail list knows whose mail this is.
        return new Mail(buyer.email(), "Your copy of " + release.title() + " now lives here", text, release.artistEmail());
    }
}
