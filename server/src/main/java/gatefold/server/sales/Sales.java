package gatefold.server.sales;

import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Emails;
import gatefold.server.common.Ids;
import gatefold.server.common.Money;
import gatefold.server.delivery.Entitlements;
import gatefold.server.common.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Purchases and what they grant. A purchase and its entitlement are written together or not at all. */
public final class Sales {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Entitlements entitlements;

    private final Orders orders;
    private final TaxTerms.Source taxes;

    public Sales(Jdbi jdbi, Catalog catalog, Entitlements entitlements, Orders orders, TaxTerms.Source taxes) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.orders = orders;
        this.taxes = taxes;
    }

    /**
     * An offline sale, gift or press copy recorded by the artist: confirmed at once, like any
     * other purchase, so the fan's receipt email and the artist's webhooks go out. With the
     * buyer's {@code country}, the tax of the artist's rate for it is taken out of the amount
     * (what the fan handed over), whether or not the store's prices include tax.
     */
    public Purchase recordByArtist(Artist artist, String releaseId, String email, Optional<Money> amount, String source,
                                   Optional<String> country) {
        Release release = catalog.owned(artist, releaseId);
        String buyer = normalizeEmail(email);
        Money paid = amount.orElse(Money.zero(java.util.Currency.getInstance(release.currency())));
        Instant now = Instant.now();
        Purchase written = new Purchase(Ids.next("pur"), release.id(), artist.id(), null, buyer, paid.minor(),
                paid.currency().getCurrencyCode(), PurchaseStatus.PENDING, source, "offline", null, paid.minor(), null, now, now);
        Purchase purchase = country.filter(c -> !paid.isZero()).map(c -> Countries.code(c, "country"))
                .map(code -> written.withTax(TaxSplit.fromGross(paid, taxes.of(artist.id()).rates()
                        .getOrDefault(code, TaxRate.none(code)))))
                .orElse(written);
        jdbi.onDemand(SalesDao.class).insert(purchase, null);
        orders.confirm(purchase.id());
        return orders.byId(purchase.id()).orElseThrow();
    }

    /** Spends a download code inside the transaction that records its purchase; throws to refuse. */
    @FunctionalInterface
    public interface CodeClaim {
        void spend(Handle handle, String purchaseId);
    }

    /**
     * A fan redeemed a download code: a free purchase of the code's release, written with
     * the code's use in one transaction, then confirmed like any other so the receipt goes out.
     */
    public Purchase recordRedemption(String releaseId, String email, String code, CodeClaim claim) {
        return recordIncluded(releaseId, email, "code", code, claim);
    }

    /**
     * A release that came free with something else: a download code ({@code source} "code"), or
     * a bundle ("bundle", {@code ref} the bundle's purchase). Written with {@code claim}'s record
     * in one transaction (a second claim of the same thing fails there), then confirmed like any other.
     */
    public Purchase recordIncluded(String releaseId, String email, String source, String ref, CodeClaim claim) {
        Release release = catalog.release(releaseId).orElseThrow(() -> Refusal.notFound("This release is no longer available."));
        String buyer = normalizeEmail(email);
        Instant now = Instant.now();
        Purchase purchase = new Purchase(Ids.next("pur"), release.id(), release.artistId(), null, buyer, 0, release.currency(),
                PurchaseStatus.PENDING, source, source, ref, 0L, null, now, now);
        jdbi.useTransaction(h -> {
            h.attach(SalesDao.class).insert(purchase, null);
            claim.spend(h, purchase.id());
        });
        orders.confirm(purchase.id());
        return orders.byId(purchase.id()).orElseThrow();
    }

    /** Every confirmed purchase of one fan, newest first: what their library shows. */
    public List<Purchase> confirmedPurchasesOf(String email) {
        return jdbi.onDemand(SalesDao.class).confirmedFor(normalizeEmail(email));
    }

    public List<Purchase> purchases(Artist artist, Optional<String> releaseId) {
        SalesDao dao = jdbi.onDemand(SalesDao.class);
        return releaseId.map(r -> dao.ofRelease(artist.id(), catalog.owned(artist, r).id())).orElseGet(() -> dao.ofArtist(artist.id()));
    }

    public Purchase owned(Artist artist, String purchaseId) {
        return jdbi.onDemand(SalesDao.class).byId(purchaseId).filter(p -> p.artistId().equals(artist.id()))
                .orElseThrow(() -> Refusal.notFound("No such purchase."));
    }

    /** Revokes the purchase: every link stops working, no money moves. */
    public Purchase revoke(Artist artist, String purchaseId) {
        orders.revoke(owned(artist, purchaseId).id());
        return owned(artist, purchaseId);
    }

    /** Refunds the purchase: every link of it stops working on its next request. */
    public Purchase refund(Artist artist, String purchaseId) {
        Purchase purchase = owned(artist, purchaseId);
        orders.refund(purchase.id());
        return owned(artist, purchaseId);
    }

    public boolean releaseHasSales(String releaseId) {
        return entitlements.releaseHasEntitlements(releaseId);
    }

    public static String normalizeEmail(String email) {
        return Emails.normalize(email);
    }
}
