package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one bounding rule behind the watch routes' playlists and segments and the segments' checks. */
class BoundedMapTest {

    @Test
    void whenFullTheStaleGoFirstAndTheRestStays() {
        BoundedMap<Integer> kept = new BoundedMap<>(4, value -> value < 0);
        kept.put("a", -1);
        kept.put("b", 2);
        kept.put("c", -3);
        kept.put("d", 4);
        kept.put("e", 5);
        assertThat(kept.get("a")).isNull();
        assertThat(kept.get("c")).isNull();
        assertThat(kept.get("b")).isEqualTo(2);
        assertThat(kept.get("d")).isEqualTo(4);
        assertThat(kept.get("e")).isEqualTo(5);
    }

    @Test
    void whenFullOfWhatNeverGoesStaleItStartsAfresh() {
        BoundedMap<String> kept = new BoundedMap<>(WatchRoutes.KEPT);
        for (int i = 0; i < WatchRoutes.KEPT; i++) {
            kept.put("playlist-" + i, "#EXTM3U " + i);
        }
        assertThat(kept.get("playlist-0")).isEqualTo("#EXTM3U 0");
        kept.put("one more", "#EXTM3U");
        assertThat(kept.get("one more")).isEqualTo("#EXTM3U");
        assertThat(kept.get("playlist-0")).isNull();
        assertThat(kept.get("playlist-" + (WatchRoutes.KEPT - 1))).isNull();
    }
}
