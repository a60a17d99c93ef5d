package gatefold.server.sales.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.StripeException;
import gatefold.server.common.Refusal;
import gatefold.server.sales.ConnectedAccounts;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe Connect: an account id is accepted only when Stripe, asked with the operator's
 * platform key, shows the account (Stripe answers only for accounts connected to that
 * platform).
 */
public final class StripeConnect implements ConnectedAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(StripeConnect.class);
    private final StripeOptions options;

    public StripeConnect(StripeOptions options) {
        this.options = options;
    }

    @Override
    public void confirm(String accountId) {
        if (!accountId.matches("acct_[A-Za-z0-9_]{1,64}")) {
            throw Refusal.invalid("A Stripe Connect 'accountId' looks like acct_ followed by letters and digits.");
        }
        if (options.platformKey().isEmpty()) {
            throw Refusal.invalid("This store has no Stripe platform key, so a Connect account cannot be used here;"
                    + " paste your own Stripe secret key instead.");
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(options.platformKey().get())
                .setConnectTimeout(10_000).setReadTimeout(20_000).setMaxNetworkRetries(1);
        options.apiBase().ifPresent(builder::setApiBase);
        try {
            builder.build().v1().accounts().retrieve(accountId);
        } catch (ApiConnectionException | ApiException e) {
            LOG.warn("could not ask stripe about a connected account: {}", StripePayments.describe(e));
            throw Refusal.unavailable("Stripe is not answering; try again in a moment.", Duration.ofSeconds(30));
        } catch (StripeException e) {
            throw Refusal.invalid("Stripe says " + accountId + " is not connected to this store's platform;"
                    + " connect it first, or paste your own Stripe secret key.");
        }
    }
}
