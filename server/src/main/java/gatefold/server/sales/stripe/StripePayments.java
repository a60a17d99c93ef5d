package gatefold.server.sales.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import gatefold.server.sales.PaymentAccounts;
import gatefold.server.sales.PaymentProvider;
import gatefold.server.sales.Orders;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.TaxTerms;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card payments through the artist's own Stripe account: each checkout is a Stripe
 * Checkout Session created with the artist's key (or, for an account connected to the
 * operator's platform, with the platform key on behalf of that account), so the money goes
 * straight to the artist. The purchase is confirmed by the signed webhook, or by asking
 * Stripe when the fan comes back before it.
 */
public final class StripePayments implements PaymentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(StripePayments.class);
    private final StripeClients clients;
    private final Orders orders;

    public StripePayments(StripeOptions options, Orders orders) {
        this.clients = new StripeClients(options);
        this.orders = orders;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public boolean availableFor(PaymentAccounts accounts) {
        // Without a webhook secret no payment could ever be confirmed, so the fan is not sent to pay.
        return accounts.stripe().filter(s -> s.webhookSecret() != null && clients.canCharge(s)).isPresent();
    }

    @Override
    public URI begin(Purchase purchase, Release release, PaymentAccounts accounts, CheckoutUrls urls, ProviderReferences references) {
        return begin(purchase, release, accounts, urls, references, TaxTerms.NONE);
    }

    /**
     * With Stripe Tax on (the artist's choice), the session asks Stripe to work out the tax on
     * the artist's own account, whose Stripe Tax settings (registrations, product tax code)
     * decide; the price is marked as including or excluding tax as the artist's prices are meant.
     */
    @Override
    public URI begin(Purchase purchase, Release release, PaymentAccounts accounts, CheckoutUrls urls, ProviderReferences references,
                     TaxTerms tax) {
        StripeClient client = accounts.stripe().flatMap(clients::client)
                .orElseThrow(() -> Refusal.conflict("This artist does not take card payments yet."));
        SessionCreateParams.LineItem.PriceData.Builder price = SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency(purchase.currency().toLowerCase(Locale.ROOT))
                .setUnitAmount(purchase.amountMinor())
                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                        .setName(release.title())
                        .build());
        SessionCreateParams.Builder request = SessionCreateParams.builder();
        if (tax.stripeAutomatic()) {
            price.setTaxBehavior(tax.pricesIncludeTax() ? SessionCreateParams.LineItem.PriceData.TaxBehavior.INCLUSIVE
                    : SessionCreateParams.LineItem.PriceData.TaxBehavior.EXCLUSIVE);
            request.setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build());
        }
        SessionCreateParams params = request
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(price.build())
                        .build())
                .setCustomerEmail(purchase.email())
                .setClientReferenceId(purchase.id())
                .putMetadata("purchase_id", purchase.id())
                .putMetadata("artist_id", purchase.artistId())
                // Charges carry the payment's metadata, so a refund that arrives before the
                // completion event still finds its purchase.
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("purchase_id", purchase.id())
                        .putMetadata("artist_id", purchase.artistId())
                        .build())
                .setSuccessUrl(urls.success().toString())
                .setCancelUrl(urls.cancel().toString())
                .build();
        Session session;
        try {
            // The same purchase never opens two sessions, even if this request is retried.
            session = client.v1().checkout().sessions().create(params,
                    RequestOptions.builder().setIdempotencyKey("gatefold-checkout-" + purchase.id()).build());
        } catch (StripeException e) {
            throw failed("create a checkout session for purchase " + purchase.id(), e);
        }
        if (session.getId() == null || session.getUrl() == null || !session.getUrl().startsWith("http")) {
            LOG.warn("stripe answered a checkout session for purchase {} without a usable id or address", purchase.id());
            throw Refusal.upstream("The payment service gave an unusable answer; try again in a moment.");
        }
        references.record(purchase.id(), session.getId());
        return URI.create(session.getUrl());
    }

    /** Asks Stripe; a paid session's tax (Stripe Tax) is recorded on the purchase before it is confirmed. */
    @Override
    public Optional<Boolean> isPaid(Purchase purchase, PaymentAccounts accounts) {
        Optional<StripeClient> client = accounts.stripe().flatMap(clients::client);
        if (client.isEmpty() || purchase.providerRef() == null) {
            return Optional.empty();
        }
        try {
            StripeClients.Fetched fetched = StripeClients.retrieve(client.get(), purchase.providerRef());
            Session session = fetched.session();
            if ("complete".equals(session.getStatus()) && "unpaid".equals(session.getPaymentStatus())) {
                return Optional.empty(); // a slow payment (a bank debit) is under way
            }
            boolean paid = purchase.id().equals(session.getClientReferenceId()) && "paid".equals(session.getPaymentStatus());
            if (paid) {
                StripeTax.read(fetched.json()).ifPresent(t -> orders.recordTax(purchase.id(), t.split(purchase.currency())));
            }
            return Optional.of(paid);
        } catch (StripeException e) {
            LOG.warn("could not ask stripe about purchase {}: {}", purchase.id(), describe(e));
            return Optional.empty();
        }
    }

    private static Refusal failed(String what, StripeException e) {
        LOG.warn("stripe could not {}: {}", what, describe(e));
        if (e instanceof ApiConnectionException || e instanceof RateLimitException || e instanceof ApiException) {
            return Refusal.unavailable("The payment service is not answering; try again in a moment.", java.time.Duration.ofSeconds(30));
        }
        return Refusal.upstream(
                "The artist's payment account refused this checkout; please let the artist know.");
    }

    /** The error without anything secret: Stripe masks keys, and anything key-like is cut anyway. */
    static String describe(StripeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\b(sk|rk)_(test|live)_[A-Za-z0-9*]+", "$1_$2_***");
        return e.getClass().getSimpleName() + " (status " + e.getStatusCode() + "): " + message;
    }
}
