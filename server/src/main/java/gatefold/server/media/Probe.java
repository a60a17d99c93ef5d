package gatefold.server.media;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.common.Refusal;
import gatefold.server.tools.ToolOutput;
import gatefold.server.tools.ToolRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks inside an artist's master when it is uploaded, so nothing broken is published:
 * ffprobe reads the headers, then ffmpeg decodes every audio sample, because ffprobe alone
 * accepts many truncated or damaged files. Problems come back as a {@link Refusal} naming
 * the problem in plain words. Only known demuxers may open a file (a playlist or concat
 * list disguised as audio would otherwise make ffmpeg read other files).
 */
public final class Probe {

    static final String AUDIO_DEMUXERS = "wav,aiff,flac,mp3,mov,ogg";
    static final String VIDEO_DEMUXERS = "mov,matroska";
    private static final String AUDIO_KINDS = "WAV, AIFF, FLAC, ALAC, MP3, AAC, Ogg Vorbis or Opus";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final int JSON_LIMIT = 4 * 1024 * 1024;
    /** A lossless file that decodes this much shorter than its header says was cut short. */
    private static final long CUT_SHORT_MS = 100;

    private final MediaTools tools;

    public Probe(MediaTools tools) {
        this.tools = tools;
    }

    /** Reads and fully decodes an audio master; refuses damaged, unreadable or unsupported files. */
    public AudioMaster audio(Path file) {
        AudioMaster master = read(file);
        checkDecodes(file, master);
        return master;
    }

    /** Reads a film master's headers: size, length, codecs. */
    public VideoMaster video(Path file) {
        ProbeJson json = ffprobe(file, VIDEO_DEMUXERS, "MP4, MOV, MKV or WebM video");
        JsonNode stream = json.videoStream().orElseThrow(() -> refuse("no_video_stream",
                "this file has no video stream; upload the film as MP4, MOV, MKV or WebM"));
        VideoMaster video = json.video(stream);
        if (video.width() <= 0 || video.height() <= 0) {
            throw refuse("video_unreadable", "this video's picture size cannot be read; the file may be damaged");
        }
        return video;
    }

    /** Headers only (no decode): what encoding needs to know about a master already accepted. */
    AudioMaster read(Path file) {
        ProbeJson json = ffprobe(file, AUDIO_DEMUXERS, AUDIO_KINDS + " audio");
        JsonNode stream = json.audioStream().orElseThrow(() -> refuse("no_audio_stream",
                "this file has no audio stream; upload " + AUDIO_KINDS));
        AudioMaster master = json.audio(stream);
        if (json.probeScore() < 25 || master.sampleRate() <= 0 || master.channels() <= 0) {
            throw refuse("audio_unreadable", "this file is not audio Gatefold can read; upload " + AUDIO_KINDS);
        }
        if (!master.lossless() && !ProbeJson.LOSSY_MASTERS.contains(master.codec())) {
            throw refuse("audio_unsupported", "this file holds " + stream.path("codec_long_name").asText(master.codec())
                    + " audio, which Gatefold does not take as a master; upload " + AUDIO_KINDS);
        }
        if (master.durationMs() <= 0) {
            throw refuse("audio_damaged", "this " + master.kind() + " is damaged: its length cannot be read");
        }
        return master;
    }

    private ProbeJson ffprobe(Path file, String demuxers, String kinds) {
        List<String> command = List.of(tools.ffprobe().toString(), "-hide_banner", "-v", "error",
                "-format_whitelist", demuxers, "-of", "json", "-show_format", "-show_streams",
                file.toAbsolutePath().toString());
        ToolRun.Result result = ToolRun.run(command, PROBE_TIMEOUT, ToolOutput.head(JSON_LIMIT));
        refuseIfStopped(result);
        if (result.ending() == ToolRun.Ending.TIMED_OUT) {
            throw refuse("media_unreadable", "reading this file took longer than " + PROBE_TIMEOUT.toSeconds()
                    + " s; it may be damaged");
        }
        if (!result.ok() || result.stdoutCut()) {
            String why = FfmpegErrors.firstLine(result.stderr(), file);
            throw refuse("media_unreadable", "this file is not " + kinds + " Gatefold can read"
                    + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        try {
            return ProbeJson.parse(result.stdout());
        } catch (IOException e) {
            throw refuse("media_unreadable", "this file is not " + kinds + " Gatefold can read");
        }
    }

    private void checkDecodes(Path file, AudioMaster master) {
        List<String> command = new ArrayList<>(tools.nicedFfmpeg());
        command.addAll(List.of("-nostdin", "-hide_banner", "-nostats", "-v", "error", "-progress", "pipe:1",
                "-format_whitelist", AUDIO_DEMUXERS, "-i", file.toAbsolutePath().toString(),
                "-map", "0:a:0", "-f", "null", "-"));
        Duration timeout = Duration.ofSeconds(60).plusMillis(master.durationMs() / 20);
        ToolRun.Result result = tools.slots().run(command, timeout, ToolOutput.tail(16 * 1024));
        refuseIfStopped(result);
        String damaged = "this " + master.kind() + " is damaged: ";
        if (result.ending() != ToolRun.Ending.EXITED) {
            throw refuse("audio_damaged", damaged + "decoding it did not finish within " + timeout.toSeconds() + " s");
        }
        String error = FfmpegErrors.firstLine(result.stderr(), file);
        if (!error.isEmpty() || result.exitCode() != 0) {
            throw refuse("audio_damaged", damaged + (error.isEmpty() ? "ffmpeg could not decode it" : error));
        }
        Optional<Long> decodedMs = decodedMs(result.stdout());
        if (master.lossless() && decodedMs.isPresent() && decodedMs.get() < master.durationMs() - CUT_SHORT_MS) {
            throw refuse("audio_damaged", damaged + "it is cut short, holding " + seconds(decodedMs.get()) + " of the "
                    + seconds(master.durationMs()) + " its header announces (was the upload interrupted?)");
        }
    }

    /** The last out_time_us of ffmpeg's -progress output, in ms. */
    static Optional<Long> decodedMs(String progress) {
        Optional<Long> last = Optional.empty();
        for (String line : progress.lines().toList()) {
            if (line.startsWith("out_time_us=")) {
                try {
                    last = Optional.of(Long.parseLong(line.substring("out_time_us=".length()).trim()) / 1000);
                } catch (NumberFormatException e) {
                    // "N/A" before the first frame
                }
            }
        }
        return last;
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * A run stopped from outside (the server stopping: this thread interrupted, or the tool sent a
     * signal) says nothing about the file: refused as unavailable, so the check runs again later
     * instead of recording the master as damaged.
     */
    private static void refuseIfStopped(ToolRun.Result result) {
        if (result.ending() == ToolRun.Ending.INTERRUPTED
                || result.ending() == ToolRun.Ending.EXITED && FfmpegErrors.stoppedBySignal(result.exitCode())) {
            throw new Refusal(Refusal.Kind.UNAVAILABLE, "check_interrupted", "checking this file was stopped before it finished");
        }
    }

    private static Refusal refuse(String code, String message) {
        return new Refusal(Refusal.Kind.INVALID, code, message);
    }
}
