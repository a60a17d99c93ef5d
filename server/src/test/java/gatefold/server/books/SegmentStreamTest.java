package gatefold.server.books;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.storage.BufferReadable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy read into buffers outside the heap (how downloads send it) is the same bytes as one read into arrays. */
class SegmentStreamTest {

    @TempDir
    Path dir;

    @Test
    void bufferReadsGiveTheSameBytesFromEitherKindOfBaseForEveryRange() throws Exception {
        Path pdf = TestPdfs.book(dir.resolve("book.pdf"), 4);
        PreparedBook preparedPdf = BookStamps.preparePdf(pdf, dir);
        check(preparedPdf.template().fill(PdfStampsTest.ADA), pdf);
        Path epub = TestEpubs.epub3(dir.resolve("book.epub"), true);
        PreparedBook preparedEpub = BookStamps.prepareEpub(epub, dir);
        check(preparedEpub.template().fill(PdfStampsTest.ADA), preparedEpub.derivedBase().orElseThrow());
    }

    private void check(StampedCopy copy, Path base) throws IOException {
        byte[] whole;
        try (InputStream in = copy.open(Copies.opener(base))) {
            whole = in.readAllBytes();
        }
        long[][] ranges = {{0, copy.length()}, {1, copy.length() - 1}, {copy.length() - 7000, 7000}, {3, 5}};
        for (long[] range : ranges) {
            byte[] expected = java.util.Arrays.copyOfRange(whole, (int) range[0], (int) (range[0] + range[1]));
            assertThat(viaBuffers(copy.open(range[0], range[1], Copies.opener(base)))).isEqualTo(expected);
            assertThat(viaBuffers(copy.open(range[0], range[1], direct(base)))).isEqualTo(expected);
        }
    }

    /** Reads as the download's copy loop does: an odd-sized direct buffer, over and over. */
    private static byte[] viaBuffers(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1000);
        try (in) {
            int n;
            while ((n = ((BufferReadable) in).read(buffer.clear())) >= 0) {
                buffer.flip();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.write(bytes);
                assertThat(bytes).hasSize(n);
            }
        }
        return out.toByteArray();
    }

    /** A base that reads into buffers too, as the local store's and plain-http S3 streams do. */
    private static BaseOpener direct(Path base) {
        return (offset, length) -> {
            FileChannel channel = FileChannel.open(base, StandardOpenOption.READ);
            channel.position(offset);
            class Direct extends InputStream implements BufferReadable {
                long left = length;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return read(ByteBuffer.wrap(b, off, len));
                }

                @Override
                public int read(ByteBuffer target) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int limit = target.limit();
                    target.limit(target.position() + (int) Math.min(target.remaining(), left));
                    int n = channel.read(target);
                    target.limit(limit);
                    left -= Math.max(0, n);
                    return n;
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            }
            return new Direct();
        };
    }
}
