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
import java.util.zip.CRC32C;

/**
 * A temporary file that becomes visible only by an atomic rename after it is complete and
 * on disk. Closing it without {@link #moveTo} deletes it, so a failed write leaves nothing.
 */
final class StagedFile implements Closeable {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final MessageDigest md5;
    private final CRC32C crc = new CRC32C();
    private long size;
    private boolean moved;

    private StagedFile(Path path, FileChannel channel, boolean withMd5) {
        this.path = path;
        this.channel = channel;
        this.md5 = withMd5 ? newMd5() : null;
    }

    /**
     * A new empty file in {@code dir}, which must be on the same filesystem as the target. With
     * MD5 for parts, as S3 hashes them; without for whole blobs, whose ETag only has to change when
     * the bytes do (MD5 costs about as much CPU as everything else an upload does together; CRC-32C
     * is done by the processor almost for free). {@link TempFolder#stage} picks the name's prefix.
     */
    static StagedFile create(Path dir, String prefix, boolean withMd5) throws IOException {
        Path path = Files.createTempFile(dir, prefix, ".tmp");
        try {
            return new StagedFile(path, FileChannel.open(path, StandardOpenOption.WRITE), withMd5);
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
        if (md5 != null) {
            md5.update(bytes, 0, length);
        }
        crc.update(bytes, 0, length);
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
        if (md5 == null) {
            throw new IllegalStateException("this staged file was made without MD5");
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** A short fingerprint of the bytes written through {@link #write}: their CRC-32C and their count. */
    String fingerprint() {
        return String.format("%08x-%x", crc.getValue(), size);
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
