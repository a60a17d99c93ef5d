package gatefold.storage;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times a musician's upload of one file into S3 through {@link S3BlobStore} against
 * {@code curl -T} of the same file straight to the same S3Proxy, taking turns, and prints
 * MiB/s for each. Run by hand from the storage folder, which holds target/tools/s3proxy.jar;
 * nothing asserts the numbers.
 *
 * <p>Arguments: {@code <file> <known|unknown> <runs>}; "unknown" hides the length from the store.
 */
public final class UploadSpeedMain {

    private static final double MIB = 1024 * 1024;

    private UploadSpeedMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean lengthKnown = args[1].equals("known");
        int runs = Integer.parseInt(args[2]);
        long size = Files.size(file);
        BlobKey key = BlobKey.of("speed/" + file.getFileName());
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            String bucket = s3.createFreshBucket();
            String url = s3.endpoint() + "/" + bucket + "/" + key.value();
            try (S3BlobStore store = S3BlobStore.open(s3.settings(bucket), false)) {
                for (int run = 1; run <= runs; run++) {
                    long start = System.nanoTime();
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                        store.put(key, in, lengthKnown ? size : BlobStore.UNKNOWN_LENGTH, "application/zip");
                    }
                    double gatefold = size / ((System.nanoTime() - start) / 1e9) / MIB;
                    store.delete(key);
                    double curl = curlPut(s3, file, url) / MIB;
                    store.delete(key);
                    System.out.printf("run %d: S3BlobStore %.1f MiB/s, curl %.1f MiB/s, ratio %.2f%n",
                            run, gatefold, curl, gatefold / curl);
                }
            }
        }
    }

    /** Bytes per second as curl reports them, signed the way the benchmark signs its reference PUT. */
    private static double curlPut(S3ProxyServer s3, Path file, String url) throws Exception {
        Process curl = new ProcessBuilder(List.of("curl", "-sS", "-T", file.toString(), "-o", "/dev/null",
                "-w", "%{http_code} %{speed_upload}", "--aws-sigv4", "aws:amz:us-east-1:s3",
                "--user", s3.accessKey() + ":" + s3.secretKey(),
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD", "-H", "Expect:", url))
                .redirectErrorStream(true).start();
        String[] out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
        if (curl.waitFor() != 0 || !out[0].equals("200")) {
            throw new IllegalStateException("curl failed: " + String.join(" ", out));
        }
        return Double.parseDouble(out[1]);
    }
}
