package gatefold.server.sales;

/**
 * Confirms with the payment platform that an account an artist names is really connected
 * to this store's platform, before Gatefold charges on its behalf: otherwise anyone could
 * claim someone else's connected account and receive its fans' payments.
 */
@FunctionalInterface
public interface ConnectedAccounts {

    /** Returns when the platform confirms the account; throws a refusal naming why not. */
    void confirm(String accountId);
}
