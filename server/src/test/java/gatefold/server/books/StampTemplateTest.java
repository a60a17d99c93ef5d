package gatefold.server.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StampTemplateTest {

    @TempDir
    Path dir;

    @Test
    void aStoredTemplateComesBackTheSameAndGarbageIsRejected() throws Exception {
        StampTemplate template = BookStamps.preparePdf(TestPdfs.book(dir.resolve("book.pdf"), 2), dir).template();
        byte[] stored = template.toBytes();
        StampTemplate loaded = StampTemplate.fromBytes(stored);
        assertThat(loaded.toBytes()).isEqualTo(stored);
        assertThat(loaded.fill(PdfStampsTest.ADA).fingerprint()).isEqualTo(template.fill(PdfStampsTest.ADA).fingerprint());
        assertThatThrownBy(() -> StampTemplate.fromBytes("not a template".getBytes())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StampTemplate.fromBytes(Arrays.copyOf(stored, stored.length / 2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBaseFileShorterThanTheTemplateExpectsFailsTheReadRatherThanSendingAWrongCopy() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 2);
        StampedCopy copy = BookStamps.preparePdf(master, dir).template().fill(PdfStampsTest.ADA);
        byte[] bytes = Files.readAllBytes(master);
        Path truncated = Files.write(dir.resolve("short.pdf"), Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> {
            try (InputStream in = copy.open(Copies.opener(truncated))) {
                in.readAllBytes();
            }
        }).isInstanceOf(EOFException.class);
    }

    @Test
    void rangesOutsideTheCopyAreRejectedAndAnEmptyRangeReadsNothing() throws Exception {
        Path master = TestPdfs.book(dir.resolve("book.pdf"), 1);
        StampedCopy copy = BookStamps.preparePdf(master, dir).template().fill(PdfStampsTest.ADA);
        assertThatThrownBy(() -> copy.open(copy.length() - 1, 2, Copies.opener(master))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> copy.open(-1, 1, Copies.opener(master))).isInstanceOf(IndexOutOfBoundsException.class);
        try (InputStream in = copy.open(copy.length(), 0, (offset, length) -> {
            throw new AssertionError("no base read for an empty range");
        })) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
