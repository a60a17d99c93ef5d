package gatefold.server.audience;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Ids;
import gatefold.server.common.Money;
import gatefold.server.common.MoneyField;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.sales.Checkout;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.Sales;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Bundles as the artist makes them and as a fan buys them. A bundle's checkout is an ordinary
 * checkout of one of its releases at the bundle's price for this buyer; once it is confirmed,
 * {@link BundleSales} gives the buyer the rest.
 */
public final class Bundles {

    static final Set<String> FIELDS = Set.of("title", "releaseIds", "discography", "includesFuture", "price", "discountPercent",
            "minPrice");
    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Sales sales;
    private final Checkout checkout;
    private final Accounts accounts;
    private volatile BundleSales bundleSales;

    Bundles(Jdbi jdbi, Catalog catalog, Sales sales, Checkout checkout, Accounts accounts) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.catalog = catalog;
        this.sales = sales;
        this.checkout = checkout;
    }

    void selling(BundleSales sales) {
        this.bundleSales = sales;
    }

    /**
     * A bundle of the artist's own releases (another artist's answers 404, as if it did not exist),
     * or with {@code discography} every release they have published, and those to come.
     * The price is given, or is the releases' worth less {@code discountPercent}.
     */
    public Bundle create(Artist artist, Fields body) {
        Shape shape = shape(artist, body);
        Bundle bundle = new Bundle(Ids.next("bun"), artist.id(), shape.title(), shape.price().currency().getCurrencyCode(),
                shape.price().minor(), shape.min(), shape.future(), Instant.now());
        jdbi.useTransaction(h -> {
            BundleDao dao = h.attach(BundleDao.class);
            dao.insert(bundle);
            shape.releases().forEach(r -> dao.addRelease(bundle.id(), r.id()));
        });
        return bundle;
    }

    /**
     * Replaces what a bundle holds and costs (the same fields as {@link #create}) for buyers from now on;
     * earlier buyers keep what they were given. A sold discography stays one: its buyers paid for what is to come.
     */
    public Bundle update(Artist artist, String bundleId, Fields body) {
        Bundle old = owned(artist, bundleId);
        Shape shape = shape(artist, body);
        BundleDao dao = jdbi.onDemand(BundleDao.class);
        if (old.includesFuture() && !shape.future() && dao.sold(old.id())) {
            throw Refusal.conflict("Fans bought \"" + old.title() + "\" with the releases to come, so it keeps including them.");
        }
        Bundle changed = new Bundle(old.id(), old.artistId(), shape.title(), shape.price().currency().getCurrencyCode(),
                shape.price().minor(), shape.min(), shape.future(), old.createdAt());
        jdbi.useTransaction(h -> {
            BundleDao tx = h.attach(BundleDao.class);
            tx.update(changed);
            tx.clearReleases(changed.id());
            shape.releases().forEach(r -> tx.addRelease(changed.id(), r.id()));
        });
        return changed;
    }

    /** Deletes a bundle nobody has bought; a sold one stays, so its buyers keep what it promised (a refund ends each). */
    public void delete(Artist artist, String bundleId) {
        Bundle bundle = owned(artist, bundleId);
        BundleDao dao = jdbi.onDemand(BundleDao.class);
        if (dao.sold(bundle.id())) {
            throw Refusal.conflict("Fans have bought \"" + bundle.title() + "\", so it cannot be deleted; you can still edit it.");
        }
        dao.delete(bundle.id());
    }

    /** A bundle's fields, checked, as create and update take them. */
    private record Shape(String title, List<Release> releases, boolean future, Money price, Long min) {
    }

    private Shape shape(Artist artist, Fields body) {
        String title = body.requiredString("title", 300).strip();
        boolean discography = body.raw("discography").map(n -> n.asBoolean(false)).orElse(false);
        boolean future = discography || body.raw("includesFuture").map(n -> n.asBoolean(false)).orElse(false);
        List<Release> releases = discography
                ? catalog.releases(artist).stream().filter(Release::isPublished).toList()
                : body.strings("releaseIds", 500, 40).orElse(List.of()).stream().distinct().map(id -> catalog.owned(artist, id)).toList();
        if (releases.isEmpty()) {
            throw Refusal.invalid("A bundle needs at least one release ('releaseIds', or 'discography': true).");
        }
        for (Release r : releases) {
            if (!r.isOut()) {
                throw Refusal.conflict("Publish \"" + r.title() + "\" before putting it in a bundle.");
            }
        }
        Set<String> currencies = releases.stream().map(Release::currency).collect(Collectors.toSet());
        if (currencies.size() != 1) {
            throw Refusal.invalid("Every release in a bundle must be sold in the same currency.");
        }
        Currency currency = Currency.getInstance(currencies.iterator().next());
        Money price = price(body, releases, currency);
        Long min = body.raw("minPrice").filter(n -> !n.isNull()).map(n -> MoneyField.parse(n, currency, "minPrice").minor())
                .orElse(null);
        if (min != null && min > price.minor()) {
            throw Refusal.invalid("'minPrice' cannot be above the bundle's price.");
        }
        return new Shape(title, releases, future, price, min);
    }

    private static Money price(Fields body, List<Release> releases, Currency currency) {
        if (body.has("price") == body.has("discountPercent")) {
            throw Refusal.invalid("Give the bundle a 'price', or a 'discountPercent' off what its releases cost apart.");
        }
        if (body.has("price")) {
            return MoneyField.parse(body.raw("price").orElseThrow(), currency, "price");
        }
        long percent = body.integer("discountPercent", 0, 100).orElseThrow();
        long worth = releases.stream().mapToLong(BundlePrice::worth).sum();
        long minor = BigDecimal.valueOf(worth).multiply(BigDecimal.valueOf(100 - percent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
        return new Money(minor, currency);
    }

    public List<Bundle> of(Artist artist) {
        return jdbi.onDemand(BundleDao.class).ofArtist(artist.id());
    }

    /** The artist's bundles as links to their pages, for the artist page: "The whole discography · 9.00 EUR". */
    public List<gatefold.web.views.store.Link> links(Artist artist) {
        return of(artist).stream().map(b -> new gatefold.web.views.store.Link("/bundles/" + b.id(), b.title() + " · " + b.price()))
                .toList();
    }

    public Bundle owned(Artist artist, String bundleId) {
        return find(bundleId).filter(b -> b.artistId().equals(artist.id()))
                .orElseThrow(() -> Refusal.notFound("No such bundle."));
    }

    public java.util.Optional<Bundle> find(String bundleId) {
        return jdbi.onDemand(BundleDao.class).find(bundleId);
    }

    /** Whose bundle it is (empty if the artist has left the store). */
    public java.util.Optional<Artist> artistOf(Bundle bundle) {
        return accounts.byId(bundle.artistId());
    }

    java.util.Optional<Release> releaseOf(String releaseId) {
        return catalog.release(releaseId);
    }

    /** The releases in it now, oldest id first. */
    public List<Release> releases(Bundle bundle) {
        List<Release> out = new ArrayList<>();
        for (String id : jdbi.onDemand(BundleDao.class).releaseIds(bundle.id())) {
            catalog.release(id).filter(Release::isOut).ifPresent(out::add);
        }
        return out;
    }

    /** What {@code email} pays: the releases they already own (bought or given) are taken off. */
    public BundlePrice priceFor(Bundle bundle, String email) {
        Set<String> owned = new LinkedHashSet<>();
        for (Purchase p : sales.confirmedPurchasesOf(Sales.normalizeEmail(email))) {
            owned.add(p.releaseId());
        }
        return BundlePrice.of(bundle, releases(bundle), owned);
    }

    /** Starts the checkout of a bundle at this buyer's price. */
    public Checkout.Started checkout(String bundleId, Checkout.Request request, ClientAddress from) {
        Bundle bundle = find(bundleId).orElseThrow(() -> Refusal.notFound("This bundle is not for sale."));
        BundlePrice price = priceFor(bundle, request.email());
        Checkout.Started started = checkout.startAt(price.toGet().get(0), price.price(), request, from);
        jdbi.onDemand(BundleDao.class).insertPurchase(started.purchase().id(), bundle.id(), Instant.now());
        // A free bundle (or a fast provider) was confirmed before the row above existed: give the rest now.
        bundleSales.confirmedBeforeRecorded(started.purchase().id());
        return started;
    }
}
