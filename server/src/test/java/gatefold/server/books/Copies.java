package gatefold.server.books;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Test helpers that turn a stamped copy into bytes, the way a download handler would. */
final class Copies {

    private Copies() {
    }

    /** Opens ranges of a base file, counting how often it is asked. */
    static BaseOpener opener(Path base) {
        return (offset, length) -> {
            FileChannel channel = FileChannel.open(base, StandardOpenOption.READ);
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            return new java.io.FilterInputStream(in) {
                private long left = length;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    left -= Math.max(0, n);
                    return n;
                }
            };
        };
    }

    /** Writes the copy by walking its segments: base ranges from the file, literals as they are. */
    static Path materialise(StampedCopy copy, Path base, Path out) throws IOException {
        try (OutputStream sink = Files.newOutputStream(out); FileChannel in = FileChannel.open(base, StandardOpenOption.READ)) {
            for (Segment segment : copy.segments()) {
                if (segment instanceof Segment.BaseRange range) {
                    in.transferTo(range.offset(), range.length(), Channels.newChannel(sink));
                } else {
                    java.nio.ByteBuffer bytes = ((Segment.Literal) segment).bytes();
                    byte[] array = new byte[bytes.remaining()];
                    bytes.get(array);
                    sink.write(array);
                }
            }
        }
        return out;
    }

    /** The copy read as {@code count} ranges fetched in random order, then put back together. */
    static byte[] byRanges(StampedCopy copy, BaseOpener base, int count, long seed) throws IOException {
        Random random = new Random(seed);
        List<Long> cuts = new ArrayList<>();
        while (cuts.size() < count - 1) {
            long cut = 1 + (long) (random.nextDouble() * (copy.length() - 1));
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }
        Collections.sort(cuts);
        cuts.add(0, 0L);
        cuts.add(copy.length());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        byte[][] pieces = new byte[count][];
        for (int i : order) {
            try (InputStream in = copy.open(cuts.get(i), cuts.get(i + 1) - cuts.get(i), base)) {
                pieces[i] = in.readAllBytes();
            }
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            joined.writeBytes(piece);
        }
        return joined.toByteArray();
    }
}
