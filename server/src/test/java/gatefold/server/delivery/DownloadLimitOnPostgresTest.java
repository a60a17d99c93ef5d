package gatefold.server.delivery;

import gatefold.server.OnPostgres;

/** The download rule in every delivery mode, on PostgreSQL. */
@OnPostgres
class DownloadLimitOnPostgresTest extends DownloadLimitTest {
}
