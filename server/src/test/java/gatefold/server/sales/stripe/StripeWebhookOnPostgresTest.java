package gatefold.server.sales.stripe;

import gatefold.server.OnPostgres;

/** Stripe's webhooks on PostgreSQL: a replayed event confirms a purchase once. */
@OnPostgres
class StripeWebhookOnPostgresTest extends StripeWebhookTest {
}
