package gatefold.server.albums;

import gatefold.server.common.Crc32Combine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Crc32CombineTest {

    @Test
    void theCrcOfTwoPiecesIsTheCrcOfTheWholeAtEverySplit() {
        Random random = new Random(32);
        for (int round = 0; round < 300; round++) {
            byte[] whole = new byte[random.nextInt(round < 100 ? 64 : 70_000)];
            random.nextBytes(whole);
            int split = whole.length == 0 ? 0 : random.nextInt(whole.length + 1);
            long a = crc(whole, 0, split);
            long b = crc(whole, split, whole.length - split);
            assertThat(Crc32Combine.combine(a, b, whole.length - split)).as("length %d split %d", whole.length, split)
                    .isEqualTo(crc(whole, 0, whole.length));
        }
    }

    @Test
    void aStampedBookIsTheOriginalFollowedByTheBuyersSuffix() {
        Random random = new Random(16);
        byte[] original = new byte[3_000_000];
        random.nextBytes(original);
        long originalCrc = crc(original, 0, original.length);
        for (int buyer = 0; buyer < 20; buyer++) {
            byte[] suffix = ("\n% stamped for buyer " + buyer + " " + random.nextLong() + "\n").getBytes();
            byte[] stamped = new byte[original.length + suffix.length];
            System.arraycopy(original, 0, stamped, 0, original.length);
            System.arraycopy(suffix, 0, stamped, original.length, suffix.length);
            assertThat(Crc32Combine.combine(originalCrc, crc(suffix, 0, suffix.length), suffix.length))
                    .isEqualTo(crc(stamped, 0, stamped.length));
        }
    }

    @Test
    void manyPiecesCombineInOrderAndEmptyPiecesChangeNothing() {
        Random random = new Random(5);
        byte[] whole = new byte[500_000];
        random.nextBytes(whole);
        long combined = 0;
        int at = 0;
        while (at < whole.length) {
            int length = Math.min(whole.length - at, random.nextInt(40_000));
            combined = Crc32Combine.combine(combined, crc(whole, at, length), length);
            at += length;
        }
        assertThat(combined).isEqualTo(crc(whole, 0, whole.length));
        assertThat(Crc32Combine.combine(0xDEADBEEFL, 0, 0)).isEqualTo(0xDEADBEEFL);
        assertThat(Crc32Combine.combine(0, 0xDEADBEEFL, 10)).isBetween(0L, 0xFFFFFFFFL);
    }

    @Test
    void lengthsPastFourGibCombineLikeStreamingTheBytes() {
        long length = (1L << 32) + 7;
        byte[] block = new byte[1 << 20];
        CRC32 streamed = new CRC32();
        streamed.update('a');
        for (long done = 0; done < length; done += block.length) {
            streamed.update(block, 0, (int) Math.min(block.length, length - done));
        }
        long a = crc(new byte[] {'a'}, 0, 1);

        assertThat(Crc32Combine.combine(a, AlbumZipZip64Test.crcOfZeros(length), length)).isEqualTo(streamed.getValue());
    }

    @Test
    void aRangeOfAFileIsReadByStreaming(@TempDir Path dir) throws Exception {
        byte[] content = new byte[1_000_000];
        new Random(9).nextBytes(content);
        Path file = Files.write(dir.resolve("book.pdf"), content);

        assertThat(Crc32Combine.of(file, 0, content.length)).isEqualTo(crc(content, 0, content.length));
        assertThat(Crc32Combine.of(file, 123_456, 500_001)).isEqualTo(crc(content, 123_456, 500_001));
        assertThat(Crc32Combine.of(file, 10, 0)).isZero();
        assertThat(Crc32Combine.of(new ByteArrayInputStream(content))).isEqualTo(crc(content, 0, content.length));
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
