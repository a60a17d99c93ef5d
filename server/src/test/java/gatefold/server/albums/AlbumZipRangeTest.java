package gatefold.server.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.storage.BlobKey;
import gatefold.storage.BufferReadable;
import gatefold.storage.ByteRange;
import gatefold.storage.FileBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download manager that resumes, or fetches pieces in parallel, gets the one-piece zip byte for byte. */
class AlbumZipRangeTest {

    @TempDir
    Path dir;

    @Test
    void resumingAtAnyCutGivesTheSameBytes() throws Exception {
        Random random = new Random(42);
        List<ZipItem> items = items(random);
        AlbumZip zip = AlbumZip.of(items);
        byte[] whole = TestItems.whole(zip);
        assertThat(whole).hasSize((int) zip.length());

        for (long cut : cutPoints(items, zip.length(), random)) {
            ByteArrayOutputStream resumed = new ByteArrayOutputStream();
            zip.write(resumed, 0, cut);
            zip.write(resumed, cut, zip.length() - cut);
            assertThat(resumed.toByteArray()).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void fiveRangesFetchedInRandomOrderMakeTheWhole() throws Exception {
        Random random = new Random(7);
        List<ZipItem> items = items(random);
        AlbumZip zip = AlbumZip.of(items);
        byte[] whole = TestItems.whole(zip);

        for (int round = 0; round < 30; round++) {
            TreeSet<Long> cuts = new TreeSet<>(List.of(0L, zip.length()));
            while (cuts.size() < 6) {
                cuts.add(1 + (long) (random.nextDouble() * (zip.length() - 1)));
            }
            List<long[]> ranges = new ArrayList<>();
            Long previous = null;
            for (long cut : cuts) {
                if (previous != null) {
                    ranges.add(new long[] {previous, cut - previous});
                }
                previous = cut;
            }
            Collections.shuffle(ranges, random);
            byte[] assembled = new byte[whole.length];
            for (long[] range : ranges) {
                byte[] piece = round % 2 == 0 ? viaWrite(zip, range[0], range[1]) : viaOpen(zip, range[0], range[1]);
                assertThat(piece).hasSize((int) range[1]);
                System.arraycopy(piece, 0, assembled, (int) range[0], piece.length);
            }
            assertThat(assembled).as("round %d", round).isEqualTo(whole);
        }
    }

    @Test
    void aRangeReadsFromTheStoreOnlyWhatItSends() throws Exception {
        List<String> opened = new ArrayList<>();
        List<ZipItem> items = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ZipItem plain = TestItems.generated("0" + i + ".flac", 10_000, i);
            String name = plain.name();
            items.add(new ZipItem(name, plain.size(), plain.crc32(), plain.modified(), plain.identity(), (offset, length) -> {
                opened.add(name + " " + offset + "+" + length);
                return plain.bytes().open(offset, length);
            }));
        }
        AlbumZip zip = AlbumZip.of(items);
        long data2 = 2 * (30 + 7 + 10_000L) + 30 + 7; // where the third entry's bytes start

        viaWrite(zip, data2 + 100, 50);
        assertThat(opened).containsExactly("03.flac 100+50");

        opened.clear();
        viaWrite(zip, data2 - 37 - 5, 5 + 37 + 10_000 + 37 + 30);
        assertThat(opened).containsExactly("02.flac 9995+5", "03.flac 0+10000", "04.flac 0+30");

        opened.clear();
        viaWrite(zip, zip.length() - 100, 100);
        viaWrite(zip, data2 - 37, 37);
        assertThat(opened).as("headers and directory need no item bytes").isEmpty();
    }

    @Test
    void readingOneByteAtATimeAndSkippingAgreeWithTheWhole() throws Exception {
        AlbumZip zip = AlbumZip.of(items(new Random(3)));
        byte[] whole = TestItems.whole(zip);
        try (InputStream in = zip.open(0, zip.length())) {
            for (int i = 0; i < 5000; i++) {
                assertThat(in.read()).isEqualTo(whole[i] & 0xFF);
            }
            assertThat(in.skip(100_000)).isEqualTo(100_000);
            byte[] rest = in.readAllBytes();
            assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(whole, 105_000, whole.length));
        }
        try (InputStream in = zip.open(10, zip.length() - 10)) {
            assertThat(in.skip(200_000)).as("skipping past the source opened up front").isEqualTo(200_000);
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(whole, 200_010, whole.length));
        }
    }

    /**
     * A download copies an album the way it copies a file from the local disk, through a buffer
     * outside the heap: items in the file store are read straight into it, others through an
     * array; any buffer size and any range gives the same bytes as the one-piece zip.
     */
    @Test
    void readingIntoBuffersOutsideTheHeapGivesTheSameBytes() throws Exception {
        Random random = new Random(11);
        FileBlobStore store = new FileBlobStore(dir.resolve("store"), java.net.URI.create("http://127.0.0.1/"), new byte[32]);
        List<ZipItem> items = new ArrayList<>(items(random));
        for (int i = 0; i < 4; i++) {
            byte[] content = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(content);
            BlobKey key = BlobKey.of("artists/a/releases/r/blob_" + i);
            store.put(key, new java.io.ByteArrayInputStream(content), content.length, "audio/flac");
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(content);
            items.add(new ZipItem(String.format("%02d Stored.flac", 20 + i), content.length, crc.getValue(), TestItems.RELEASED,
                    key.value(), (offset, length) -> store.get(key, ByteRange.of(offset, offset + length - 1))));
        }
        AlbumZip zip = AlbumZip.of(items);
        byte[] whole = TestItems.whole(zip);

        for (int round = 0; round < 20; round++) {
            long from = round == 0 ? 0 : (long) (random.nextDouble() * whole.length);
            long length = round == 0 ? whole.length : (long) (random.nextDouble() * (whole.length - from));
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 + random.nextInt(70_000));
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try (InputStream in = zip.open(from, length)) {
                assertThat(in).isInstanceOf(BufferReadable.class);
                int n;
                while ((n = ((BufferReadable) in).read(buffer.clear())) >= 0) {
                    byte[] chunk = new byte[n];
                    buffer.flip().get(chunk);
                    read.write(chunk);
                }
            }
            assertThat(read.toByteArray()).as("round %d", round)
                    .isEqualTo(java.util.Arrays.copyOfRange(whole, (int) from, (int) (from + length)));
        }
    }

    @Test
    void aStoreThatIsDownFailsTheRangeBeforeAnyByteIsSent() throws Exception {
        ZipItem fine = TestItems.generated("01 Fine.flac", 5000, 1);
        ZipItem down = new ZipItem("02 Down.flac", 5000, 0, TestItems.RELEASED, "x", (offset, length) -> {
            throw new IOException("store unavailable");
        });
        AlbumZip zip = AlbumZip.of(List.of(fine, down));
        long secondHeader = 30 + 12 + 5000;

        assertThatThrownBy(() -> zip.open(secondHeader, 100)).isInstanceOf(IOException.class).hasMessage("store unavailable");
        assertThatThrownBy(() -> zip.write(new ByteArrayOutputStream(), secondHeader + 1, 100)).isInstanceOf(IOException.class);
        assertThat(viaWrite(zip, secondHeader + 1, 10)).as("a header alone needs no store").hasSize(10);
        assertThat(viaOpen(zip, 0, secondHeader + 30)).hasSize((int) secondHeader + 30);
        assertThat(viaOpen(zip, zip.length() - 100, 100)).as("the directory (2 x 58 + 22 bytes) needs no store").hasSize(100);
    }

    private List<ZipItem> items(Random random) throws IOException {
        List<ZipItem> items = new ArrayList<>();
        items.add(TestItems.generated("00 empty.txt", 0, 1));
        items.add(TestItems.generated("01 one byte.bin", 1, 2));
        for (int i = 2; i < 12; i++) {
            String name = String.format("%02d Track.flac", i);
            int size = 1 + random.nextInt(150_000);
            items.add(i % 2 == 0 ? TestItems.file(dir, name, size, random) : TestItems.generated(name, size, random.nextLong() | 1));
        }
        items.add(TestItems.generated("99 empty too.txt", 0, 3));
        return items;
    }

    /** Every header and data boundary, one byte either side, both ends, and random points. */
    private static TreeSet<Long> cutPoints(List<ZipItem> items, long length, Random random) {
        TreeSet<Long> cuts = new TreeSet<>(List.of(0L, 1L, length - 1, length));
        long position = 0;
        for (ZipItem item : items) {
            long data = position + 30 + item.name().length();
            position = data + item.size();
            for (long edge : new long[] {data - 30 - item.name().length(), data, position}) {
                for (long near = edge - 1; near <= edge + 1; near++) {
                    if (near >= 0 && near <= length) {
                        cuts.add(near);
                    }
                }
            }
        }
        for (int i = 0; i < 100; i++) {
            cuts.add((long) (random.nextDouble() * length));
        }
        return cuts;
    }

    private static byte[] viaWrite(AlbumZip zip, long offset, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zip.write(out, offset, length);
        return out.toByteArray();
    }

    private static byte[] viaOpen(AlbumZip zip, long offset, long length) throws IOException {
        try (InputStream in = zip.open(offset, length)) {
            return in.readAllBytes();
        }
    }
}
