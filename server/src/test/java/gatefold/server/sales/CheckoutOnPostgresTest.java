package gatefold.server.sales;

import gatefold.server.OnPostgres;

/** Checkout's pricing, confirmation and receipts on PostgreSQL. */
@OnPostgres
class CheckoutOnPostgresTest extends CheckoutTest {
}
