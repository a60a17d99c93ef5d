package gatefold.server.albums;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A zip of an album (or of a book's stamped copies) laid out before any byte is sent, so its
 * length, its ETag and any byte range are known up front and a download manager that resumes
 * gets the same bytes. Nothing is stored per fan: the zip is its items' bytes between small
 * headers made from the items' names, sizes, CRCs and times.
 *
 * <p>Entries are STORED (audio and books are already compressed), with CRC and sizes in the
 * local headers, UTF-8 names, DOS times in UTC, and ZIP64 fields only where a value reaches
 * its 32-bit (or, for the entry count, 16-bit) marker. The same items give the same bytes.
 */
public final class AlbumZip {

    /** Changes whenever the layout's bytes change for the same items, so old ETags stop matching. */
    private static final String LAYOUT_VERSION = "gatefold-album-zip/1";
    private static final int COPY_BUFFER = 64 * 1024;

    private final ZipLayout layout;
    private final String etag;

    private AlbumZip(ZipLayout layout, String etag) {
        this.layout = layout;
        this.etag = etag;
    }

    /**
     * Lays out the items in the order given. Refuses ({@code Refusal.invalid}) a name that is
     * empty, absolute, has a {@code ..} part or a part {@code FileNames.safe} would change,
     * or that equals another ignoring case and Unicode normalisation.
     */
    public static AlbumZip of(List<ZipItem> items) {
        EntryNames names = new EntryNames();
        List<EntryPlan> plans = new ArrayList<>(items.size());
        MessageDigest digest = sha256();
        digest.update(ZipItem.utf8(LAYOUT_VERSION));
        long offset = 0;
        for (ZipItem item : items) {
            String name = names.check(item.name());
            EntryPlan plan = new EntryPlan(item.withName(name), ZipItem.utf8(name), DosTime.of(item.modified()), offset);
            plans.add(plan);
            offset = plan.end();
            remember(digest, plan);
        }
        return new AlbumZip(new ZipLayout(plans), Base64.getUrlEncoder().withoutPadding().encodeToString(truncated(digest.digest())));
    }

    /** The zip's size in bytes, for Content-Length and Content-Range. */
    public long length() {
        return layout.length();
    }

    /**
     * A strong validator without quotes (like {@code BlobInfo.etag()}): equal for the same
     * names, sizes, CRCs, times and identities, in the same order, and different otherwise.
     */
    public String etag() {
        return etag;
    }

    /** Whether the end of the zip needed its ZIP64 records (70,000 entries, or more than 4 GiB). */
    public boolean zip64() {
        return layout.zip64End();
    }

    /**
     * Writes bytes {@code [offset, offset + length)} of the zip through a 64 KiB buffer; the
     * out stream is flushed, not closed. Fails with IOException if an item's source ends
     * before its recorded size.
     */
    public void write(OutputStream out, long offset, long length) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        try (InputStream in = open(offset, length)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        out.flush();
    }

    /** The whole zip. */
    public void write(OutputStream out) throws IOException {
        write(out, 0, length());
    }

    /**
     * Bytes {@code [offset, offset + length)} as a stream. The first item source the range
     * needs is opened now, so a store that is down throws here, before anything is sent or
     * counted; every later one is opened when the stream reaches it, for just the part the
     * range covers, and closed after.
     */
    public InputStream open(long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset > length() - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " is outside a zip of " + length() + " bytes");
        }
        ZipRangeStream stream = new ZipRangeStream(layout, offset, length);
        stream.openFirstSource();
        return stream;
    }

    private static void remember(MessageDigest digest, EntryPlan plan) {
        ZipItem item = plan.item();
        byte[] identity = ZipItem.utf8(item.identity());
        ByteBuffer fixed = ByteBuffer.allocate(8 + 4 + 8 + 4 + 4 + 4);
        fixed.putLong(item.size()).putInt((int) item.crc32()).putLong(plan.localOffset()).putInt(plan.dosTime());
        fixed.putInt(plan.name().length).putInt(identity.length);
        digest.update(fixed.array());
        digest.update(plan.name());
        digest.update(identity);
    }

    private static byte[] truncated(byte[] hash) {
        byte[] out = new byte[18];
        System.arraycopy(hash, 0, out, 0, out.length);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
