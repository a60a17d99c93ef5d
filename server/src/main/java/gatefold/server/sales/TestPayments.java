package gatefold.server.sales;

import gatefold.server.catalog.Release;
import java.net.URI;
import java.util.Optional;

/**
 * Payments that only pretend, for trying the whole flow without an account anywhere.
 * Offered only when the operator sets GATEFOLD_PAYMENTS_TEST=true (and in the demo); the
 * pay page says TEST MODE in large letters.
 */
public final class TestPayments implements PaymentProvider {

    @Override
    public String name() {
        return "test";
    }

    @Override
    public boolean availableFor(PaymentAccounts accounts) {
        return true;
    }

    @Override
    public URI begin(Purchase purchase, Release release, PaymentAccounts accounts, CheckoutUrls urls, ProviderReferences references) {
        references.record(purchase.id(), "test_" + purchase.id());
        return URI.create(urls.success().toString().replace("/receipts/", "/checkout/test/"));
    }

    @Override
    public Optional<Boolean> isPaid(Purchase purchase, PaymentAccounts accounts) {
        // Only the pay button confirms a test payment, so one still pending is not paid.
        return Optional.of(false);
    }
}
