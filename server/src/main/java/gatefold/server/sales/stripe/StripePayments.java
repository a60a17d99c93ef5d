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
import gatefold.server.sales.Purchase;
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
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private final StripeOptions options;

    public StripePayments(StripeOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public boolean availableFor(PaymentAccounts accounts) {
        // Without a webhook secret no payment could ever be confirmed, so the fan is not sent to pay.
        return accounts.stripe().filter(s -> s.webhookSecret() != null && canCharge(s)).isPresent();
    }

    @Override
    public URI begin(Purchase purchase, Release release, PaymentAccounts accounts, CheckoutUrls urls, ProviderReferences references) {
        StripeClient client = accounts.stripe().flatMap(this::client)
                .orElseThrow(() -> Refusal.conflict("This artist does not take card payments yet."));
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(purchase.currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(purchase.amountMinor())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(release.title())
                                        .build())
                                .build())
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

    @Override
    public Optional<Boolean> isPaid(Purchase purchase, PaymentAccounts accounts) {
        Optional<StripeClient> client = accounts.stripe().flatMap(this::client);
        if (client.isEmpty() || purchase.providerRef() == null) {
            return Optional.empty();
        }
        try {
            Session session = client.get().v1().checkout().sessions().retrieve(purchase.providerRef());
            if ("complete".equals(session.getStatus()) && "unpaid".equals(session.getPaymentStatus())) {
                return Optional.empty(); // a slow payment (a bank debit) is under way
            }
            return Optional.of(purchase.id().equals(session.getClientReferenceId()) && "paid".equals(session.getPaymentStatus()));
        } catch (StripeException e) {
            LOG.warn("could not ask stripe about purchase {}: {}", purchase.id(), describe(e));
            return Optional.empty();
        }
    }

    /** The artist has a key of their own, or a connected account and the operator a platform key. */
    private boolean canCharge(PaymentAccounts.Stripe stripe) {
        return stripe.secretKey() != null || stripe.accountId() != null && options.platformKey().isPresent();
    }

    /** A client for the artist's account: their own key, or the platform key acting for their connected account. */
    private Optional<StripeClient> client(PaymentAccounts.Stripe stripe) {
        if (!canCharge(stripe)) {
            return Optional.empty();
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setReadTimeout(READ_TIMEOUT_MS)
                .setMaxNetworkRetries(1);
        options.apiBase().ifPresent(builder::setApiBase);
        if (stripe.secretKey() != null) {
            builder.setApiKey(stripe.secretKey());
        } else {
            builder.setApiKey(options.platformKey().orElseThrow()).setStripeAccount(stripe.accountId());
        }
        return Optional.of(builder.build());
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
