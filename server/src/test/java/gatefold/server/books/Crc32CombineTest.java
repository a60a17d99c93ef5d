package gatefold.server.books;

import gatefold.server.common.Crc32Combine;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32CombineTest {

    @Test
    void combiningTheCrcsOfTwoPiecesGivesTheCrcOfBothJoined() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            byte[] a = new byte[random.nextInt(3000)];
            byte[] b = new byte[random.nextInt(3000)];
            random.nextBytes(a);
            random.nextBytes(b);
            CRC32 whole = new CRC32();
            whole.update(a);
            whole.update(b);
            assertThat(Crc32Combine.combine(crc(a), crc(b), b.length)).as("trial %d", trial).isEqualTo(whole.getValue());
        }
    }

    @Test
    void anEmptySecondPieceLeavesTheFirstCrcAndAnEmptyFirstPieceGivesTheSecond() {
        byte[] text = "Licensed to Ada".getBytes();
        assertThat(Crc32Combine.combine(crc(text), 0, 0)).isEqualTo(crc(text));
        assertThat(Crc32Combine.combine(0, crc(text), text.length)).isEqualTo(crc(text));
    }

    @Test
    void longSecondPiecesOfManyMegabytesCombineToo() {
        byte[] head = "head".getBytes();
        byte[] zeros = new byte[5 * 1024 * 1024 + 3];
        CRC32 whole = new CRC32();
        whole.update(head);
        whole.update(zeros);
        assertThat(Crc32Combine.combine(crc(head), crc(zeros), zeros.length)).isEqualTo(whole.getValue());
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
