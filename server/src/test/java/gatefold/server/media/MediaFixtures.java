package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.OsTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Tiny masters and covers made with ffmpeg's own sources (lavfi), for media tests. */
final class MediaFixtures {

    private MediaFixtures() {
    }

    /** A stereo 440 Hz sine of the given length, sample rate and codec, into a file ffmpeg names by its muxer. */
    static Path sine(Path dir, String name, double seconds, int rate, String... codecArgs) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=" + rate + ":duration=" + seconds, "-ac", "2"));
        args.addAll(List.of(codecArgs));
        args.add(out.toString());
        ffmpeg(args);
        return out;
    }

    /**
     * A 500 × 500 JPEG of noise, about 180 KiB: larger than one command-line argument may be
     * (128 KiB), so a cover that reached ffmpeg as an argument would fail the test.
     */
    static Path cover(Path dir) {
        Path out = dir.resolve("cover.jpg");
        ffmpeg(List.of("-f", "lavfi", "-i", "nullsrc=size=500x500,geq=random(1)*255:128:128", "-frames:v", "1", "-q:v", "2",
                out.toString()));
        return out;
    }

    /** Runs ffmpeg quietly and fails the test if it fails. */
    static String ffmpeg(List<String> args) {
        List<String> command = new ArrayList<>(List.of(OsTool.FFMPEG.require().toString(), "-nostdin", "-hide_banner",
                "-v", "error", "-y"));
        command.addAll(args);
        return run(command);
    }

    static String ffprobe(List<String> args) {
        List<String> command = new ArrayList<>(List.of(OsTool.FFPROBE.require().toString(), "-hide_banner", "-v", "error"));
        command.addAll(args);
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("%s\n%s", command, output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
