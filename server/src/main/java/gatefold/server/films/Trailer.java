package gatefold.server.films;

import gatefold.server.common.Refusal;
import gatefold.server.tools.ToolOutput;
import gatefold.server.tools.ToolRun;
import gatefold.server.tools.ToolSlots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The public trailer on a film's release page: one MP4 (H.264 + AAC, index at the front) at the
 * ladder's rendition nearest 720p and never above it, which every browser plays in a plain
 * {@code <video>} with byte ranges, no playlist and no script. Either a clip of the master with a
 * one-second fade in and out, or a trailer the artist uploaded, re-encoded the same way.
 */
public final class Trailer {

    /** Longer than this is not a trailer, and would cost the store a film's worth of encoding. */
    public static final Duration LONGEST = Duration.ofMinutes(5);
    public static final Duration SHORTEST = Duration.ofSeconds(2);
    private static final double FADE_SECONDS = 1.0;

    /** What was written: the file and what a player will see. */
    public record Made(Path file, int width, int height, Duration length, long bytes) {
    }

    private final Path ffmpeg;
    private final ToolSlots slots;
    private final FilmProber prober;

    public Trailer(Path ffmpeg, Path ffprobe) {
        this(ffmpeg, ffprobe, new ToolSlots(1));
    }

    /** Its ffmpeg run waits for one of {@code slots}, the server's encoders. */
    public Trailer(Path ffmpeg, Path ffprobe, ToolSlots slots) {
        this.ffmpeg = ffmpeg;
        this.slots = slots;
        this.prober = new FilmProber(ffprobe);
    }

    /** A clip of the master from {@code start}, {@code length} long (shortened if the film ends first), with fades. */
    public Made cut(Path master, Duration start, Duration length, Path out) {
        FilmProbe film = prober.probe(master);
        if (start.isNegative() || start.compareTo(film.duration().minus(SHORTEST)) > 0) {
            throw Refusal.invalid("A trailer must start at least " + SHORTEST.toSeconds() + " s before the film ends");
        }
        Duration clip = length.compareTo(film.duration().minus(start)) > 0 ? film.duration().minus(start) : length;
        if (clip.compareTo(SHORTEST) < 0 || clip.compareTo(LONGEST) > 0) {
            throw Refusal.invalid("A trailer must be between " + SHORTEST.toSeconds() + " s and " + LONGEST.toMinutes() + " minutes long");
        }
        return encode(master, film, start, clip, true, out);
    }

    /** Checks a separately uploaded trailer and re-encodes it for the web (no fades: it has its own). */
    public Made fromUpload(Path upload, Path out) {
        FilmProbe film = prober.probe(upload);
        if (film.duration().compareTo(LONGEST) > 0) {
            throw Refusal.invalid("A trailer may be at most " + LONGEST.toMinutes() + " minutes long; this one is "
                    + film.duration().toMinutes() + " minutes");
        }
        if (film.duration().compareTo(SHORTEST) < 0) {
            throw Refusal.invalid("A trailer must be at least " + SHORTEST.toSeconds() + " s long");
        }
        return encode(upload, film, Duration.ZERO, film.duration(), false, out);
    }

    /** The ladder's largest rendition whose short side is at most 720. */
    static Rung rung(FilmProbe film) {
        List<Rung> rungs = HlsLadder.plan(film).rungs();
        Rung chosen = rungs.get(0);
        for (Rung r : rungs) {
            if (Math.min(r.width(), r.height()) <= 720) {
                chosen = r;
            }
        }
        return chosen;
    }

    private Made encode(Path source, FilmProbe film, Duration start, Duration clip, boolean fades, Path out) {
        Rung rung = rung(film);
        double seconds = clip.toMillis() / 1000.0;
        List<String> a = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                "-ss", decimal(start.toMillis() / 1000.0), "-i", source.toAbsolutePath().toString(), "-t", decimal(seconds),
                "-map", "0:v:0", "-map", "0:a:0?", "-map_metadata", "-1", "-map_chapters", "-1",
                "-vf", "fps=" + film.frameRate().forWeb().fraction() + ",scale=" + rung.width() + ":" + rung.height()
                        + ",setsar=1,format=yuv420p" + (fades ? videoFades(seconds) : ""),
                "-c:v", "libx264", "-preset", HlsLadder.PRESET, "-profile:v", "high", "-level:v", rung.level(),
                "-b:v", rung.videoKbps() + "k", "-maxrate:v", rung.maxKbps() + "k", "-bufsize:v", rung.bufferKbits() + "k"));
        if (film.hasAudio()) {
            a.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000"));
            if (fades) {
                a.addAll(List.of("-af", "afade=t=in:st=0:d=" + FADE_SECONDS + ",afade=t=out:st=" + decimal(seconds - FADE_SECONDS) + ":d=" + FADE_SECONDS));
            }
        }
        a.addAll(List.of("-movflags", "+faststart", "-f", "mp4", out.toAbsolutePath().toString()));
        Duration timeout = Duration.ofSeconds(60).plus(clip.multipliedBy(20));
        ToolRun.Result ended = slots.run(ToolRun.niced(ffmpeg, a), timeout, ToolOutput.ignored()).finished("ffmpeg", timeout);
        if (!ended.ok()) {
            throw Refusal.invalid("The trailer could not be made from this film (ffmpeg stopped: " + ended.lastLine()
                    .replace(source.toAbsolutePath().toString(), "the film").replace(out.toAbsolutePath().toString(), "the trailer") + ")");
        }
        try {
            return new Made(out, rung.width(), rung.height(), clip, Files.size(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String videoFades(double seconds) {
        return ",fade=t=in:st=0:d=" + FADE_SECONDS + ",fade=t=out:st=" + decimal(seconds - FADE_SECONDS) + ":d=" + FADE_SECONDS;
    }

    private static String decimal(double seconds) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, seconds));
    }
}
