package gatefold.server.books;

import gatefold.server.common.Crc32Combine;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * What a book file needs to be stamped for any buyer, made once at upload: which bytes of
 * the base blob are sent as they are, the template's own bytes (a PDF's update), and where
 * the fixed-width buyer fields go. {@link #fill} parses nothing and copies nothing big: it
 * renders the fields, computes the CRCs and returns the list of pieces to send.
 *
 * <p>Store {@link #toBytes()}; the base blob is the master itself, or the derived file
 * that preparation wrote ({@link PreparedBook#derivedBase()}).
 */
public final class StampTemplate {

    public enum Format { PDF, EPUB }

    private final Format format;
    private final long baseLength;
    private final long baseCrc32;
    private final FooterFit footer;
    private final byte[] suffix;
    private final List<FieldSpec> fields;
    private final List<Part> parts;
    private final List<List<Part>> entries;
    private final byte[] digest;
    /** CRC shifts for each part's length, worked out once: a fill then combines in 32 steps per part. */
    private final int[] partShifts;
    private final int[][] entryShifts;

    /** The book every copy starts from: its format, length and CRC-32. */
    record Base(Format format, long length, long crc32) { }

    StampTemplate(Base base, FooterFit footer, byte[] suffix, List<FieldSpec> fields, List<Part> parts, List<List<Part>> entries) {
        this.format = base.format();
        this.baseLength = base.length();
        this.baseCrc32 = base.crc32();
        this.footer = footer;
        this.suffix = suffix;
        this.fields = List.copyOf(fields);
        this.parts = List.copyOf(parts);
        this.entries = entries.stream().map(List::copyOf).toList();
        this.digest = sha256(TemplateCodec.write(this));
        this.partShifts = shifts(this.parts);
        this.entryShifts = this.entries.stream().map(this::shifts).toArray(int[][]::new);
    }

    private int[] shifts(List<Part> pieces) {
        int[] shifts = new int[pieces.size()];
        for (int i = 0; i < shifts.length; i++) {
            shifts[i] = Crc32Combine.shift(pieces.get(i).length(fields));
        }
        return shifts;
    }

    public static StampTemplate fromBytes(byte[] bytes) {
        return TemplateCodec.read(bytes);
    }

    public byte[] toBytes() {
        return TemplateCodec.write(this);
    }

    public Format format() {
        return format;
    }

    /** The base blob's length; a blob of another length is not this template's base. */
    public long baseLength() {
        return baseLength;
    }

    /** The base blob's CRC-32, taken at preparation. */
    public long baseCrc32() {
        return baseCrc32;
    }

    /** The length of every copy (fields are fixed-width), known before any buyer is filled in. */
    public long copyLength() {
        return parts.stream().mapToLong(p -> p.length(fields)).sum();
    }

    /** One buyer's copy: deterministic, the same bytes for the same text every time. */
    public StampedCopy fill(StampText text) {
        FieldValues values = new FieldValues(text, footer);
        Map<FieldSpec, byte[]> rendered = new HashMap<>();
        Map<byte[], Long> crcs = new IdentityHashMap<>();
        byte[][] bytes = new byte[fields.size()][];
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).kind() != FieldKind.ZIP_CRC) {
                bytes[i] = rendered.computeIfAbsent(fields.get(i), values::render);
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).kind() == FieldKind.ZIP_CRC) {
                int entry = fields.get(i).entry();
                bytes[i] = littleEndian(crc(entries.get(entry), entryShifts[entry], bytes, crcs));
            }
        }
        List<Segment> segments = new ArrayList<>(parts.size());
        for (Part part : parts) {
            segments.add(segment(part, bytes));
        }
        return new StampedCopy(segments, crc(parts, partShifts, bytes, crcs), () -> fingerprint(bytes));
    }

    private Segment segment(Part part, byte[][] bytes) {
        if (part instanceof Part.Slot slot) {
            return new Segment.Literal(ByteBuffer.wrap(bytes[slot.field()]));
        }
        Part.Run run = (Part.Run) part;
        return switch (run.source()) {
            case BASE -> new Segment.BaseRange(run.offset(), run.length());
            case SUFFIX -> new Segment.Literal(ByteBuffer.wrap(suffix, (int) run.offset(), (int) run.length()));
            case NONE -> throw new IllegalStateException("a content-only run in a copy");
        };
    }

    /** The CRC-32 of the pieces in order, from the runs' stored CRCs and the fields' bytes. */
    private static long crc(List<Part> pieces, int[] shifts, byte[][] bytes, Map<byte[], Long> crcs) {
        long crc = 0;
        for (int i = 0; i < shifts.length; i++) {
            Part part = pieces.get(i);
            long pieceCrc = part instanceof Part.Run run ? run.crc() : crcs.computeIfAbsent(bytes[((Part.Slot) part).field()], StampTemplate::crc32);
            crc = Crc32Combine.combineShifted(crc, shifts[i], pieceCrc);
        }
        return crc;
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private String fingerprint(byte[][] bytes) {
        MessageDigest sha = sha256();
        sha.update(digest);
        for (byte[] field : bytes) {
            sha.update(field);
        }
        return java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static byte[] littleEndian(long crc) {
        return new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24)};
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    FooterFit footer() {
        return footer;
    }

    byte[] suffix() {
        return suffix;
    }

    List<FieldSpec> fields() {
        return fields;
    }

    List<Part> parts() {
        return parts;
    }

    List<List<Part>> entries() {
        return entries;
    }
}
