package gatefold.server.albums;

import gatefold.server.common.Crc32Combine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZIP64 exactly when a value reaches its marker: entries past 4 GiB, and more than 65,534 entries. */
class AlbumZipZip64Test {

    private static final long FOUR_GIB = 1L << 32;

    @TempDir
    Path dir;

    /** Six passes over 4 GiB (writing, four readers, a resumed read): about a minute of CPU, hence the tags. */
    @Test
    @Tag("long")
    @Tag("large")
    void anAlbumWithAFileOver4GiBUnpacksEverywhere() throws Exception {
        long bigSize = FOUR_GIB + 1000;
        List<ZipItem> items = List.of(
                TestItems.generated("01 before.bin", 5000, 11),
                TestItems.generated("02 long take.wav", bigSize, Generated.ZEROS, crcOfZeros(bigSize)),
                TestItems.generated("03 after.bin", 7000, 12),
                TestItems.generated("04 empty.txt", 0, 13));
        AlbumZip zip = AlbumZip.of(items);
        Path file = dir.resolve("big.zip");

        long crcOfWhole = SparseZipFile.write(zip, file);

        assertThat(Files.size(file)).isEqualTo(zip.length());
        String blocks = ZipReaders.run(List.of("stat", "--format=%b", file.toString())).trim();
        assertThat(Long.parseLong(blocks)).as("sparse: the zeros are not on disk").isLessThan(1024);
        assertThat(zip.zip64()).isTrue();
        ZipReaders.allAgree(file, items);

        JsonNode entries = ZipReaders.python(file, false);
        long afterOffset = entries.get(2).get("offset").asLong();
        assertThat(afterOffset).isGreaterThan(FOUR_GIB);
        assertThat(entries.get(0).get("extra").asText()).isEmpty();
        assertThat(entries.get(1).get("extra").asText()).isEqualTo("01001000" + le64(bigSize) + le64(bigSize));
        assertThat(entries.get(2).get("extra").asText()).isEqualTo("01000800" + le64(afterOffset));
        assertThat(entries.get(1).get("version").asInt()).isEqualTo(45);

        // Ranges across the 4 GiB line, the big entry's end, and the directory equal the file's bytes.
        try (RandomAccessFile written = new RandomAccessFile(file.toFile(), "r")) {
            for (long at : new long[] {0, 5000, FOUR_GIB - 3000, FOUR_GIB - 1, afterOffset - 1500, afterOffset + 10, zip.length() - 5000}) {
                assertThat(range(zip, at, 4096)).as("range at %d", at).isEqualTo(fileRange(written, at, 4096));
            }
        }
        // Resuming in the middle of the big entry: the pieces' CRCs combine to the whole's.
        long cut = FOUR_GIB - 12345;
        long resumed = Crc32Combine.combine(crcOfRange(zip, 0, cut), crcOfRange(zip, cut, zip.length() - cut), zip.length() - cut);
        assertThat(resumed).isEqualTo(crcOfWhole);
    }

