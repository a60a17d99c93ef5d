package gatefold.server.codes;

import gatefold.server.OnPostgres;

/** Download codes on PostgreSQL: one use per fan, and a code's last use is spent once. */
@OnPostgres
class RedeemOnPostgresTest extends RedeemTest {
}
