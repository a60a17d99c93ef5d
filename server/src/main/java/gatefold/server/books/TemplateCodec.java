package gatefold.server.books;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A template as bytes to store, and back; a version number guards against reading an old layout. */
final class TemplateCodec {

    private static final int MAGIC = 0x47465354; // "GFST"
    private static final int VERSION = 1;

    private TemplateCodec() {
    }

    static byte[] write(StampTemplate t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(t.suffix().length + 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeByte(t.format().ordinal());
            out.writeLong(t.baseLength());
            out.writeInt((int) t.baseCrc32());
            FooterFit f = t.footer();
            out.writeFloat(f.width());
            out.writeFloat(f.maxSize());
            out.writeFloat(f.minSize());
            out.writeInt(f.maxChars());
            out.writeInt(t.suffix().length);
            out.write(t.suffix());
            out.writeInt(t.fields().size());
            for (FieldSpec spec : t.fields()) {
                out.writeByte(spec.kind().ordinal());
                out.writeInt(spec.width());
                out.writeUTF(spec.tail());
                out.writeInt(spec.entry());
            }
            writeParts(out, t.parts());
            out.writeInt(t.entries().size());
            for (List<Part> entry : t.entries()) {
                writeParts(out, entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeParts(DataOutputStream out, List<Part> parts) throws IOException {
        out.writeInt(parts.size());
        for (Part part : parts) {
            if (part instanceof Part.Run run) {
                out.writeByte(0);
                out.writeByte(run.source().ordinal());
                out.writeLong(run.offset());
                out.writeLong(run.length());
                out.writeInt((int) run.crc());
            } else {
                out.writeByte(1);
                out.writeInt(((Part.Slot) part).field());
            }
        }
    }

    static StampTemplate read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException("not a stamp template of this version");
            }
            StampTemplate.Format format = StampTemplate.Format.values()[in.readByte()];
            long baseLength = in.readLong();
            long baseCrc = in.readInt() & 0xffffffffL;
            FooterFit footer = new FooterFit(in.readFloat(), in.readFloat(), in.readFloat(), in.readInt());
            byte[] suffix = in.readNBytes(in.readInt());
            int fieldCount = in.readInt();
            List<FieldSpec> fields = new ArrayList<>(fieldCount);
            for (int i = 0; i < fieldCount; i++) {
                fields.add(new FieldSpec(FieldKind.values()[in.readByte()], in.readInt(), in.readUTF(), in.readInt()));
            }
            List<Part> parts = readParts(in, fields.size(), suffix.length);
            int entryCount = in.readInt();
            List<List<Part>> entries = new ArrayList<>(entryCount);
            for (int i = 0; i < entryCount; i++) {
                entries.add(readParts(in, fields.size(), suffix.length));
            }
            return new StampTemplate(new StampTemplate.Base(format, baseLength, baseCrc), footer, suffix, fields, parts, entries);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable stamp template: " + e.getMessage(), e);
        }
    }

    private static List<Part> readParts(DataInputStream in, int fieldCount, int suffixLength) throws IOException {
        int count = in.readInt();
        List<Part> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.readByte() == 0) {
                Part.Run run = new Part.Run(Part.Source.values()[in.readByte()], in.readLong(), in.readLong(), in.readInt() & 0xffffffffL);
                if (run.offset() < 0 || run.length() < 0 || (run.source() == Part.Source.SUFFIX && run.offset() + run.length() > suffixLength)) {
                    throw new IllegalArgumentException("a run outside its source");
                }
                parts.add(run);
            } else {
                int field = in.readInt();
                if (field < 0 || field >= fieldCount) {
                    throw new IllegalArgumentException("a slot for a missing field");
                }
                parts.add(new Part.Slot(field));
            }
        }
        return parts;
    }
}