    @Test
    void sizesAndOffsetsTakeTheZip64FormAtTheMarkerAndNotBelow() throws Exception {
        long marker = 0xFFFFFFFFL;
        List<ZipItem> items = List.of(
                TestItems.generated("at marker.bin", marker, Generated.ZEROS, crcOfZeros(marker)),
                TestItems.generated("below marker.bin", marker - 1, Generated.ZEROS, crcOfZeros(marker - 1)),
                TestItems.generated("after.txt", 10, 3));
        AlbumZip zip = AlbumZip.of(items);
        Path file = dir.resolve("marker.zip");
        SparseZipFile.write(zip, file);

        JsonNode entries = ZipReaders.python(file, false);
        long belowOffset = entries.get(1).get("offset").asLong();
        assertThat(entries.get(0).get("extra").asText()).as("size at the marker").isEqualTo("01001000" + le64(marker) + le64(marker));
        assertThat(entries.get(1).get("extra").asText()).as("size below, offset past").isEqualTo("01000800" + le64(belowOffset));
        assertThat(entries.findValuesAsText("size")).containsExactly(String.valueOf(marker), String.valueOf(marker - 1), "10");
        try (ZipFile java = new ZipFile(file.toFile())) {
            assertThat(java.getEntry("at marker.bin").getSize()).isEqualTo(marker);
            assertThat(java.getEntry("below marker.bin").getSize()).isEqualTo(marker - 1);
            assertThat(java.getEntry("below marker.bin").getCrc()).isEqualTo(crcOfZeros(marker - 1));
        }
        ByteBuffer atMarker = ByteBuffer.wrap(range(zip, 0, 30)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(atMarker.getInt(18)).as("local size is the marker").isEqualTo(-1);
        assertThat(atMarker.getShort(28)).as("local ZIP64 field with both sizes").isEqualTo((short) 20);
        ByteBuffer below = ByteBuffer.wrap(range(zip, belowOffset, 30)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(below.getInt(0)).isEqualTo(0x04034b50);
        assertThat(below.getInt(22) & 0xFFFFFFFFL).isEqualTo(marker - 1);
        assertThat(below.getShort(28)).as("no local extra below the marker").isZero();
    }

    @Test
    void seventyThousandEntriesUnpackEverywhere() throws Exception {
        Random random = new Random(70_000);
        List<ZipItem> items = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            items.add(TestItems.generated(String.format("part %d/%05d.bin", i / 10_000, i), random.nextInt(24), i + 1));
        }
        AlbumZip zip = AlbumZip.of(items);
        Path file = dir.resolve("many.zip");
        try (var out = Files.newOutputStream(file)) {
            zip.write(out);
        }

        assertThat(zip.zip64()).isTrue();
        ZipReaders.allAgree(file, items);
        assertThat(ZipReaders.python(file, false).findValuesAsText("extra")).allMatch(String::isEmpty);
    }

    @Test
    void theEntryCountTakesTheZip64FormFrom65535() throws Exception {
        assertThat(AlbumZip.of(emptyEntries(65_534)).zip64()).isFalse();
        AlbumZip atMarker = AlbumZip.of(emptyEntries(65_535));
        assertThat(atMarker.zip64()).isTrue();
        Path file = dir.resolve("count.zip");
        try (var out = Files.newOutputStream(file)) {
            atMarker.write(out);
        }
        assertThat(ZipReaders.python(file, false)).hasSize(65_535);
        try (ZipFile java = new ZipFile(file.toFile())) {
            assertThat(java.size()).isEqualTo(65_535);
        }
        byte[] end = range(atMarker, atMarker.length() - 22, 22);
        assertThat(ByteBuffer.wrap(end).order(ByteOrder.LITTLE_ENDIAN).getShort(10)).isEqualTo((short) 0xFFFF);
    }

    private static List<ZipItem> emptyEntries(int count) {
        List<ZipItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(TestItems.generated("e" + i, 0, 1, 0));
        }
        return items;
    }

    /** The CRC-32 of n zero bytes, by doubling with {@link Crc32Combine} (never reading them). */
    static long crcOfZeros(long n) {
        CRC32 one = new CRC32();
        one.update(0);
        long power = one.getValue();
        long powerLength = 1;
        long result = 0;
        for (long rest = n; rest > 0; rest >>>= 1) {
            if ((rest & 1) != 0) {
                result = Crc32Combine.combine(result, power, powerLength);
            }
            power = Crc32Combine.combine(power, power, powerLength);
            powerLength <<= 1;
        }
        return result;
    }

    private static long crcOfRange(AlbumZip zip, long offset, long length) throws IOException {
        try (InputStream in = zip.open(offset, length)) {
            return Crc32Combine.of(in);
        }
    }

    private static byte[] range(AlbumZip zip, long offset, int length) throws IOException {
        try (InputStream in = zip.open(offset, length)) {
            return in.readAllBytes();
        }
    }

    private static byte[] fileRange(RandomAccessFile file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        file.seek(offset);
        file.readFully(bytes);
        return bytes;
    }

    private static String le64(long value) {
        return HexFormat.of().formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }
}
