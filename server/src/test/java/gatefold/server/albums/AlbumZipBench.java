package gatefold.server.albums;

import gatefold.server.common.Crc32Combine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Throughput of {@link AlbumZip#write} for a 1 GiB zip of ten 100 MiB files, against copying
 * the same files through the same 64 KiB buffer, to a null stream and over loopback TCP;
 * and the heap it allocates per zip, for 100 MiB and 10 MiB items. Run it by hand:
 * {@code java -Xmx48m -cp server/target/classes:server/target/test-classes gatefold.server.albums.AlbumZipBench}
 */
public final class AlbumZipBench {

    private static final int MIB = 1 << 20;

    public static void main(String[] args) throws Exception {
        int itemMib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("album-zip-bench");
        try {
            List<Path> files = files(dir, 10, itemMib);
            AlbumZip zip = zip(files, (long) itemMib * MIB);
            AlbumZip small = zip(files, 10L * MIB);
            System.out.printf("zip of %d x %d MiB: %d bytes, heap max %d MiB%n", files.size(), itemMib, zip.length(),
                    Runtime.getRuntime().maxMemory() / MIB);
            for (int round = 1; round <= 3; round++) {
                report("plain copy -> null", zip.length(), () -> copyFiles(files, OutputStream.nullOutputStream()));
                report("album zip  -> null", zip.length(), () -> zip.write(OutputStream.nullOutputStream()));
                report("plain copy -> tcp ", zip.length(), () -> overLoopback(out -> copyFiles(files, out)));
                report("album zip  -> tcp ", zip.length(), () -> overLoopback(zip::write));
            }
            long big = allocatedBy(() -> zip.write(OutputStream.nullOutputStream()));
            long tiny = allocatedBy(() -> small.write(OutputStream.nullOutputStream()));
            System.out.printf("heap allocated per zip: %d bytes for %d MiB items, %d bytes for 10 MiB items%n", big, itemMib, tiny);
        } finally {
            try (var paths = Files.list(dir)) {
                for (Path p : paths.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    interface Job {
        void run() throws Exception;
    }

    interface Sink {
        void write(OutputStream out) throws Exception;
    }

    private static List<Path> files(Path dir, int count, int mib) throws IOException {
        Random random = new Random(1);
        byte[] chunk = new byte[MIB];
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve(String.format("%02d.flac", i + 1));
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int m = 0; m < mib; m++) {
                    random.nextBytes(chunk);
                    out.write(chunk);
                }
            }
            files.add(file);
        }
        return files;
    }

    private static AlbumZip zip(List<Path> files, long size) throws IOException {
        List<ZipItem> items = new ArrayList<>();
        for (Path file : files) {
            long crc = Crc32Combine.of(file, 0, size);
            items.add(new ZipItem(file.getFileName().toString(), size, crc, TestItems.RELEASED, "bench:" + crc, ItemBytes.of(file)));
        }
        return AlbumZip.of(items);
    }

    private static void copyFiles(List<Path> files, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            }
        }
    }

    /** Sends through a loopback socket to a reader that counts and drops the bytes. */
    private static void overLoopback(Sink sink) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread reader = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buffer = new byte[256 * 1024];
                    while (in.read(buffer) >= 0) {
                        // dropped
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                sink.write(client.getOutputStream());
            }
            reader.join();
        }
    }

    private static void report(String what, long bytes, Job job) throws Exception {
        long start = System.nanoTime();
        job.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %7.0f MB/s (%.2f s)%n", what, bytes / 1e6 / seconds, seconds);
    }

    private static long allocatedBy(Job job) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        job.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
