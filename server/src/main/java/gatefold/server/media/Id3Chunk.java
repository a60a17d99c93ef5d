package gatefold.server.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Puts an {@link Id3v2Tag} into a file ffmpeg has finished: in front of an MP3, or as a
 * chunk after the audio of a WAV ("id3 ", little-endian RIFF, as foobar2000, Mp3tag and
 * ffmpeg's reader expect) or an AIFF ("ID3 ", big-endian FORM, as iTunes writes), fixing
 * the container's size field.
 */
final class Id3Chunk {

    private Id3Chunk() {
    }

    /** Writes {@code out} as the tag followed by the MP3 ffmpeg wrote (without a tag of its own). */
    static void prependToMp3(Path mp3, Id3v2Tag tag, Path out) throws IOException {
        try (OutputStream target = new BufferedOutputStream(Files.newOutputStream(out))) {
            tag.writeTo(target);
            Files.copy(mp3, target);
        }
    }

    /** Appends the tag as a chunk of a WAV or AIFF file and grows the RIFF/FORM size. */
    static void append(Path file, Id3v2Tag tag) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(12);
            channel.read(header, 0);
            String container = new String(header.array(), 0, 4, StandardCharsets.US_ASCII);
            String form = new String(header.array(), 8, 4, StandardCharsets.US_ASCII);
            boolean wav = container.equals("RIFF") && form.equals("WAVE");
            boolean aiff = container.equals("FORM") && (form.equals("AIFF") || form.equals("AIFC"));
            ByteOrder order = wav ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            long size = Integer.toUnsignedLong(header.order(order).getInt(4));
            long fileSize = channel.size();
            if (!(wav || aiff) || size + 8 != fileSize) {
                throw new IOException("the file ffmpeg wrote is not a plain WAV or AIFF of the expected size");
            }
            long length = tag.length();
            long grown = fileSize + 8 + length + (length & 1);
            if (grown - 8 > 0xFFFF_FFFFL) {
                throw new IOException("the file would pass the 4 GiB limit of its container with its tag");
            }
            channel.position(fileSize);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            out.write((wav ? "id3 " : "ID3 ").getBytes(StandardCharsets.US_ASCII));
            out.write(ByteBuffer.allocate(4).order(order).putInt((int) length).array());
            tag.writeTo(out);
            if ((length & 1) == 1) {
                out.write(0); // chunks start at even offsets
            }
            out.flush();
            channel.write(ByteBuffer.allocate(4).order(order).putInt((int) (grown - 8)).flip(), 4);
        }
    }
}
