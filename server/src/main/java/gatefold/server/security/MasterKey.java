package gatefold.server.security;

import gatefold.server.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The 256-bit key that encrypts secrets at rest. It comes from GATEFOLD_SECRET_KEY
 * (base64), or from {@code secret.key} in the data dir, generated at first start and
 * readable by the owner only. Instances that share a database must share this key.
 */
public final class MasterKey {

    public static final String FILE_NAME = "secret.key";
    private final byte[] key;

    private MasterKey(byte[] key) {
        this.key = key;
    }

    public static MasterKey load(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return new MasterKey(decode(configured.get(), "GATEFOLD_SECRET_KEY"));
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                create(file);
            }
            requireOwnerOnly(file);
            return new MasterKey(decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString()));
        } catch (IOException e) {
            throw new ConfigException("GATEFOLD_DATA_DIR: cannot read or create " + file + " (" + e.getMessage()
                    + "); make the data dir writable or set GATEFOLD_SECRET_KEY");
        }
    }

    /** A key file others can read is refused at every start: it unlocks every secret in the database. */
    static void requireOwnerOnly(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        if (permissions.stream().anyMatch(others::contains)) {
            throw new ConfigException(file + " can be read by other users (" + PosixFilePermissions.toString(permissions)
                    + "); it unlocks every secret Gatefold keeps, so it must be private: chmod 600 " + file);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String encoded = Base64.getEncoder().encodeToString(fresh) + "\n";
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; use theirs.
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.trim());
            if (bytes.length < 32) {
                throw new IllegalArgumentException();
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + " must hold at least 32 random bytes in base64; generate one with: openssl rand -base64 32");
        }
    }

    byte[] bytes() {
        return key.clone();
    }
}
