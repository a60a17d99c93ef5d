package gatefold.server.media;

import gatefold.server.db.Sql;
import gatefold.storage.BlobKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.jdbi.v3.core.Jdbi;

/**
 * Puts a file made on this machine into the store under its content key and records it, with
 * its checksums taken on the way. Two workers that made the same file both succeed: the
 * second record is a unique violation and the blob under the same key is the same bytes.
 */
final class DerivedUpload {

    private DerivedUpload() {
    }

    /** What the file is: whose, of which track, in which format (a format id or "preview"). */
    record Of(String artistId, String releaseId, String fileId, String format, String extension, String contentType) {
    }

    static DerivedFile store(Jdbi jdbi, DerivedSpace space, Of of, DerivedKey key, Path made) throws IOException {
        BlobKey blob = BlobKey.of("artists/" + of.artistId() + "/derived/" + key.hex() + "." + of.extension());
        MessageDigest sha = sha256();
        CRC32 crc = new CRC32();
        long size = Files.size(made);
        try (InputStream in = new CheckedInputStream(new DigestInputStream(Files.newInputStream(made), sha), crc)) {
            space.store().put(blob, in, size, of.contentType());
        }
        DerivedFile file = new DerivedFile(key.hex(), of.artistId(), of.releaseId(), of.fileId(), of.format(), blob.value(), size,
                crc.getValue(), HexFormat.of().formatHex(sha.digest()), Instant.now());
        try {
            jdbi.useExtension(MediaDao.class, dao -> dao.insertDerived(file));
        } catch (RuntimeException e) {
            if (!Sql.isUniqueViolation(e)) {
                space.store().delete(blob);
                throw e;
            }
        }
        return file;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
