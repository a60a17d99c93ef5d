package gatefold.server.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a buyer who owns part of a bundle pays. */
class BundlePriceTest {

    static Release release(String id, String pricing, Long price, Long min) {
        return Release.draft(id, "art_1", "EUR", Instant.EPOCH).price(pricing, "EUR", price, min).build();
    }

    static final Release A = release("a", "fixed", 700L, null);
    static final Release B = release("b", "fixed", 700L, null);
    static final Release C = release("c", "pwyw", null, 700L);
    static final Release FREE = release("f", "free", null, null);

    static Bundle bundle(long price, Long min) {
        return new Bundle("bun_1", "art_1", "All", "EUR", price, min, false, Instant.EPOCH);
    }

    static long pay(Bundle bundle, List<Release> releases, String... owned) {
        return BundlePrice.of(bundle, releases, Set.of(owned)).price().minor();
    }

    @Test
    void someoneWhoOwnsNothingPaysTheBundlePrice() {
        assertThat(pay(bundle(1500, null), List.of(A, B, C))).isEqualTo(1500);
        assertThat(BundlePrice.of(bundle(1500, null), List.of(A, B, C), Set.of()).full().minor()).isEqualTo(2100);
    }

    @Test
    void ownedReleasesComeOffInProportionToTheirPrice() {
        assertThat(pay(bundle(1500, null), List.of(A, B, C), "a")).isEqualTo(1000);
        assertThat(pay(bundle(1500, null), List.of(A, B, C), "a", "c")).isEqualTo(500);
        // 20.00 with one of three equal releases owned: 13.33, rounded half up in whole cents.
        assertThat(pay(bundle(2000, null), List.of(A, B, C), "b")).isEqualTo(1333);
        assertThat(pay(bundle(1000, null), List.of(A, B, C), "a", "b")).isEqualTo(333);
        assertThat(pay(bundle(1001, null), List.of(A, B), "a")).isEqualTo(501);
    }

    @Test
    void aFreeReleaseOwnedTakesNothingOff() {
        assertThat(pay(bundle(1000, null), List.of(A, FREE), "f")).isEqualTo(1000);
        assertThat(BundlePrice.of(bundle(1000, null), List.of(A, FREE), Set.of("f")).toGet()).containsExactly(A);
    }

    @Test
    void neverBelowTheArtistsMinimumNorAboveThePrice() {
        assertThat(pay(bundle(1500, 1200L), List.of(A, B, C), "a")).isEqualTo(1200);
        assertThat(pay(bundle(1500, 1200L), List.of(A, B, C), "a", "b")).isEqualTo(1200);
        assertThat(pay(bundle(1500, 400L), List.of(A, B, C), "a", "b")).isEqualTo(500);
    }

    @Test
    void owningEverythingLeavesNothingToBuy() {
        assertThatThrownBy(() -> pay(bundle(1500, null), List.of(A, B), "a", "b")).isInstanceOf(Refusal.class)
                .hasMessageContaining("own every release");
    }
}
