package gatefold.server.albums;

import gatefold.server.common.Crc32Combine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One file in an album zip, known before any of its bytes are read: the zip's layout, length
 * and ETag come from these fields alone.
 *
 * @param name     the entry's path in the zip ({@code 01 Track.flac}, {@code extras/Booklet.pdf})
 * @param size     exactly how many bytes {@code bytes} yields
 * @param crc32    the CRC-32 of those bytes (from the derived file's record, or
 *                 {@link Crc32Combine} for a stamped book)
 * @param modified the time the entry shows, stored to the even second in UTC
 * @param identity what names these exact bytes for caching, such as a content hash or a
 *                 derived-file key; it goes into the zip's ETag
 * @param bytes    where the bytes come from
 */
public record ZipItem(String name, long size, long crc32, Instant modified, String identity, ItemBytes bytes) {

    public ZipItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(bytes, "bytes");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + name);
        }
        if (crc32 < 0 || crc32 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("CRC-32 out of range for " + name);
        }
    }

    /** A small item held in memory (a playlist, a cover); its identity is its SHA-256. */
    public static ZipItem ofBytes(String name, byte[] content, Instant modified) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return new ZipItem(name, content.length, crc.getValue(), modified, "sha256:" + sha256(content), ItemBytes.of(content));
    }

    public ZipItem withName(String newName) {
        return new ZipItem(newName, size, crc32, modified, identity, bytes);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
