package gatefold.server.sales;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Ids;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.security.Tokens;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A fan buys a release: the server prices it, records a pending purchase with a secret
 * receipt token, and sends the fan to the artist's own payment provider. Free checkouts
 * confirm at once. Nothing a browser sends back on its own ever confirms a paid purchase.
 */
public final class Checkout {

    /** The refusal's code when the fan must say where they live before the price can be split. */
    public static final String COUNTRY_REQUIRED = "country_required";

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Orders orders;
    private final PaymentSettings settings;
    private final Map<String, PaymentProvider> providers;
    private final Discounts discounts;
    private final URI publicUrl;
    private final FreeCheckouts free;
    private final TaxTerms.Source taxes;
    private final SaleDocuments documents;
    private volatile FollowWish followWish = FollowWish.NONE;

    /** How fans pay this store: the artists' accounts, the providers that can use them, and discount codes. */
    public record Payments(PaymentSettings settings, List<PaymentProvider> providers, Discounts discounts) { }

    /** What a sale must carry for the seller's books: the artist's tax terms and the sale's documents. */
    public record Paperwork(TaxTerms.Source taxes, SaleDocuments documents) { }

    public Checkout(Jdbi jdbi, Catalog catalog, Orders orders, Payments payments, Paperwork paperwork, URI publicUrl) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.orders = orders;
        this.settings = payments.settings();
        this.providers = payments.providers().stream().collect(java.util.stream.Collectors.toMap(PaymentProvider::name, p -> p,
                (a, b) -> a, java.util.LinkedHashMap::new));
        this.discounts = payments.discounts();
        this.publicUrl = publicUrl;
        this.free = new FreeCheckouts(jdbi);
        this.taxes = paperwork.taxes();
        this.documents = paperwork.documents();
    }

    /**
     * What a fan sends. {@code country} is where they live, needed when the artist charges tax
     * by country; {@code buyer} is what a business buyer wants on the invoice.
     */
    public record Request(String email, Optional<String> amount, Optional<String> currency, Optional<String> provider,
                          Optional<String> discountCode, Optional<String> country, Optional<Buyer> buyer, boolean rent) {

        public Request(String email, Optional<String> amount, Optional<String> currency, Optional<String> provider,
                       Optional<String> discountCode, Optional<String> country, Optional<Buyer> buyer) {
            this(email, amount, currency, provider, discountCode, country, buyer, false);
        }

        public Request(String email, Optional<String> amount, Optional<String> currency, Optional<String> provider,
                       Optional<String> discountCode) {
            this(email, amount, currency, provider, discountCode, Optional.empty(), Optional.empty());
        }
    }

    /** The purchase source of a film rented rather than bought. */
    public static final String RENTAL = "rental";
    private volatile java.util.function.Function<Release, Optional<Money>> rentPrices = release -> Optional.empty();

    /** Where a film's rental price comes from (the watch feature); set once while wiring. */
    public void rentAt(java.util.function.Function<Release, Optional<Money>> prices) {
        rentPrices = prices;
    }

    /** What renting the release costs, when it can be rented. */
    public Optional<Money> rentPrice(Release release) {
        return rentPrices.apply(release);
    }

    /** Who hears of buyers asking to be told about new releases (the audience feature). */
    public void onFollowWish(FollowWish wish) {
        this.followWish = wish;
    }

    /** The buyer of {@code purchase} ticked "tell me about new releases". */
    public void wishToFollow(Purchase purchase) {
        followWish.wished(purchase);
    }

    /** Where the fan goes next, and the receipt that will show the downloads once paid. */
    public record Started(Purchase purchase, URI next, URI receipt) {
    }

    /** The release as a fan may buy it: published or unlisted, never a draft. */
    public Release buyable(String releaseId) {
        return catalog.release(releaseId).filter(Release::isOut)
                .orElseThrow(() -> Refusal.notFound("This release is not for sale."));
    }

    public List<String> providersFor(Release release) {
        PaymentAccounts accounts = settings.accounts(release.artistId());
        return providers.values().stream().filter(p -> p.availableFor(accounts)).map(PaymentProvider::name).toList();
    }

    /** How the release's artist charges tax; {@link TaxTerms#NONE} for most. */
    public TaxTerms taxTerms(Release release) {
        return taxes.of(release.artistId());
    }

    /** Starts a checkout for a fan at {@code from}; free ones are throttled per address and per email ({@link FreeCheckouts}). */
    public Started start(String releaseId, Request request, ClientAddress from) {
        Release release = buyable(releaseId);
        if (request.rent() && request.discountCode().filter(c -> !c.isBlank()).isPresent()) {
            throw Refusal.invalid("Discount codes are for buying; a rental costs its one price. Rent without the code, or buy with it.");
        }
        Quote quote = request.rent() ? rentQuote(release)
                : Quote.of(release, request.amount(), request.currency(), request.discountCode(), discounts);
        return begin(release, request, from, quote);
    }

    /**
     * Starts a checkout at a price decided on the server elsewhere (a bundle's): the purchase is
     * written on {@code anchor}, one of the releases it pays for; no discount code applies.
     */
    public Started startAt(Release anchor, Money price, Request request, ClientAddress from) {
        if (!anchor.isOut()) {
            throw Refusal.notFound("This release is not for sale.");
        }
        return begin(anchor, request, from, new Quote(price, price, Optional.empty()));
    }

    private Started begin(Release release, Request request, ClientAddress from, Quote quote) {
        String releaseId = release.id();
        String email = Sales.normalizeEmail(request.email());
        String source = request.rent() ? RENTAL : "checkout";
        String receiptToken = Tokens.generate("rcp");
        URI receipt = URI.create(publicUrl + "/receipts/" + receiptToken);
        Buyer buyer = request.buyer().orElse(Buyer.NONE);
        if (quote.total().isZero()) {
            free.admit(from, email);
            Purchase purchase = insert(release, email, quote, Optional.empty(), "free", receiptToken, buyer, source);
            orders.confirm(purchase.id());
            return new Started(orders.byId(purchase.id()).orElseThrow(), receipt, receipt);
        }
        PaymentAccounts accounts = settings.accounts(release.artistId());
        PaymentProvider provider = chosen(accounts, request.provider());
        TaxTerms terms = taxes.of(release.artistId());
        Optional<TaxSplit> tax = taxFor(terms, quote.total(), provider.name(), request.country());
        Purchase purchase = insert(release, email, quote, tax, provider.name(), receiptToken, buyer, source);
        URI next;
        try {
            next = provider.begin(purchase, release, accounts,
                    new PaymentProvider.CheckoutUrls(receipt, URI.create(publicUrl + "/checkout/" + releaseId + "?cancelled=1")),
                    (purchaseId, ref) -> jdbi.onDemand(SalesDao.class).setProviderRef(purchaseId, ref, Instant.now()), terms);
        } catch (RuntimeException e) {
            // The fan never reached a payment page: the checkout ends, and its discount use goes back.
            orders.fail(purchase.id(), PurchaseStatus.FAILED);
            throw e;
        }
        return new Started(orders.byId(purchase.id()).orElseThrow(), next, receipt);
    }

    private PaymentProvider chosen(PaymentAccounts accounts, Optional<String> asked) {
        List<String> available = providers.values().stream().filter(p -> p.availableFor(accounts)).map(PaymentProvider::name).toList();
        if (available.isEmpty()) {
            throw Refusal.conflict("This artist does not take payments online yet; contact them to buy it.");
        }
        String chosen = asked.orElse(available.get(0));
        if (!available.contains(chosen)) {
            throw Refusal.invalid("Choose one of " + available + " as 'provider'.");
        }
        return providers.get(chosen);
    }

    /** The tax the server splits off: none when the artist charges none or Stripe Tax decides it. */
    static Optional<TaxSplit> taxFor(TaxTerms terms, Money price, String provider, Optional<String> country) {
        if (!terms.asksCountry() || terms.stripeDecides(provider)) {
            return Optional.empty();
        }
        String code = country.map(c -> Countries.code(c, "country")).orElseThrow(() -> new Refusal(Refusal.Kind.INVALID,
                COUNTRY_REQUIRED, "Choose the country you live in ('country', such as DE): the " + terms.label() + " depends on it."));
        return Optional.of(terms.split(price, code));
    }

    /** A rental costs its one price: no pay-what-you-want, no discount code. */
    private Quote rentQuote(Release release) {
        Money price = rentPrice(release).orElseThrow(() -> Refusal.conflict("This film is not offered to rent."));
        return new Quote(price, price, Optional.empty());
    }

    private Purchase insert(Release release, String email, Quote quote, Optional<TaxSplit> tax, String provider,
                            String receiptToken, Buyer buyer, String source) {
        Instant now = Instant.now();
        Money total = quote.total();
        Purchase written = new Purchase(Ids.next("pur"), release.id(), release.artistId(), null, email, total.minor(),
                total.currency().getCurrencyCode(), PurchaseStatus.PENDING, source, provider, null, quote.listPrice().minor(),
                quote.discountCode().orElse(null), now, now);
        Purchase purchase = tax.map(written::withTax).orElse(written);
        // The purchase, the hold on its discount use and the buyer's invoice details are written together, or not at all.
        jdbi.useTransaction(h -> {
            h.attach(SalesDao.class).insert(purchase, Tokens.hash(receiptToken));
            quote.discountCode().ifPresent(code -> {
                if (!DiscountHolds.hold(h, release.artistId(), code, purchase.id(), now)) {
                    throw Refusal.conflict("This discount code was just used up.");
                }
            });
            if (!buyer.isEmpty()) {
                documents.buyerGiven(h, purchase.id(), buyer);
            }
        });
        return purchase;
    }

    /** A business buyer adds or changes their invoice details from the receipt page; empty when the receipt is unknown. */
    public Optional<Purchase> giveBuyer(String receiptToken, Buyer buyer) {
        if (receiptToken == null || receiptToken.length() > 100) {
            return Optional.empty();
        }
        Optional<Purchase> found = jdbi.onDemand(SalesDao.class).byReceiptHash(Tokens.hash(receiptToken));
        found.ifPresent(p -> jdbi.useTransaction(h -> documents.buyerGiven(h, p.id(), buyer)));
        return found;
    }

    /** The purchase behind a receipt token; if still pending, asks the provider itself (never the browser). */
    public Optional<Purchase> receipt(String receiptToken) {
        if (receiptToken == null || receiptToken.length() > 100) {
            return Optional.empty();
        }
        Optional<Purchase> found = jdbi.onDemand(SalesDao.class).byReceiptHash(Tokens.hash(receiptToken));
        found.filter(p -> p.status() == PurchaseStatus.PENDING).ifPresent(p -> {
            if (paidAtProvider(p).orElse(false)) {
                confirmPaid(p);
            }
        });
        return found.flatMap(p -> orders.byId(p.id()));
    }

    /** What the purchase's provider itself says: paid, not paid, or empty when it cannot say (yet). */
    public Optional<Boolean> paidAtProvider(Purchase purchase) {
        PaymentProvider provider = providers.get(purchase.provider());
        return provider == null ? Optional.of(false) : provider.isPaid(purchase, settings.accounts(purchase.artistId()));
    }

    /** Confirms a paid purchase, spending the discount use it held; called for verified provider events only. */
    public boolean confirmPaid(Purchase purchase) {
        return orders.confirm(purchase.id());
    }

    /** Test payments: the fan pressed "Pay (test mode)" on the page only test mode serves. */
    public Purchase payInTestMode(String receiptToken) {
        Purchase purchase = jdbi.onDemand(SalesDao.class).byReceiptHash(Tokens.hash(receiptToken))
                .filter(p -> "test".equals(p.provider()))
                .orElseThrow(() -> Refusal.notFound("No such test checkout."));
        confirmPaid(purchase);
        return orders.byId(purchase.id()).orElseThrow();
    }

    public boolean offersTestPayments() {
        return providers.containsKey("test");
    }
}
