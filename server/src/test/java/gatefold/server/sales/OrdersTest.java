package gatefold.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.db.Database;
import gatefold.server.db.TestDatabases;
import gatefold.server.delivery.Entitlements;
import gatefold.server.invoices.Invoices;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a purchase moves, on a bare database (H2 and PostgreSQL), without a server: each move
 * happens once from the states it is allowed from, the fan's entitlement follows, and the
 * states are stored as their words.
 */
class OrdersTest {

    @TempDir
    static Path keys;

    private static Invoices invoices(Jdbi jdbi) {
        return new Invoices(jdbi, new SecretBox(MasterKey.load(Optional.empty(), keys)), URI.create("http://127.0.0.1"));
    }

    @ParameterizedTest
    @MethodSource("gatefold.server.db.TestDatabases#both")
    void aPendingPurchaseIsConfirmedOnceEvenWhenManyAskAtOnce(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            Invoices papers = invoices(db.jdbi());
            Orders orders = new Orders(db.jdbi(), new Entitlements(db.jdbi()), papers);
            String id = pending(db.jdbi(), "pur_many");

            List<CompletableFuture<Boolean>> racing = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> orders.confirm(id))).toList();
            assertThat(racing.stream().filter(CompletableFuture::join).count()).isEqualTo(1);

            Purchase confirmed = orders.byId(id).orElseThrow();
            assertThat(confirmed.status()).isEqualTo(PurchaseStatus.CONFIRMED);
            assertThat(confirmed.entitlementId()).isNotNull();
            assertThat(papers.issued(id)).as("an artist without a seller profile issues no invoice").isEqualTo(SaleDocuments.Issued.NOTHING);
            assertThat(word(db.jdbi(), id)).isEqualTo("confirmed");
            assertThat(entitlementStatus(db.jdbi(), confirmed.entitlementId())).isEqualTo("confirmed");
        }
    }

    @ParameterizedTest
    @MethodSource("gatefold.server.db.TestDatabases#both")
    void eachMoveHappensOnlyFromTheStatesItIsAllowedFrom(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            Invoices papers = invoices(db.jdbi());
            Orders orders = new Orders(db.jdbi(), new Entitlements(db.jdbi()), papers);
            String id = pending(db.jdbi(), "pur_moves");

            assertThat(orders.dispute(id)).as("a pending purchase cannot be disputed").isFalse();
            assertThat(orders.confirm(id)).isTrue();
            assertThat(orders.fail(id, PurchaseStatus.EXPIRED)).as("a paid purchase does not expire").isFalse();
            assertThat(orders.dispute(id)).isTrue();
            assertThat(orders.byId(id).orElseThrow().status()).isEqualTo(PurchaseStatus.DISPUTED);
            String entitlement = orders.byId(id).orElseThrow().entitlementId();
            assertThat(entitlementStatus(db.jdbi(), entitlement)).isEqualTo("disputed");

            assertThat(orders.disputeClosed(id, true)).isTrue();
            assertThat(orders.byId(id).orElseThrow().status()).isEqualTo(PurchaseStatus.CONFIRMED);
            assertThat(entitlementStatus(db.jdbi(), entitlement)).isEqualTo("confirmed");

            assertThat(orders.refund(id)).isTrue();
            assertThat(orders.refund(id)).as("a refund happens once").isFalse();
            assertThat(word(db.jdbi(), id)).isEqualTo("refunded");
            assertThat(entitlementStatus(db.jdbi(), entitlement)).isEqualTo("refunded");
            assertThat(papers.issued(id)).isEqualTo(SaleDocuments.Issued.NOTHING);
        }
    }

    @ParameterizedTest
    @MethodSource("gatefold.server.db.TestDatabases#both")
    void aCheckoutThatEndsUnpaidGrantsNothingAndIsStoredAsItsWord(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            Orders orders = new Orders(db.jdbi(), new Entitlements(db.jdbi()), invoices(db.jdbi()));
            String id = pending(db.jdbi(), "pur_unpaid");

            assertThat(orders.fail(id, PurchaseStatus.EXPIRED)).isTrue();
            assertThat(orders.confirm(id)).as("an expired checkout is never confirmed").isFalse();
            assertThat(orders.byId(id).orElseThrow().entitlementId()).isNull();
            assertThat(word(db.jdbi(), id)).isEqualTo("expired");
        }
    }

    private static String pending(Jdbi jdbi, String id) {
        TestDatabases.release(jdbi, "rel_" + id);
        Instant now = Instant.now();
        Purchase purchase = new Purchase(id, "rel_" + id, "art_1", null, "fan@example.com", 700, "EUR",
                PurchaseStatus.PENDING, "checkout", "test", null, 700L, null, now, now);
        jdbi.useExtension(SalesDao.class, dao -> dao.insert(purchase, "hash-" + id));
        return id;
    }

    private static String word(Jdbi jdbi, String purchaseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM purchases WHERE id = :id").bind("id", purchaseId)
                .mapTo(String.class).one());
    }

    private static String entitlementStatus(Jdbi jdbi, String entitlementId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM entitlements WHERE id = :id").bind("id", entitlementId)
                .mapTo(String.class).one());
    }
}
