package gatefold.server.films;

import gatefold.server.OsTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

/**
 * Small films made with ffmpeg's test sources (testsrc2 picture, a sine tone), and packaged
 * films shared across test classes in one JVM: packaging is the slow part, so each is made once.
 * The 1280x720, 20 s film is the one a browser test switching quality needs.
 */
public final class FilmFixtures {

    private static final Path DIR = emptyDir();
    private static final Map<String, Object> MADE = new HashMap<>();

    private FilmFixtures() {
    }

    public static Path ffmpeg() {
        return OsTool.FFMPEG.require();
    }

    public static Path ffprobe() {
        return OsTool.FFPROBE.require();
    }

    /** 1280x720, 20 s, 24 frames per second, with sound: two renditions and four segments. */
    public static Path film720() {
        return film("720p-20s.mp4", 1280, 720, 20, 24, true, List.of());
    }

    /** 640x360, 7 s with sound: one rendition, one full segment and one short one. */
    public static Path film360() {
        return film("360p-7s.mp4", 640, 360, 7, 24, true, List.of());
    }

    /** A portrait 720x1280 QuickTime film, 7 s with sound. */
    public static Path portrait() {
        return film("portrait-7s.mov", 720, 1280, 7, 24, true, List.of());
    }

    /** 640x360 in Matroska without sound. */
    public static Path silent() {
        return film("silent-7s.mkv", 640, 360, 7, 24, false, List.of());
    }

    /** A phone video: stored 1280x720 with a display matrix that turns it upright (720x1280 shown). */
    public static Path rotatedPhone() {
        return once("rotated", () -> {
            Path landscape = film("phone-stored.mp4", 1280, 720, 7, 24, true, List.of());
            Path rotated = DIR.resolve("phone-rotated.mp4");
            run(List.of("-i", landscape.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString()));
            return rotated;
        });
    }

    /** A film whose end was cut off in transfer: an MP4 whose index (at the end) is missing. */
    public static Path truncated() {
        return once("truncated", () -> {
            Path whole = film360();
            Path cut = DIR.resolve("truncated.mp4");
            try {
                byte[] bytes = Files.readAllBytes(whole);
                Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return cut;
        });
    }

    /** The packaged 720p film (ultrafast x264, so it is quick to make), packaged once per JVM. */
    public static PackedFilm packed720() {
        return once("packed-720", () -> {
            Path film = film720();
            Ladder ladder = HlsLadder.plan(new FilmProber(ffprobe()).probe(film)).withPreset("ultrafast");
            return new HlsPackager(ffmpeg()).pack(film, ladder, DIR.resolve("packed-720"), Duration.ofMinutes(3), ProgressListener.NONE);
        });
    }

    /** Makes a fixture the first time it is asked for (reentrant: fixtures build on fixtures). */
    @SuppressWarnings("unchecked")
    private static synchronized <T> T once(String key, Supplier<T> make) {
        Object made = MADE.get(key);
        if (made == null) {
            made = make.get();
            MADE.put(key, made);
        }
        return (T) made;
    }

    /** The folder fixtures are made in (target/film-fixtures, emptied once per JVM). */
    public static Path dir() {
        return DIR;
    }

    private static Path emptyDir() {
        try {
            Path dir = Path.of("target", "film-fixtures").toAbsolutePath();
            if (Files.isDirectory(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh empty folder for one test's output. */
    public static Path freshDir(String name) {
        try {
            Path dir = DIR.resolve(name + "-" + System.nanoTime());
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path film(String name, int width, int height, int seconds, int fps, boolean sound, List<String> extra) {
        return once(name, () -> {
            Path out = DIR.resolve(name);
            List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                    "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ":duration=" + seconds));
            if (sound) {
                args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + seconds));
            }
            args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", "-pix_fmt", "yuv420p"));
            if (sound) {
                args.addAll(List.of("-c:a", "aac", "-b:a", "96k"));
            }
            args.addAll(extra);
            args.add(out.toString());
            run(args);
            return out;
        });
    }

    /** Runs ffmpeg with these arguments (after -y and quiet logging), failing the test if it fails. */
    public static void run(List<String> args) {
        List<String> command = new ArrayList<>(List.of(ffmpeg().toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(args);
        String out = exec(command);
        if (out != null) {
            throw new AssertionError("ffmpeg failed: " + command + "\n" + out);
        }
    }

    /** Runs a command; null when it exits 0, else its output. */
    public static String exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command and returns its standard output (stderr discarded), failing on a non-zero exit. */
    public static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("failed: " + command);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
