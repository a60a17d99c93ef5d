package gatefold.server.privacy;

import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import org.junit.jupiter.api.BeforeAll;

/** The same requests and erasures on PostgreSQL: the SQL (LIKE ... ESCAPE, string concatenation, the schema scan) runs on both. */
class FanDataOnPostgresTest extends FanDataTest {

    @BeforeAll
    static void start() {
        server = TestServer.startOnPostgres(settings());
        shop = new TestShop(server);
    }
}
