package gatefold.server.sales;

import gatefold.server.catalog.Release;
import java.net.URI;
import java.util.Optional;

/** A way for a fan to pay the artist directly: Stripe, BTCPay Server, or test payments. */
public interface PaymentProvider {

    /** The name a checkout form sends as {@code provider}. */
    String name();

    boolean availableFor(PaymentAccounts accounts);

    /**
     * Starts the payment at the provider and returns where to send the fan. Implementations
     * record the provider's reference for the purchase (session or invoice id) with
     * {@code references}.
     */
    URI begin(Purchase purchase, Release release, PaymentAccounts accounts, CheckoutUrls urls, ProviderReferences references);

    /**
     * {@link #begin} told how the artist charges tax. The purchase's amount already holds any
     * tax the server split off; only a provider that works out tax itself (Stripe Tax) needs more.
     */
    default URI begin(Purchase purchase, Release release, PaymentAccounts accounts, CheckoutUrls urls, ProviderReferences references,
                      TaxTerms tax) {
        return begin(purchase, release, accounts, urls, references);
    }

    /**
     * Asks the provider itself whether the purchase was paid, for when its webhook is late.
     * Empty when the provider cannot say yet.
     */
    Optional<Boolean> isPaid(Purchase purchase, PaymentAccounts accounts);

    /** Where the provider sends the fan back to. */
    record CheckoutUrls(URI success, URI cancel) {
    }

    /** Records the provider's id for a purchase, so its webhooks can find it. */
    interface ProviderReferences {
        void record(String purchaseId, String providerRef);
    }
}
