package gatefold.server.films;

import gatefold.server.tools.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Packaging a 2-minute 1080p film into the ladder with {@link HlsPackager}, against the same ffmpeg
 * command run directly (both under {@code nice -n 10}, as the packager runs it), alternating; then
 * one ffmpeg run for the whole ladder against one run per rendition, on a 20 s excerpt. Run by hand:
 * {@code java -cp server/target/classes:server/target/test-classes:JACKSON_JARS gatefold.server.films.FilmPackagingBench [rounds]}
 */
public final class FilmPackagingBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path ffmpeg = Path.of("/usr/bin/ffmpeg");
        Path dir = Files.createTempDirectory("film-bench");
        Path film = dir.resolve("film-1080p-120s.mp4");
        long made = System.nanoTime();
        exec(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=120",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=120", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "20",
                "-pix_fmt", "yuv420p", "-c:a", "aac", film.toString()));
        System.out.printf("master made in %.1f s, %d MB%n", seconds(made), Files.size(film) >> 20);
        Ladder ladder = HlsLadder.plan(new FilmProber(Path.of("/usr/bin/ffprobe")).probe(film));
        System.out.println("ladder: " + ladder.rungs());
        for (int round = 1; round <= rounds; round++) {
            Path a = dir.resolve("packager-" + round);
            long t0 = System.nanoTime();
            PackedFilm packed = new HlsPackager(ffmpeg).pack(film, ladder, a, Duration.ofHours(1), ProgressListener.NONE);
            double packager = seconds(t0);
            Path b = dir.resolve("direct-" + round);
            for (Rung r : ladder.rungs()) {
                Files.createDirectories(b.resolve(r.name()));
            }
            long t1 = System.nanoTime();
            for (Rung r : ladder.rungs()) {
                exec(ToolRun.niced(ffmpeg, HlsCommand.arguments(film, ladder.only(r), b)));
            }
            double direct = seconds(t1);
            System.out.printf("round %d: packager %.1f s (ffmpeg %.1f s), direct %.1f s, ratio direct/packager %.3f, output %d MB%n",
                    round, packager, packed.took().toMillis() / 1000.0, direct, direct / packager, packed.totalBytes() >> 20);
            delete(a);
            delete(b);
        }
        Path excerpt = dir.resolve("excerpt-20s.mp4");
        exec(List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-y", "-i", film.toString(), "-t", "20", "-c", "copy", excerpt.toString()));
        Ladder excerptLadder = HlsLadder.plan(new FilmProber(Path.of("/usr/bin/ffprobe")).probe(excerpt));
        Path one = dir.resolve("one-run");
        for (Rung r : excerptLadder.rungs()) {
            Files.createDirectories(one.resolve(r.name()));
        }
        long t2 = System.nanoTime();
        exec(ToolRun.niced(ffmpeg, HlsCommand.arguments(excerpt, excerptLadder, one)));
        double oneRun = seconds(t2);
        long t3 = System.nanoTime();
        new HlsPackager(ffmpeg).pack(excerpt, excerptLadder, dir.resolve("per-rung"), Duration.ofHours(1), ProgressListener.NONE);
        System.out.printf("20 s excerpt: one run for %d renditions %.1f s, the packager's one run per rendition %.1f s%n",
                excerptLadder.rungs().size(), oneRun, seconds(t3));
        delete(dir);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
