package gatefold.server;

import gatefold.server.db.TestDatabases;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class's {@link TestServer}s on the tests' shared PostgreSQL instead of H2. Put it
 * on an empty subclass of a service test ({@code class CheckoutOnPostgresTest extends
 * CheckoutTest}) so the same tests run on both databases in every build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("postgres")
@ExtendWith(OnPostgres.Choice.class)
public @interface OnPostgres {

    /** Switches {@link TestServer} to PostgreSQL before the class's {@code @BeforeAll} and back after its {@code @AfterAll}. */
    final class Choice implements BeforeAllCallback, AfterAllCallback {

        private int h2Before;

        @Override
        public void beforeAll(ExtensionContext context) {
            TestServer.useDatabase(TestDatabases.Kind.POSTGRES);
            h2Before = TestServer.startedOnH2();
        }

        /** A server that started on H2 anyway would pass these tests without PostgreSQL: that fails the class. */
        @Override
        public void afterAll(ExtensionContext context) {
            TestServer.useDatabase(TestServer.DEFAULT_DATABASE);
            int onH2 = TestServer.startedOnH2() - h2Before;
            if (onH2 > 0) {
                throw new AssertionError(onH2 + " server(s) of " + context.getDisplayName() + " started on H2, not PostgreSQL");
            }
        }
    }
}
