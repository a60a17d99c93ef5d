package gatefold.server.films;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The RFC 6381 codec strings of an fMP4 init segment ("avc1.64001f", "mp4a.40.2"), read from the
 * bytes the encoder wrote (the avcC and esds boxes) rather than from what we asked for: x264 picks
 * a lower profile than requested when the preset leaves out High features, and a player that is
 * told the wrong profile or level may refuse the rendition.
 */
final class CodecStrings {

    private static final int MAX_INIT = 1 << 20;
    private static final List<String> CONTAINERS = List.of("moov", "trak", "mdia", "minf", "stbl");

    private CodecStrings() {
    }

    /** Video first, then audio, as the master playlist lists them. */
    static List<String> of(Path initSegment) throws IOException {
        if (Files.size(initSegment) > MAX_INIT) {
            throw new IOException("init segment too large: " + initSegment);
        }
        List<String> codecs = new ArrayList<>();
        Optional<String> video = Optional.empty();
        Optional<String> audio = Optional.empty();
        for (ByteBuffer entry : sampleEntries(ByteBuffer.wrap(Files.readAllBytes(initSegment)))) {
            String type = type(entry);
            if (type.equals("avc1") || type.equals("avc3")) {
                video = child(entry, 8 + 78, "avcC").map(avcC -> type + "." + HexFormat.of().formatHex(bytes(avcC, 9, 3)));
            } else if (type.equals("mp4a")) {
                audio = child(entry, 8 + 28, "esds").map(CodecStrings::mp4a);
            }
        }
        video.ifPresent(codecs::add);
        audio.ifPresent(codecs::add);
        if (codecs.isEmpty()) {
            throw new IOException("no avc1 or mp4a sample entry in " + initSegment);
        }
        return codecs;
    }

    /** The sample entries of every track's stsd box (each a buffer starting at its box header). */
    private static List<ByteBuffer> sampleEntries(ByteBuffer file) {
        List<ByteBuffer> entries = new ArrayList<>();
        for (ByteBuffer box : boxes(file, 0)) {
            String type = type(box);
            if (CONTAINERS.contains(type)) {
                entries.addAll(sampleEntries(box.position(0).slice(8, box.limit() - 8)));
            } else if (type.equals("stsd")) {
                entries.addAll(boxes(box, 16));
            }
        }
        return entries;
    }

    private static List<ByteBuffer> boxes(ByteBuffer data, int from) {
        List<ByteBuffer> boxes = new ArrayList<>();
        int at = from;
        while (at + 8 <= data.limit()) {
            long size = Integer.toUnsignedLong(data.getInt(at));
            if (size < 8 || at + size > data.limit()) {
                break;
            }
            boxes.add(data.slice(at, (int) size));
            at += (int) size;
        }
        return boxes;
    }

    private static Optional<ByteBuffer> child(ByteBuffer entry, int from, String type) {
        return boxes(entry, from).stream().filter(b -> type(b).equals(type)).findFirst();
    }

    private static String type(ByteBuffer box) {
        return new String(bytes(box, 4, 4), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(ByteBuffer box, int at, int length) {
        byte[] out = new byte[length];
        box.get(at, out);
        return out;
    }

    /** "mp4a.40.2": the object type from the decoder config, the audio object type from its first bits. */
    private static String mp4a(ByteBuffer esds) {
        ByteBuffer d = esds.slice(12, esds.limit() - 12);
        expectTag(d, 0x03);
        int flags = d.get(d.position() + 2) & 0xff;
        d.position(d.position() + 3 + ((flags & 0x80) != 0 ? 2 : 0));
        if ((flags & 0x40) != 0) {
            d.position(d.position() + 1 + (d.get(d.position()) & 0xff));
        }
        d.position(d.position() + ((flags & 0x20) != 0 ? 2 : 0));
        expectTag(d, 0x04);
        int objectType = d.get(d.position()) & 0xff;
        d.position(d.position() + 13);
        expectTag(d, 0x05);
        int audioObjectType = (d.get(d.position()) & 0xff) >> 3;
        if (audioObjectType == 31) {
            audioObjectType = 32 + (((d.get(d.position()) & 0x07) << 3) | ((d.get(d.position() + 1) & 0xff) >> 5));
        }
        return "mp4a." + String.format("%02x", objectType) + "." + audioObjectType;
    }

    /** Reads a descriptor tag and its variable-length size, leaving the buffer at the descriptor's body. */
    private static void expectTag(ByteBuffer d, int tag) {
        if ((d.get() & 0xff) != tag) {
            throw new IllegalStateException("unexpected esds descriptor, wanted tag " + tag);
        }
        for (int i = 0; i < 4 && (d.get() & 0x80) != 0; i++) {
            // the size's bytes: each with the top bit set says another follows
        }
    }
}
