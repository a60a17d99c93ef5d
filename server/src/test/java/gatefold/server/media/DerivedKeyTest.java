package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerivedKeyTest {

    static final String MASTER = "a".repeat(64);
    static final String COVER = "c".repeat(64);
    static final TrackTags TAGS = new TrackTags("Song", "Artist", "Album", "Artist", 1, 10, 1, 1, 2026, "Folk", "Writer",
            "Mixed by M", "℗ 2026 Artist", "https://store.example/r/1");

    @Test
    void changingNothingKeepsTheKey() {
        DerivedKey key = DerivedKey.of(MASTER, AudioFormat.FLAC, TAGS, Optional.of(COVER));
        DerivedKey again = DerivedKey.of(MASTER.toUpperCase(), AudioFormat.FLAC, TAGS.withTitle("Song"), Optional.of(COVER));
        assertThat(again).isEqualTo(key);
        assertThat(key.hex()).hasSize(64);
    }

    @Test
    void everyInputChangesTheKey() {
        List<DerivedKey> keys = List.of(
                DerivedKey.of(MASTER, AudioFormat.FLAC, TAGS, Optional.of(COVER)),
                DerivedKey.of("b".repeat(64), AudioFormat.FLAC, TAGS, Optional.of(COVER)),
                DerivedKey.of(MASTER, AudioFormat.ALAC, TAGS, Optional.of(COVER)),
                DerivedKey.of(MASTER, AudioFormat.FLAC, TAGS.withTitle("Song (Remastered)"), Optional.of(COVER)),
                DerivedKey.of(MASTER, AudioFormat.FLAC, TAGS.withComment("https://store.example/r/2"), Optional.of(COVER)),
                DerivedKey.of(MASTER, AudioFormat.FLAC, TAGS, Optional.of("d".repeat(64))),
                DerivedKey.of(MASTER, AudioFormat.FLAC, TAGS, Optional.empty()),
                DerivedKey.of(MASTER, AudioFormat.FLAC, new TrackTags("Song", "Artist", "Album", "Artist", 2, 10, 1, 1, 2026,
                        "Folk", "Writer", "Mixed by M", "℗ 2026 Artist", "https://store.example/r/1"), Optional.of(COVER)),
                DerivedKey.ofPreview(MASTER, PreviewClip.whole()),
                DerivedKey.ofPreview(MASTER, PreviewClip.of(Duration.ofSeconds(30), Duration.ofSeconds(30))),
                DerivedKey.ofPreview(MASTER, PreviewClip.of(Duration.ofSeconds(31), Duration.ofSeconds(30))));
        Set<DerivedKey> distinct = new HashSet<>(keys);
        assertThat(distinct).hasSameSizeAs(keys);
    }

    @Test
    void valuesCannotBleedIntoTheirNeighbours() {
        TrackTags one = new TrackTags("ab", "c", "", "", 0, 0, 0, 0, 0, "", "", "", "", "");
        TrackTags other = new TrackTags("a", "bc", "", "", 0, 0, 0, 0, 0, "", "", "", "", "");
        assertThat(DerivedKey.of(MASTER, AudioFormat.MP3_320, one, Optional.empty()))
                .isNotEqualTo(DerivedKey.of(MASTER, AudioFormat.MP3_320, other, Optional.empty()));
    }

    @Test
    void tagsAreComparedAsTheyWillBeWritten() {
        TrackTags decomposed = TAGS.withTitle("Cafe\u0301\r\nDel Mar");
        TrackTags composed = TAGS.withTitle("Café\nDel Mar");
        assertThat(DerivedKey.of(MASTER, AudioFormat.OPUS, decomposed, Optional.empty()))
                .isEqualTo(DerivedKey.of(MASTER, AudioFormat.OPUS, composed, Optional.empty()));
    }
}
