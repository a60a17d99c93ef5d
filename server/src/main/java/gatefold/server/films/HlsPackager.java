package gatefold.server.films;

import gatefold.server.common.Refusal;
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
 * Packages a film master into HLS: one ffmpeg run (measured faster on two cores than one run per
 * rendition, which decodes the master once per rendition), then each rendition's init segment is
 * named {@code init.mp4}, and {@code master.m3u8} is written from what was measured in the files.
 */
public final class HlsPackager {

    private final Path ffmpeg;

    public HlsPackager(Path ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Encodes {@code master} as the ladder says into {@code outDir}, which must be empty or absent.
     * A film ffmpeg cannot get through is refused as invalid; a run past {@code timeout} is stopped
     * and refused as unavailable. Either way {@code outDir} may hold partial files: delete it.
     */
    public PackedFilm pack(Path master, Ladder ladder, Path outDir, Duration timeout, ProgressListener progress) {
        prepare(outDir, ladder);
        long started = System.nanoTime();
        ToolRun.Ended ended = ToolRun.run(ffmpeg, HlsCommand.arguments(master, ladder, outDir), timeout,
                ProgressListener.reader(progress, ladder.length()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (!ended.ok()) {
            throw Refusal.invalid("This film could not be converted for streaming (ffmpeg stopped: "
                    + ended.lastLine().replace(outDir.toAbsolutePath().toString(), "").replace(master.toAbsolutePath().toString(), "the film") + ")");
        }
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
