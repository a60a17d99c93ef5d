package gatefold.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.db.Database;
import gatefold.server.db.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The uses of a discount code, on a bare database (H2 and PostgreSQL), without a server: the
 * guarded increment alone decides who gets the last use, a use given back returns once, and a
 * spent use stays spent.
 */
class DiscountHoldsTest {

    @ParameterizedTest
    @MethodSource("gatefold.server.db.TestDatabases#both")
    void twoUsesGoToTwoOfEightCheckoutsStartingAtOnce(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            String discount = code(db.jdbi(), "TWOLEFT", 2);
            List<CompletableFuture<Boolean>> racing = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                    hold(db.jdbi(), "TWOLEFT", "pur_race_" + i))).toList();

            assertThat(racing.stream().filter(CompletableFuture::join).count()).isEqualTo(2);
            assertThat(uses(db.jdbi(), discount)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("gatefold.server.db.TestDatabases#both")
    void aUseGivenBackReturnsOnceAndASpentUseStaysSpent(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            String discount = code(db.jdbi(), "ONELEFT", 1);
            Jdbi jdbi = db.jdbi();
            assertThat(hold(jdbi, "ONELEFT", "pur_first")).isTrue();
            assertThat(hold(jdbi, "ONELEFT", "pur_second"))
                    .as("the only use is held").isFalse();

            jdbi.useTransaction(h -> DiscountHolds.giveBack(h, "pur_first"));
            jdbi.useTransaction(h -> DiscountHolds.giveBack(h, "pur_first"));
            assertThat(uses(jdbi, discount)).as("given back once, however often asked").isZero();

            assertThat(hold(jdbi, "ONELEFT", "pur_third")).isTrue();
            jdbi.useTransaction(h -> DiscountHolds.spend(h, "pur_third"));
            jdbi.useTransaction(h -> DiscountHolds.giveBack(h, "pur_third"));
            assertThat(uses(jdbi, discount)).as("a spent use is not given back").isEqualTo(1);
            assertThat(hold(jdbi, "NOSUCHCODE", "pur_fourth")).isFalse();
        }
    }

    private static boolean hold(Jdbi jdbi, String code, String purchaseId) {
        Boolean held = jdbi.inTransaction(h -> DiscountHolds.hold(h, "art_1", code, purchaseId, Instant.now()));
        return held;
    }

    private static String code(Jdbi jdbi, String code, int maxUses) {
        TestDatabases.release(jdbi, "rel_" + code);
        return new DiscountCodes(jdbi).create("art_1", null, code, 10, null, null, null, maxUses).id();
    }

    private static int uses(Jdbi jdbi, String discountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT uses FROM discount_codes WHERE id = :id").bind("id", discountId)
                .mapTo(Integer.class).one());
    }
}
