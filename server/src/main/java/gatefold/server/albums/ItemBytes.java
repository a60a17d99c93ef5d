package gatefold.server.albums;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where one zip entry's bytes come from: a blob in the store, a stamped book made of pieces,
 * a playlist in memory. An album zip asks only for the part of an entry that a request
 * covers, so a resumed download reads from the store only what it sends.
 */
@FunctionalInterface
public interface ItemBytes {

    /**
     * Exactly {@code length} bytes (at least 1) starting {@code offset} bytes into the item;
     * the zip closes the stream when it has what it needs, or when the fan goes away.
     */
    InputStream open(long offset, long length) throws IOException;

    /** Bytes already in memory (a playlist, a small cover). */
    static ItemBytes of(byte[] bytes) {
        return (offset, length) -> new ByteArrayInputStream(bytes, Math.toIntExact(offset), Math.toIntExact(length));
    }

    /** A file on local disk, read from {@code offset} on; the zip stops reading after {@code length}. */
    static ItemBytes of(Path file) {
        return (offset, length) -> {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return Channels.newInputStream(channel);
        };
    }
}
