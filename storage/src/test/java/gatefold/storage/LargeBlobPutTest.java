package gatefold.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A musician uploads a 1 GiB album of unknown length to a server with a 256 MiB heap:
 * each store must stream it through bounded memory and keep every byte.
 */
@Tag("large")
class LargeBlobPutTest {

    static final long GIB = 1024L * 1024 * 1024;
    static final Pattern RESULT = Pattern.compile("sha256=([0-9a-f]{64}) size=(\\d+)");

    @Test
    void theFileStoreTakesAGigabyteInASmallHeap(@TempDir Path folder) throws Exception {
        Path root = folder.resolve("store");
        BlobKey key = BlobKey.of("large/album.zip");
        Matcher result = uploadInChildJvm(List.of(Long.toString(GIB), key.value(), "file", root.toString()));

        try (FileBlobStore store = new FileBlobStore(root, URI.create("http://127.0.0.1"),
                "a signing key of at least 32 bytes!".getBytes(StandardCharsets.UTF_8))) {
            assertStored(store, key, result);
        }
    }

    @Test
    void theS3StoreTakesAGigabyteInASmallHeap() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        String bucket = s3.createFreshBucket();
        BlobKey key = BlobKey.of("large/album.zip");
        Matcher result = uploadInChildJvm(List.of(Long.toString(GIB), key.value(), "s3",
                s3.endpoint().toString(), bucket, s3.accessKey(), s3.secretKey()));

        try (S3BlobStore store = S3BlobStore.open(s3.settings(bucket), false)) {
            assertStored(store, key, result);
        }
    }

    private static void assertStored(BlobStore store, BlobKey key, Matcher result) {
        assertThat(Long.parseLong(result.group(2))).isEqualTo(GIB);
        assertThat(store.head(key)).get().extracting(BlobInfo::size).isEqualTo(GIB);
        assertThat(GeneratedBytes.sha256(store.get(key, ByteRange.ALL))).isEqualTo(result.group(1));
        store.delete(key);
        assertThat(store.head(key)).isEmpty();
    }

    private static Matcher uploadInChildJvm(List<String> args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), LargeUploadMain.class.getName()));
        command.addAll(args);
        Path output = Files.createTempFile(Path.of("target"), "large-upload-", ".log");
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!child.waitFor(5, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new AssertionError("the child JVM took over 5 minutes");
            }
            String printed = Files.readString(output);
            assertThat(child.exitValue()).as(printed).isZero();
            Matcher result = RESULT.matcher(printed);
            assertThat(result.find()).as(printed).isTrue();
            return result;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
