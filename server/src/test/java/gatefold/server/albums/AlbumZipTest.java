package gatefold.server.albums;

import static gatefold.server.albums.TestItems.RELEASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.common.Refusal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlbumZipTest {

    @TempDir
    Path dir;

    @Test
    void everyReaderGetsEveryTrackCoverAndPlaylistBackExactly() throws Exception {
        List<ZipItem> items = album(new Random(14));
        AlbumZip zip = AlbumZip.of(items);

        Path file = written(zip);

        assertThat(Files.size(file)).isEqualTo(zip.length());
        ZipReaders.allAgree(file, items);
    }

    @Test
    void aSingleTrackAndAThousandTracksBothUnpack() throws Exception {
        List<ZipItem> one = List.of(TestItems.generated("01 Only Track.flac", 123_457, 1));
        ZipReaders.allAgree(written(AlbumZip.of(one)), one);

        Random random = new Random(1000);
        List<ZipItem> many = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            many.add(TestItems.generated(String.format("%04d Track.mp3", i), random.nextInt(3000), 1000 + i));
        }
        ZipReaders.allAgree(written(AlbumZip.of(many)), many);
    }

    @Test
    void emptyFilesAndAnEmptyZipAreValid() throws Exception {
        List<ZipItem> items = List.of(
                TestItems.generated("empty-first.txt", 0, 5),
                TestItems.generated("middle.bin", 1, 6),
                TestItems.generated("empty-last.txt", 0, 7));
        ZipReaders.allAgree(written(AlbumZip.of(items)), items);

        AlbumZip none = AlbumZip.of(List.of());
        assertThat(none.length()).isEqualTo(22);
        assertThat(ZipReaders.python(written(none), true)).isEmpty();
        ZipReaders.zipFileAgrees(written(none), List.of());
    }

    @Test
    void theSameItemsGiveTheSameBytesAndETag() throws Exception {
        AlbumZip first = AlbumZip.of(album(new Random(3)));
        AlbumZip again = AlbumZip.of(album(new Random(3)));

        assertThat(TestItems.whole(again)).isEqualTo(TestItems.whole(first));
        assertThat(again.etag()).isEqualTo(first.etag()).matches("[A-Za-z0-9_-]{24}");
        assertThat(again.length()).isEqualTo(first.length());
    }

    @Test
    void anythingThatChangesTheBytesChangesTheETag() throws Exception {
        List<ZipItem> items = List.of(TestItems.generated("01 A.flac", 1000, 1), TestItems.generated("02 B.flac", 2000, 2));
        ZipItem a = items.get(0);
        String etag = AlbumZip.of(items).etag();
        List<List<ZipItem>> variants = List.of(
                List.of(a.withName("01 A2.flac"), items.get(1)),
                List.of(new ZipItem(a.name(), a.size(), a.crc32() ^ 1, a.modified(), a.identity(), a.bytes()), items.get(1)),
                List.of(new ZipItem(a.name(), a.size(), a.crc32(), a.modified().plusSeconds(2), a.identity(), a.bytes()), items.get(1)),
                List.of(new ZipItem(a.name(), a.size(), a.crc32(), a.modified(), "other", a.bytes()), items.get(1)),
                List.of(items.get(1), a),
                List.of(a));
        for (List<ZipItem> variant : variants) {
            assertThat(AlbumZip.of(variant).etag()).isNotEqualTo(etag);
        }
        // A time inside the same two-second DOS step gives the same bytes, hence the same ETag.
        ZipItem sameStep = new ZipItem(a.name(), a.size(), a.crc32(), a.modified().plusMillis(400), a.identity(), a.bytes());
        assertThat(AlbumZip.of(List.of(sameStep, items.get(1))).etag()).isEqualTo(etag);
    }

    @Test
    void headersCarryCrcAndSizesWithUtf8NamesAndNoZip64() throws Exception {
        List<ZipItem> items = album(new Random(8));
        AlbumZip zip = AlbumZip.of(items);
        JsonNode entries = ZipReaders.python(written(zip), false);

        for (JsonNode e : entries) {
            assertThat(e.get("flags").asInt()).as("UTF-8 flag only, no data descriptor").isEqualTo(0x800);
            assertThat(e.get("extra").asText()).as("no extra fields").isEmpty();
            assertThat(e.get("version").asInt()).isEqualTo(20);
        }
        assertThat(zip.zip64()).isFalse();
        byte[] bytes = TestItems.whole(zip);
        int endRecord = bytes.length - 22;
        assertThat(le32(bytes, endRecord)).isEqualTo(0x06054b50);
        assertThat(le32(bytes, endRecord - 20)).as("no ZIP64 locator").isNotEqualTo(0x07064b50);
        // The local header itself has the CRC and both sizes (ZipInputStream-style readers need them).
        assertThat(le32(bytes, 14)).isEqualTo((int) items.get(0).crc32());
        assertThat(le32(bytes, 18)).isEqualTo((int) items.get(0).size());
        assertThat(le32(bytes, 22)).isEqualTo((int) items.get(0).size());
    }

    @Test
    void timesAreStoredInUtcToTheEvenSecond() throws Exception {
        List<ZipItem> items = List.of(
                ZipItem.ofBytes("a.txt", new byte[] {1}, Instant.parse("2026-11-20T17:45:31.900Z")),
                ZipItem.ofBytes("b.txt", new byte[] {2}, Instant.parse("1970-01-01T00:00:00Z")),
                ZipItem.ofBytes("c.txt", new byte[] {3}, Instant.parse("2199-01-01T00:00:00Z")));
        JsonNode entries = ZipReaders.python(written(AlbumZip.of(items)), true);

        assertThat(entries.get(0).get("time").toString()).isEqualTo("[2026,11,20,17,45,30]");
        assertThat(entries.get(1).get("time").toString()).isEqualTo("[1980,1,1,0,0,0]");
        assertThat(entries.get(2).get("time").toString()).isEqualTo("[2107,12,31,23,59,58]");
    }

    @Test
    void aSourceThatEndsEarlyFailsTheDownloadInsteadOfSendingWrongBytes() {
        ZipItem liar = new ZipItem("01 Short.flac", 100, 0, RELEASED, "x", (offset, length) -> new ByteArrayInputStream(new byte[50]));
        AlbumZip zip = AlbumZip.of(List.of(liar));

        assertThatThrownBy(() -> zip.write(new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("01 Short.flac").hasMessageContaining("100");
    }

    @Test
    void rangesOutsideTheZipAreRefused() throws Exception {
        AlbumZip zip = AlbumZip.of(List.of(TestItems.generated("a.bin", 10, 1)));
        long length = zip.length();

        assertThatThrownBy(() -> zip.open(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> zip.open(0, length + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> zip.open(length, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> zip.open(1, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        try (var empty = zip.open(length, 0)) {
            assertThat(empty.read()).isEqualTo(-1);
        }
    }

    @Test
    void refusalsAreDomainRefusals() {
        assertThatThrownBy(() -> AlbumZip.of(List.of(ZipItem.ofBytes("../x", new byte[0], RELEASED))))
                .isInstanceOf(Refusal.class)
                .extracting(e -> ((Refusal) e).kind()).isEqualTo(Refusal.Kind.INVALID);
    }

    /** A small album: tracks from temp files and generators, an empty extra, a cover, a playlist. */
    private List<ZipItem> album(Random random) throws IOException {
        List<ZipItem> items = new ArrayList<>();
        List<Playlist.Track> tracks = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String name = String.format("%02d Track %d.flac", i, i);
            int size = random.nextInt(200_000);
            items.add(i % 2 == 0 ? TestItems.file(dir, name, size, random) : TestItems.generated(name, size, random.nextLong() | 1));
            tracks.add(new Playlist.Track(name, "The Band", "Track " + i, 180 + i));
        }
        items.add(TestItems.generated("extras/Liner notes.txt", 0, 9));
        byte[] cover = new byte[30_000];
        random.nextBytes(cover);
        items.add(ZipItem.ofBytes("cover.jpg", cover, RELEASED));
        items.add(ZipItem.ofBytes("The Band - Album.m3u", Playlist.m3u(tracks), RELEASED));
        return items;
    }

    private Path written(AlbumZip zip) throws IOException {
        Path file = Files.createTempFile(dir, "album", ".zip");
        try (var out = Files.newOutputStream(file)) {
            zip.write(out);
        }
        return file;
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
