package gatefold.server.media;

import gatefold.server.common.Refusal;
import gatefold.server.tools.ToolOutput;
import gatefold.server.tools.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the files fans download and the previews visitors hear, with the OS's ffmpeg run
 * under nice, from an argument list, killed when it overruns. Output appears at {@code out}
 * only when complete (written beside it, then moved). Failures are a {@link Refusal} with a
 * short reason: kind UPSTREAM (codes transcode_failed, transcode_timeout) or UNAVAILABLE.
 */
public final class Transcoder {

    /** Part of every preview's {@link DerivedKey}; bump it when the preview recipe changes. */
    public static final int PREVIEW_RECIPE_VERSION = 1;
    private static final int PREVIEW_RATE = 48_000;
    private static final String PREVIEW = "making the preview";

    private final MediaTools tools;
    private final Probe probe;

    public Transcoder(MediaTools tools) {
        this.tools = tools;
        this.probe = new Probe(tools);
    }

    /** Encodes a master in one format, with every tag and the cover the container can hold. */
    public void encode(Path master, AudioFormat format, TrackTags tags, Optional<Path> coverJpeg, Path out,
            Duration timeout) {
        encode(master, Optional.empty(), format, tags, coverJpeg, out, timeout);
    }

    /**
     * The same, from the master's facts as its check recorded them when there are any: the
     * check read these bytes already (a blob key never names other bytes), and asking ffprobe
     * again cost each derived file about as much as encoding a short track to WAV.
     */
    void encode(Path master, Optional<AudioMaster> checked, AudioFormat format, TrackTags tags, Optional<Path> coverJpeg,
            Path out, Duration timeout) {
        if (format.isOriginal()) {
            throw Refusal.invalid("the original file is offered as uploaded; there is nothing to encode");
        }
        AudioMaster facts = checked.orElseGet(() -> probe.read(master));
        FormatOffer offer = FormatOffer.decide(facts, format, tools.formats());
        if (!offer.offered()) {
            throw new Refusal(Refusal.Kind.INVALID, "format_not_offered", offer.whyNot().orElseThrow());
        }
        Optional<CoverImage> cover = coverJpeg.map(CoverImage::read);
        EncodeRecipe.Tagging tagging = EncodeRecipe.tagging(format);
        Map<String, String> fields = tags.ffmpegFields(EncodeRecipe.separateTotals(format));
        String what = "making the " + format.label() + " file";
        Path work = tempBeside(out, ".part");
        Path tagged = tempBeside(out, ".tagged");
        Path metadata = tempBeside(out, ".ffmeta");
        try {
            FfMetadata.write(metadata, tagging.id3() ? Map.of() : fields,
                    tagging == EncodeRecipe.Tagging.PICTURE_COMMENT ? cover : Optional.empty());
            Optional<CoverImage> attached = tagging == EncodeRecipe.Tagging.FFMPEG ? cover : Optional.empty();
            runFfmpeg(encodeCommand(master, metadata, attached, EncodeRecipe.codecArgs(format, facts), work), timeout,
                    what, master);
            if (tagging == EncodeRecipe.Tagging.ID3_IN_FRONT) {
                Id3Chunk.prependToMp3(work, new Id3v2Tag(fields, cover), tagged);
                Files.move(tagged, work, StandardCopyOption.REPLACE_EXISTING);
            } else if (tagging == EncodeRecipe.Tagging.ID3_CHUNK) {
                Id3Chunk.append(work, new Id3v2Tag(fields, cover));
            }
            if (EncodeRecipe.needsFreeformCredits(format) && !tags.credits().isEmpty()) {
                M4aFreeform.append(work, "CREDITS", tags.credits());
            }
            Files.move(work, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failed("transcode_failed", what + " failed: " + FfmpegErrors.clean(String.valueOf(e.getMessage()), master));
        } finally {
            deleteQuietly(work);
            deleteQuietly(tagged);
            deleteQuietly(metadata);
        }
    }

    private List<String> encodeCommand(Path master, Path metadata, Optional<CoverImage> attached, List<String> codecArgs,
            Path work) {
        List<String> command = start("error");
        command.addAll(List.of("-format_whitelist", Probe.AUDIO_DEMUXERS, "-i", absolute(master),
                "-f", "ffmetadata", "-i", absolute(metadata)));
        attached.ifPresent(c -> command.addAll(List.of("-f", "jpeg_pipe", "-i", absolute(c.file()))));
        command.addAll(List.of("-map", "0:a:0"));
        attached.ifPresent(c -> command.addAll(List.of("-map", "2:v:0", "-c:v", "copy",
                "-disposition:v:0", "attached_pic", "-metadata:s:v:0", "comment=Cover (front)")));
        // tags come from the metadata file only: none of the master's own, global or per stream
        command.addAll(List.of("-map_metadata", "1", "-map_metadata:s:a", "-1", "-map_chapters", "-1"));
        command.addAll(codecArgs);
        command.add(absolute(work));
        return command;
    }

    /**
     * Makes a preview: AAC in M4A at about 128 kb/s, 48 kHz, moov first (faststart) so a
     * player starts at once, loudness-normalised, no tags. A clip past the track's end is cut
     * at the end, and still fades out.
     */
    public void preview(Path master, PreviewClip clip, Path out, Duration timeout) {
        if (!tools.canMakePreviews()) {
            throw new Refusal(Refusal.Kind.UNAVAILABLE, "previews_unavailable",
                    tools.absence().orElse("this server's ffmpeg lacks aac, ipod or loudnorm, so it cannot make previews"));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        AudioMaster facts = probe.read(master);
        List<String> input = previewInput(master, clip, facts);
        // fades first, so the clip as heard is what is measured and brought to the target
        List<String> filters = new ArrayList<>();
        if (!clip.wholeTrack()) {
            double fade = PreviewClip.FADE.toMillis() / 1000.0;
            filters.add(String.format(Locale.ROOT, "afade=t=in:st=0:d=%.3f,afade=t=out:st=%.3f:d=%.3f",
                    fade, clipMs(clip, facts) / 1000.0 - fade, fade));
        }
        measureLoudness(master, input, filters, remaining(deadline)).ifPresent(m -> filters.add(m.applyFilter()));
        filters.add("aresample=" + PREVIEW_RATE);
        Path work = tempBeside(out, ".part");
        try {
            List<String> encode = start("error");
            encode.addAll(input);
            encode.addAll(List.of("-map", "0:a:0", "-af", String.join(",", filters),
                    "-ac", String.valueOf(Math.min(2, facts.channels())), "-c:a", "aac", "-b:a", "128k",
                    "-map_metadata", "-1", "-map_chapters", "-1", "-movflags", "+faststart", "-f", "ipod", absolute(work)));
            runFfmpeg(encode, remaining(deadline), PREVIEW, master);
            Files.move(work, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failed("transcode_failed", PREVIEW + " failed: " + FfmpegErrors.clean(String.valueOf(e.getMessage()), master));
        } finally {
            deleteQuietly(work);
        }
    }

    /** The first loudnorm pass; empty for a silent clip, which is left as it is. */
    private Optional<Loudness.Measured> measureLoudness(Path master, List<String> input, List<String> fades,
            Duration timeout) {
        List<String> measure = start("info"); // loudnorm prints its measurement at info level
        measure.addAll(input);
        List<String> filters = new ArrayList<>(fades);
        filters.add(Loudness.measureFilter());
        measure.addAll(List.of("-map", "0:a:0", "-af", String.join(",", filters), "-f", "null", "-"));
        String output = runFfmpeg(measure, timeout, PREVIEW, master);
        try {
            return Loudness.parse(output);
        } catch (IOException e) {
            throw failed("transcode_failed", PREVIEW + " failed: its loudness could not be measured");
        }
    }

    private List<String> previewInput(Path master, PreviewClip clip, AudioMaster facts) {
        List<String> input = new ArrayList<>(List.of("-format_whitelist", Probe.AUDIO_DEMUXERS));
        if (!clip.wholeTrack()) {
            if (clip.start().toMillis() + PreviewClip.FADE.toMillis() * 2 >= facts.durationMs()) {
                throw Refusal.invalid("the preview clip must start at least 2 seconds before the track ends ("
                        + facts.describe() + ")");
            }
            input.addAll(List.of("-ss", seconds(clip.start().toMillis()), "-t", seconds(clipMs(clip, facts))));
        }
        input.addAll(List.of("-i", absolute(master)));
        return input;
    }

    /** The clip's real length: cut at the track's end. */
    private static long clipMs(PreviewClip clip, AudioMaster facts) {
        return Math.min(clip.length().toMillis(), facts.durationMs() - clip.start().toMillis());
    }

    private List<String> start(String logLevel) {
        List<String> command = new ArrayList<>(tools.nicedFfmpeg());
        command.addAll(List.of("-nostdin", "-hide_banner", "-nostats", "-v", logLevel, "-y"));
        return command;
    }

    /** Runs ffmpeg; returns the end of its error output, or throws with a short reason. */
    private String runFfmpeg(List<String> command, Duration timeout, String what, Path master) {
        ToolRun.Result result = tools.slots().run(command, timeout, ToolOutput.tail(4096));
        switch (result.ending()) {
            case TIMED_OUT -> throw failed("transcode_timeout", what + " took longer than " + timeout.toSeconds()
                    + " s and was stopped");
            case INTERRUPTED -> throw new Refusal(Refusal.Kind.UNAVAILABLE, "transcode_interrupted",
                    what + " was stopped before it finished");
            case NOT_STARTED -> throw failed("transcode_failed", what + " failed: ffmpeg could not start ("
                    + FfmpegErrors.clean(result.stderr(), master) + ")");
            case EXITED -> {
                if (FfmpegErrors.stoppedBySignal(result.exitCode())) {
                    throw new Refusal(Refusal.Kind.UNAVAILABLE, "transcode_interrupted",
                            what + " was stopped before it finished (ffmpeg got a signal to stop)");
                }
                if (result.exitCode() != 0) {
                    String why = FfmpegErrors.firstLine(result.stderr(), master);
                    throw failed("transcode_failed", what + " failed: "
                            + (why.isEmpty() ? "ffmpeg exited with status " + result.exitCode() : why));
                }
            }
        }
        return result.stderr();
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static Path tempBeside(Path out, String suffix) {
        try {
            return Files.createTempFile(out.toAbsolutePath().getParent(), "." + out.getFileName() + "-", suffix);
        } catch (IOException e) {
            throw failed("transcode_failed", "cannot write beside " + out.getFileName() + ": "
                    + FfmpegErrors.clean(String.valueOf(e.getMessage())));
        }
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover temporary file beside the output is harmless
        }
    }

    private static Refusal failed(String code, String message) {
        return new Refusal(Refusal.Kind.UPSTREAM, code, message);
    }
}
