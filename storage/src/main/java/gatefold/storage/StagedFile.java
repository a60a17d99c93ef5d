package gatefold.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A temporary file that becomes visible only by an atomic rename after it is complete and
 * on disk. Closing it without {@link #moveTo} deletes it, so a failed write leaves nothing.
 */
final class StagedFile implements Closeable {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final MessageDigest md5 = newMd5();
    private long size;
    private boolean moved;

    private StagedFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A new empty file in {@code dir}, which must be on the same filesystem as the target. */
    static StagedFile create(Path dir) throws IOException {
        Path path = Files.createTempFile(dir, "staged-", ".tmp");
        try {
            return new StagedFile(path, FileChannel.open(path, StandardOpenOption.WRITE));
        } catch (IOException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** Copies the stream to its end, hashing as it goes. */
    void copyFrom(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            write(buffer, n);
        }
    }

    void write(byte[] bytes, int length) throws IOException {
        md5.update(bytes, 0, length);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        size += length;
    }

    /** Appends a whole file by channel transfer; the bytes bypass the MD5 of {@link #md5Hex}. */
    void append(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = in.size();
            long position = 0;
            while (position < length) {
                position += in.transferTo(position, length - position, channel);
            }
            size += length;
        }
    }

    long size() {
        return size;
    }

    /** The MD5 of the bytes written through {@link #write} and {@link #copyFrom}. */
    String md5Hex() {
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Forces the bytes to disk and closes the file; slow, so callers do it outside locks. */
    void seal() throws IOException {
        if (channel.isOpen()) {
            channel.force(true);
            channel.close();
        }
    }

    /** Atomically replaces {@code target}; its folder must exist. */
    void moveTo(Path target) throws IOException {
        seal();
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
        syncFolder(target.getParent());
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (!moved) {
            Files.deleteIfExists(path);
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder, which is fine. */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // The rename happened; only its durability across a power cut is weaker here.
        }
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
