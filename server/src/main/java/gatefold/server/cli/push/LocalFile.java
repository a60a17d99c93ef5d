package gatefold.server.cli.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** One file of the artist's folder as it was when the push looked at it. */
record LocalFile(String name, Path path, long size, long modifiedMillis) {

    /** The regular files directly in {@code dir}, by name; hidden files (and the push's own state) are left out. */
    static List<LocalFile> in(Path dir) throws IOException {
        List<LocalFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path path : entries) {
                String name = path.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(path)) {
                    files.add(of(path));
                }
            }
        }
        files.sort(Comparator.comparing(LocalFile::name));
        return files;
    }

    static LocalFile of(Path path) throws IOException {
        return new LocalFile(path.getFileName().toString(), path, Files.size(path),
                Files.getLastModifiedTime(path).toMillis());
    }

    /** Whether the file on disk still has the size and modification time seen earlier. */
    boolean unchanged() throws IOException {
        LocalFile now = of(path);
        return now.size == size && now.modifiedMillis == modifiedMillis;
    }

    /** The SHA-256 of the bytes on disk, read in small chunks so any size fits in a small heap. */
    String sha256() throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
