package gatefold.server.films;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What packaging made, all under {@code outDir}: the caller uploads {@link #files()} to the store
 * under the film's content-hash prefix, keeping each file's relative path.
 *
 * @param outDir     where the files are
 * @param variants   each rendition as {@code master.m3u8} lists it (measured bandwidth, codecs)
 * @param files      every file written, relative to {@code outDir}, with its size
 * @param took       how long ffmpeg ran
 */
public record PackedFilm(Path outDir, List<MasterPlaylist.Variant> variants, List<OutputFile> files, Duration took) {

    public static final String MASTER = "master.m3u8";

    /** One file written, with its path relative to the output folder ("720p/seg_00003.m4s"). */
    public record OutputFile(String path, long bytes) {
    }

    public PackedFilm {
        variants = List.copyOf(variants);
        files = List.copyOf(files);
    }

    public Path masterPlaylist() {
        return outDir.resolve(MASTER);
    }

    public long totalBytes() {
        return files.stream().mapToLong(OutputFile::bytes).sum();
    }
}
