package gatefold.server.sales;

import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Ids;
import gatefold.server.common.Money;
import gatefold.server.delivery.Entitlement;
import gatefold.server.delivery.Entitlements;
import gatefold.server.http.ApiError;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Purchases and what they grant. A purchase and its entitlement are written together or not at all. */
public final class Sales {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Entitlements entitlements;

    private final Orders orders;

    public Sales(Jdbi jdbi, Catalog catalog, Entitlements entitlements, Orders orders) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.orders = orders;
    }

    /** An offline sale, gift or press copy recorded by the artist: confirmed at once. */
    public Purchase recordByArtist(Artist artist, String releaseId, String email, Optional<Money> amount, String source) {
        Release release = catalog.owned(artist, releaseId);
        String buyer = normalizeEmail(email);
        Money paid = amount.orElse(Money.zero(java.util.Currency.getInstance(release.currency())));
        Purchase recorded = jdbi.inTransaction(h -> {
            Entitlement entitlement = entitlements.grant(h, release.id(), buyer);
            Instant now = Instant.now();
            Purchase purchase = new Purchase(Ids.next("pur"), release.id(), artist.id(), entitlement.id(), buyer,
                    paid.minor(), paid.currency().getCurrencyCode(), "confirmed", source, "offline", null, paid.minor(), null,
                    now, now);
            h.attach(SalesDao.class).insert(purchase, null);
            return purchase;
        });
        return recorded;
    }

    public List<Purchase> purchases(Artist artist, Optional<String> releaseId) {
        SalesDao dao = jdbi.onDemand(SalesDao.class);
        return releaseId.map(r -> dao.ofRelease(artist.id(), catalog.owned(artist, r).id())).orElseGet(() -> dao.ofArtist(artist.id()));
    }

    public Purchase owned(Artist artist, String purchaseId) {
        return jdbi.onDemand(SalesDao.class).byId(purchaseId).filter(p -> p.artistId().equals(artist.id()))
                .orElseThrow(() -> ApiError.notFound("No such purchase."));
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

    static String normalizeEmail(String email) {
        String trimmed = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (trimmed.length() > 320 || !trimmed.matches("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s.]{2,63}")) {
            throw ApiError.invalid("'email' must be an email address.");
        }
        return trimmed;
    }
}
