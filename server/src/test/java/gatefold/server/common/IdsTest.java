package gatefold.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void randomIdsHaveTheirPrefixAnd128Bits() {
        String id = Ids.next("rel");
        assertThat(Ids.looksLike("rel", id)).isTrue();
        assertThat(Ids.looksLike("fil", id)).isFalse();
        assertThat(Ids.looksLike("rel", "rel_short")).isFalse();
    }

    @Test
    void orderedIdsSortByTheTimeTheyWereMadeAndNeverRepeat() throws Exception {
        List<String> made = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10_000; i++) {
                made.add(Ids.ordered("dl"));
            }
            Thread.sleep(2);
        }
        assertThat(new HashSet<>(made)).hasSize(made.size());
        assertThat(made).allMatch(id -> Ids.looksLike("dl", id));
        // Ids from different milliseconds come out in order; within one millisecond the order is random.
        String first = made.get(0);
        String last = made.get(made.size() - 1);
        assertThat(first.compareTo(last)).isNegative();
        assertThat(made.get(9_999).compareTo(made.get(10_000))).isNegative();
        assertThat(made.get(19_999).compareTo(made.get(20_000))).isNegative();
        // Every character of the alphabet that can appear does, so all 128 bits are in use.
        assertThat(String.join("", made).chars().distinct().count()).isGreaterThanOrEqualTo(64);
    }
}
