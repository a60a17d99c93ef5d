package gatefold.server.media;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends an "id3 " chunk holding an ID3v2.3 tag to a WAV file ffmpeg has finished, and
 * fixes the RIFF size. The chunk name and place (after the data) are what foobar2000, Mp3tag
 * and ffmpeg's own reader use.
 */
final class WavTagChunk {

    private WavTagChunk() {
    }

    static void append(Path wav, Id3v2Tag tag) throws IOException {
        try (FileChannel channel = FileChannel.open(wav, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            header.flip();
            byte[] riff = new byte[4];
            header.get(riff);
            long riffSize = Integer.toUnsignedLong(header.getInt());
            byte[] wave = new byte[4];
            header.get(wave);
            long fileSize = channel.size();
            if (!new String(riff, StandardCharsets.US_ASCII).equals("RIFF")
                    || !new String(wave, StandardCharsets.US_ASCII).equals("WAVE") || riffSize + 8 != fileSize) {
                throw new IOException("the WAV ffmpeg wrote is not a plain RIFF file of the expected size");
            }
            long chunk = tag.length();
            long padded = chunk + (chunk & 1);
            long newSize = fileSize + 8 + padded;
            if (newSize - 8 > 0xFFFF_FFFFL) {
                throw new IOException("the WAV would pass the 4 GiB RIFF limit with its tag");
            }
            channel.position(fileSize);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            out.write("id3 ".getBytes(StandardCharsets.US_ASCII));
            out.write(littleEndian(chunk));
            tag.writeTo(out);
            if (padded != chunk) {
                out.write(0);
            }
            out.flush();
            channel.write(ByteBuffer.wrap(littleEndian(newSize - 8)), 4);
        }
    }

    private static byte[] littleEndian(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }
}
