import gatefold.server.films.FilmProbe;
import gatefold.server.films.FilmProber;
import gatefold.server.films.HlsCommand;
import gatefold.server.films.HlsLadder;
import gatefold.server.films.Ladder;
import gatefold.server.films.Rung;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg runs Gatefold's film packaging job (watch.PackageJob) makes of one master, written
 * for bench/run to run straight from a shell: one file per run, its arguments separated by NUL.
 * Run with the server jar on the class path (java -cp gatefold.jar FilmCommands.java ...):
 *
 *   FilmCommands FFPROBE MASTER OUT_DIR COMMANDS_DIR
 *
 * writes COMMANDS_DIR/1-rung-360p ... (HlsCommand.arguments, one run per rung, smallest first, as
 * HlsPackager runs them), then 8-trailer and 9-progressive (Trailer.cut and ProgressiveRendition,
 * whose arguments are private: copied here, keep them in step), and prints the ladder.
 */
public final class FilmCommands {

    public static void main(String[] args) throws IOException {
        Path master = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Path commands = Path.of(args[3]);
        FilmProbe film = new FilmProber(Path.of(args[0])).probe(master);
        Ladder ladder = HlsLadder.plan(film);
        Files.createDirectories(commands);
        List<String> names = new ArrayList<>();
        for (Rung rung : ladder.rungs()) {
            Files.createDirectories(out.resolve("hls").resolve(rung.name()));
            write(commands.resolve("1-rung-" + rung.name()), HlsCommand.arguments(master, ladder.only(rung), out.resolve("hls")));
            names.add(rung.name() + " " + rung.resolution() + " " + rung.videoKbps() + "k");
        }
        Rung small = ladder.rungs().get(0);
        for (Rung r : ladder.rungs()) {
            if (Math.min(r.width(), r.height()) <= 720) {
                small = r;
            }
        }
        write(commands.resolve("8-trailer"), trailer(master, film, small, out.resolve("trailer.mp4")));
        write(commands.resolve("9-progressive"), List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                "-i", out.resolve("hls").resolve(small.name()).resolve(HlsCommand.PLAYLIST).toAbsolutePath().toString(),
                "-map", "0", "-c", "copy", "-movflags", "+faststart", "-f", "mp4", out.resolve("progressive.mp4").toAbsolutePath().toString()));
        System.out.println(String.join(", ", names) + ", " + ladder.frameRate().decimal() + " fps, preset " + ladder.preset());
    }

    /** Trailer.encode for the cut PackageJob makes: 30 s from a tenth of the way in (from the start under a minute), with fades. */
    static List<String> trailer(Path master, FilmProbe film, Rung rung, Path out) {
        Duration start = film.duration().compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ZERO : film.duration().dividedBy(10);
        Duration clip = Duration.ofSeconds(30).compareTo(film.duration().minus(start)) > 0 ? film.duration().minus(start) : Duration.ofSeconds(30);
        double seconds = clip.toMillis() / 1000.0;
        List<String> a = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                "-ss", decimal(start.toMillis() / 1000.0), "-i", master.toAbsolutePath().toString(), "-t", decimal(seconds),
                "-map", "0:v:0", "-map", "0:a:0?", "-map_metadata", "-1", "-map_chapters", "-1",
                "-vf", "fps=" + film.frameRate().forWeb().fraction() + ",scale=" + rung.width() + ":" + rung.height()
                        + ",setsar=1,format=yuv420p,fade=t=in:st=0:d=1.0,fade=t=out:st=" + decimal(seconds - 1.0) + ":d=1.0",
                "-c:v", "libx264", "-preset", HlsLadder.PRESET, "-profile:v", "high", "-level:v", rung.level(),
                "-b:v", rung.videoKbps() + "k", "-maxrate:v", rung.maxKbps() + "k", "-bufsize:v", rung.bufferKbits() + "k"));
        if (film.hasAudio()) {
            a.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000",
                    "-af", "afade=t=in:st=0:d=1.0,afade=t=out:st=" + decimal(seconds - 1.0) + ":d=1.0"));
        }
        a.addAll(List.of("-movflags", "+faststart", "-f", "mp4", out.toAbsolutePath().toString()));
        return a;
    }

    static void write(Path file, List<String> args) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String arg : args) {
            s.append(arg).append('\0');
        }
        Files.writeString(file, s, StandardCharsets.UTF_8);
    }

    static String decimal(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, seconds));
    }
}
