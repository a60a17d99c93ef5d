package gatefold.server.media;

import gatefold.server.common.Refusal;
import gatefold.server.config.Settings;
import gatefold.server.tools.ToolOutput;
import gatefold.server.tools.ToolRun;
import gatefold.server.tools.ToolSlots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The ffmpeg and ffprobe this instance runs, and what they can make. Found once at start
 * (GATEFOLD_FFMPEG / GATEFOLD_FFPROBE, else PATH). Without them the store still runs and
 * offers original files only: {@link #absence()} says why in one sentence, nothing throws.
 */
public final class MediaTools {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(15);
    private static final int LIST_LIMIT = 1024 * 1024;
    /** What previews need beyond an AAC encoder and the ipod muxer. */
    private static final List<String> PREVIEW_FILTERS = List.of("loudnorm", "afade", "aresample");

    private final Path ffmpeg;
    private final Path ffprobe;
    private final String version;
    private final Set<String> encoders;
    private final Set<String> muxers;
    private final Set<String> filters;
    private final String absence;
    private ToolSlots slots = new ToolSlots(1);

    /** What this ffmpeg build lists: its encoders, container writers and filters. */
    private record Abilities(Set<String> encoders, Set<String> muxers, Set<String> filters) {
        static final Abilities NONE = new Abilities(Set.of(), Set.of(), Set.of());
    }

    private MediaTools(Path ffmpeg, Path ffprobe, String version, Abilities abilities, String absence) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.version = version;
        this.encoders = Set.copyOf(abilities.encoders());
        this.muxers = Set.copyOf(abilities.muxers());
        this.filters = Set.copyOf(abilities.filters());
        this.absence = absence;
    }

    /** Finds the tools from GATEFOLD_FFMPEG / GATEFOLD_FFPROBE, or on PATH. */
    public static MediaTools detect(Settings settings) {
        return detect(settings.get("GATEFOLD_FFMPEG").map(Path::of), settings.get("GATEFOLD_FFPROBE").map(Path::of));
    }

    /** Explicit paths win; an unset ffprobe is looked for next to an explicit ffmpeg, then on PATH. */
    public static MediaTools detect(Optional<Path> ffmpegPath, Optional<Path> ffprobePath) {
        Optional<Path> ffmpeg = ffmpegPath.isPresent() ? ffmpegPath : ToolRun.onPath("ffmpeg");
        if (ffmpeg.isEmpty()) {
            return absent("ffmpeg is not installed (not on PATH and GATEFOLD_FFMPEG is not set), so fans are offered "
                    + "the original files only; install it (apt-get install ffmpeg) to offer every format");
        }
        if (!Files.isExecutable(ffmpeg.get())) {
            return absent("GATEFOLD_FFMPEG points at " + ffmpeg.get() + ", which does not exist or cannot be run, "
                    + "so fans are offered the original files only; fix the path or unset it to use ffmpeg from PATH");
        }
        Optional<Path> ffprobe = ffprobePath.or(() -> sibling(ffmpeg.get(), "ffprobe")).or(() -> ToolRun.onPath("ffprobe"));
        if (ffprobe.isEmpty() || !Files.isExecutable(ffprobe.get())) {
            return absent("ffprobe " + ffprobe.map(p -> "at " + p + " cannot be run").orElse("is not installed")
                    + " (it comes with ffmpeg; GATEFOLD_FFPROBE sets its path), so fans are offered the original files only");
        }
        return ask(ffmpeg.get(), ffprobe.get());
    }

    /** A value for an instance without ffmpeg: original files only, for the given reason. */
    public static MediaTools absent(String why) {
        return new MediaTools(null, null, "", Abilities.NONE, why);
    }

    /** The five questions at once: one after another they were 0.4 s of every start. */
    private static MediaTools ask(Path ffmpeg, Path ffprobe) {
        ExecutorService asking = Executors.newFixedThreadPool(5, r -> {
            Thread t = new Thread(r, "gatefold-media-ask");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Optional<String>> version = asking.submit(() -> firstLine(ffmpeg, "-version"));
            Future<Optional<String>> probeVersion = asking.submit(() -> firstLine(ffprobe, "-version"));
            Future<Set<String>> encoders = asking.submit(() -> names(ffmpeg, "-encoders"));
            Future<Set<String>> muxers = asking.submit(() -> names(ffmpeg, "-muxers"));
            Future<Set<String>> filters = asking.submit(() -> names(ffmpeg, "-filters"));
            if (version.get().isEmpty() || probeVersion.get().isEmpty()) {
                Path broken = version.get().isEmpty() ? ffmpeg : ffprobe;
                return absent(broken + " did not answer -version, so fans are offered the original files only; "
                        + "check that it runs on this machine");
            }
            return new MediaTools(ffmpeg, ffprobe, versionOf(version.get().get()),
                    new Abilities(encoders.get(), muxers.get(), filters.get()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return absent("the start was interrupted while asking ffmpeg what it can do, so fans are offered the original files only");
        } catch (ExecutionException e) {
            return absent("asking " + ffmpeg + " what it can do failed (" + e.getCause() + "), so fans are offered the original files only");
        } finally {
            asking.shutdownNow();
        }
    }

    /** Every encode, whole-master decode and film packaging of this server waits for one of {@code slots}. */
    public MediaTools limitedTo(ToolSlots limit) {
        this.slots = limit;
        return this;
    }

    /** The encoders this server may run at once. */
    public ToolSlots slots() {
        return slots;
    }

    public boolean present() {
        return absence == null;
    }

    /** Why this instance cannot make formats, in one sentence for the log and the artist's dashboard. */
    public Optional<String> absence() {
        return Optional.ofNullable(absence);
    }

    /** ffmpeg's version, e.g. "5.1.9-0+deb12u1"; empty when absent. */
    public String version() {
        return version;
    }

    public Path ffmpeg() {
        requirePresent();
        return ffmpeg;
    }

    public Path ffprobe() {
        requirePresent();
        return ffprobe;
    }

    /** Every format this machine can make; {@link AudioFormat#ORIGINAL} always. */
    public Set<AudioFormat> formats() {
        Set<AudioFormat> formats = EnumSet.of(AudioFormat.ORIGINAL);
        for (AudioFormat format : AudioFormat.values()) {
            if (!format.isOriginal() && missingFor(format).isEmpty()) {
                formats.add(format);
            }
        }
        return formats;
    }

    public boolean canMake(AudioFormat format) {
        return formats().contains(format);
    }

    /** What this machine lacks to make a format, in words; empty when it can. */
    public Optional<String> missingFor(AudioFormat format) {
        if (format.isOriginal()) {
            return Optional.empty();
        }
        if (!present()) {
            return Optional.of("this server has no ffmpeg");
        }
        List<String> missing = new ArrayList<>();
        format.encoders().stream().filter(e -> !encoders.contains(e)).forEach(e -> missing.add("the " + e + " encoder"));
        format.muxer().filter(m -> !muxers.contains(m)).ifPresent(m -> missing.add("the " + m + " muxer"));
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("this server's ffmpeg lacks " + String.join(" and ", missing));
    }

    /** Whether loudness-normalised AAC previews can be made here. */
    public boolean canMakePreviews() {
        return present() && encoders.contains("aac") && muxers.contains("ipod") && filters.containsAll(PREVIEW_FILTERS);
    }

    /** A line for the start-up log. */
    public String describe() {
        if (!present()) {
            return absence;
        }
        List<String> ids = formats().stream().map(AudioFormat::id).toList();
        return "ffmpeg " + version + " at " + ffmpeg + " makes " + String.join(", ", ids)
                + (canMakePreviews() ? "; previews on" : "; previews off (needs aac, ipod and loudnorm)");
    }

    /** The command prefix for work that must not starve serving: ffmpeg under nice when there is one. */
    List<String> nicedFfmpeg() {
        return ToolRun.niced(ffmpeg(), List.of());
    }

    private void requirePresent() {
        if (!present()) {
            throw new Refusal(Refusal.Kind.UNAVAILABLE, "media_tools_absent", absence);
        }
    }

    private static Optional<String> firstLine(Path tool, String flag) {
        ToolRun.Result result = ToolRun.run(List.of(tool.toString(), "-hide_banner", flag), ASK_TIMEOUT, ToolOutput.head(4096));
        if (!result.ok() || result.stdout().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(result.stdout().lines().findFirst().orElse(""));
    }

    /** "ffmpeg version 5.1.9-0+deb12u1 Copyright ..." gives "5.1.9-0+deb12u1". */
    static String versionOf(String firstLine) {
        String[] words = firstLine.trim().split("\\s+");
        return words.length >= 3 && words[1].equals("version") ? words[2] : firstLine.trim();
    }

    /** Names from ffmpeg's -encoders, -muxers or -filters: the word after the flags (-filters has no "--" line). */
    static Set<String> names(Path ffmpeg, String list) {
        ToolRun.Result result = ToolRun.run(List.of(ffmpeg.toString(), "-hide_banner", list), ASK_TIMEOUT, ToolOutput.head(LIST_LIMIT));
        Set<String> names = new HashSet<>();
        if (!result.ok()) {
            return names;
        }
        boolean pastLegend = list.equals("-filters");
        for (String line : result.stdout().lines().toList()) {
            String trimmed = line.trim();
            if (!pastLegend) {
                pastLegend = trimmed.startsWith("--");
                continue;
            }
            String[] words = trimmed.split("\\s+");
            if (words.length >= 2 && !words[1].equals("=")) {
                names.add(words[1]);
            }
        }
        return names;
    }

    private static Optional<Path> sibling(Path tool, String name) {
        Path candidate = tool.resolveSibling(name);
        return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }
}
