package gatefold.server.catalog;

import gatefold.storage.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** How many objects a store holds on disk, for the upload contracts on both stores. */
final class StoredObjects {

    /** S3Proxy's own temp file ("<key>-<uuid>") of a PUT cut off mid-body, which no S3 call can see. */
    private static final Pattern S3PROXY_TEMP = Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private StoredObjects() {
    }

    /** Blobs and upload parts under the file store of a server's data dir, leaving out hidden files. */
    static int onFileStore(Path dataDir) {
        return visibleFiles(dataDir.resolve("store/blobs")) + visibleFiles(dataDir.resolve("store/uploads"));
    }

    /** Regular files under the folder, leaving out hidden ones; 0 when it does not exist. */
    static int visibleFiles(Path dir) {
        return count(dir, name -> !name.startsWith("."));
    }

    /**
     * Counted on S3Proxy's disk rather than by listing: its filesystem backend keeps unfinished
     * multipart parts as files there, and fails to list folders holding them.
     */
    static int onS3Proxy(S3ProxyServer s3, String bucket) {
        return count(s3.dataDir().resolve(bucket), name -> !S3PROXY_TEMP.matcher(name).find());
    }

    private static int count(Path dir, Predicate<String> counted) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return (int) files.filter(Files::isRegularFile).filter(p -> counted.test(p.getFileName().toString())).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
