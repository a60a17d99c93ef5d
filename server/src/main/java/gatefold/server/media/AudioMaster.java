package gatefold.server.media;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * What ffprobe and a full decode found in an artist's audio master: what is stored and shown
 * next to the track, and what decides the formats it may be offered in.
 *
 * @param codec ffmpeg's codec name ("flac", "pcm_s24le", "mp3", ...)
 * @param container what a musician calls the file kind: WAV, AIFF, FLAC, M4A, MP3, Ogg
 * @param bitDepth bits per sample of a lossless master; empty for lossy ones, where it means nothing
 * @param bitrate bits per second, as measured (for VBR lossy masters an average)
 */
public record AudioMaster(String codec, String container, long durationMs, int sampleRate, OptionalInt bitDepth,
        int channels, long bitrate, boolean lossless, boolean hasCover) {

    /** The kind of file in a fan's or artist's words: "FLAC", "WAV", "ALAC", "MP3", "AAC", "Ogg Vorbis", "Opus". */
    public String kind() {
        return kindOf(codec, container);
    }

    /** e.g. "FLAC, 24-bit, 44.1 kHz, stereo, 3:05" or "MP3, 320 kb/s, 44.1 kHz, stereo, 3:05". */
    public String describe() {
        String detail = bitDepth.isPresent() ? bitDepth.getAsInt() + "-bit" : kbps() + " kb/s";
        String rate = sampleRate % 1000 == 0 ? String.valueOf(sampleRate / 1000)
                : String.format(Locale.ROOT, "%.1f", sampleRate / 1000.0);
        String layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels";
        long seconds = Math.round(durationMs / 1000.0);
        return kind() + ", " + detail + ", " + rate + " kHz, " + layout + ", "
                + String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** The measured bitrate in kb/s, rounded. */
    public int kbps() {
        return (int) Math.round(bitrate / 1000.0);
    }

    static String kindOf(String codec, String container) {
        if (codec.startsWith("pcm_")) {
            return container.equals("AIFF") ? "AIFF" : container.equals("WAV") ? "WAV" : "PCM audio";
        }
        return switch (codec) {
            case "flac" -> "FLAC";
            case "alac" -> "ALAC";
            case "mp3" -> "MP3";
            case "aac" -> "AAC";
            case "vorbis" -> "Ogg Vorbis";
            case "opus" -> "Opus";
            default -> codec.toUpperCase(Locale.ROOT);
        };
    }
}
