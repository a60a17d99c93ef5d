package gatefold.server.films;

import gatefold.server.common.Refusal;
import gatefold.server.tools.ToolOutput;
import gatefold.server.tools.ToolRun;
import gatefold.server.tools.ToolSlots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Packages a film master into HLS: one ffmpeg run per rendition, smallest first, then each
 * rendition's init segment is named {@code init.mp4} and {@code master.m3u8} is written from what
 * was measured in the files.
 *
 * <p>One run per rendition because it was faster on two busy cores in four trials out of four (20 s
 * of 1080p into 360p, 720p and 1080p: 44, 67, 84 and 61 s against 152, 88, 115 and 65 s for one run
 * doing all three), though one run uses up to a tenth less CPU (it decodes the master once): ffmpeg
 * 5.1 decodes, scales for every rendition and muxes on a single thread, which holds x264's threads back.
 */
public final class HlsPackager {

    private final Path ffmpeg;
    private final ToolSlots slots;

    public HlsPackager(Path ffmpeg) {
        this(ffmpeg, new ToolSlots(1));
    }

    /** Each rendition's ffmpeg run waits for one of {@code slots}, the server's encoders. */
    public HlsPackager(Path ffmpeg, ToolSlots slots) {
        this.ffmpeg = ffmpeg;
        this.slots = slots;
    }

    /**
     * Encodes {@code master} as the ladder says into {@code outDir}, which must be empty or absent.
     * A film ffmpeg cannot get through is refused as invalid; packaging past {@code timeout} (all
     * renditions together) is stopped and refused as unavailable. Either way {@code outDir} may hold
     * partial files: delete it. Progress is reported against the film's length across all renditions.
     */
    public PackedFilm pack(Path master, Ladder ladder, Path outDir, Duration timeout, ProgressListener progress) {
        prepare(outDir, ladder);
        long started = System.nanoTime();
        double[] share = shares(ladder);
        double before = 0;
        for (int i = 0; i < ladder.rungs().size(); i++) {
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            encode(master, ladder.only(ladder.rungs().get(i)), outDir, left, timeout, scaled(progress, before, share[i]));
            before += share[i];
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        try {
            List<MasterPlaylist.Variant> variants = new ArrayList<>();
            for (Rung rung : ladder.rungs()) {
                variants.add(RenditionFiles.finish(outDir.resolve(rung.name()), rung, ladder.frameRate()));
            }
            Files.writeString(outDir.resolve(PackedFilm.MASTER), MasterPlaylist.write(variants, List.of()), StandardCharsets.UTF_8);
            return new PackedFilm(outDir, variants, listing(outDir), took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void encode(Path master, Ladder one, Path outDir, Duration left, Duration timeout, ProgressListener progress) {
        if (left.isNegative() || left.isZero()) {
            throw tooSlow(timeout);
        }
        ToolRun.Result ended = slots.run(ToolRun.niced(ffmpeg, HlsCommand.arguments(master, one, outDir)), left,
                ToolOutput.lines(ProgressListener.reader(progress, one.length())));
        if (ended.ending() == ToolRun.Ending.TIMED_OUT) {
            throw tooSlow(timeout);
        }
        ended.finished("ffmpeg", left);
        if (!ended.ok()) {
            throw Refusal.invalid("This film could not be converted for streaming (ffmpeg stopped: "
                    + ended.lastLine().replace(outDir.toAbsolutePath().toString(), "").replace(master.toAbsolutePath().toString(), "the film") + ")");
        }
    }

    private static Refusal tooSlow(Duration timeout) {
        return Refusal.unavailable("Converting this film for streaming took longer than " + timeout.toMinutes()
                + " minutes and was stopped", Duration.ofMinutes(5));
    }

    /** Each rendition's share of the work, by the square root of its pixels (what x264's time followed here). */
    static double[] shares(Ladder ladder) {
        double[] share = ladder.rungs().stream().mapToDouble(r -> Math.sqrt((double) r.width() * r.height())).toArray();
        double sum = java.util.Arrays.stream(share).sum();
        for (int i = 0; i < share.length; i++) {
            share[i] /= sum;
        }
        return share;
    }

    /** One rendition's progress as progress through the whole job. */
    private static ProgressListener scaled(ProgressListener whole, double before, double share) {
        return (done, total) -> {
            double fraction = Math.min(1.0, before + share * done.toNanos() / Math.max(1, total.toNanos()));
            whole.progress(fraction > 0.999_999 ? total : Duration.ofNanos(Math.round(total.toNanos() * fraction)), total);
        };
    }

    private static void prepare(Path outDir, Ladder ladder) {
        try {
            if (Files.isDirectory(outDir)) {
                try (Stream<Path> inside = Files.list(outDir)) {
                    if (inside.findAny().isPresent()) {
                        throw new IllegalArgumentException("the output folder must be empty: " + outDir);
                    }
                }
            }
            for (Rung rung : ladder.rungs()) {
                Files.createDirectories(outDir.resolve(rung.name()));
            }
            long free = Files.getFileStore(outDir).getUsableSpace();
            if (free < ladder.estimatedBytes()) {
                throw Refusal.unavailable("Not enough disk space to convert this film for streaming: it needs about "
                        + (ladder.estimatedBytes() >> 20) + " MB and " + (free >> 20) + " MB are free", Duration.ofHours(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code outDir}, relative paths with forward slashes, in name order. */
    static List<PackedFilm.OutputFile> listing(Path outDir) throws IOException {
        try (Stream<Path> walk = Files.walk(outDir)) {
            List<PackedFilm.OutputFile> files = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                files.add(new PackedFilm.OutputFile(outDir.relativize(p).toString().replace('\\', '/'), Files.size(p)));
            }
            return files;
        }
    }
}
