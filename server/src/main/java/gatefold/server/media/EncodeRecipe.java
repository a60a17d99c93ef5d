package gatefold.server.media;

import java.util.ArrayList;
import java.util.List;

/**
 * ffmpeg's encoder and muxer arguments for each format, and how tags and the cover get into
 * it. Sample rates follow the master except where a codec cannot (Opus is always 48 kHz,
 * MP3 at most 48 kHz, AAC at most 96 kHz); lossless formats keep the master's bit depth as
 * 16 or 24 bits. Changing anything here means bumping the format's recipe version.
 */
final class EncodeRecipe {

    /** Where the cover goes: a picture stream ffmpeg attaches, a Vorbis comment, an ID3 chunk we write, or nowhere. */
    enum CoverRoute { ATTACHED_STREAM, PICTURE_COMMENT, WAV_ID3_CHUNK }

    private EncodeRecipe() {
    }

    static CoverRoute coverRoute(AudioFormat format) {
        return switch (format) {
            case VORBIS, OPUS -> CoverRoute.PICTURE_COMMENT; // ffmpeg 5.1: "Unsupported codec id in stream 1"
            case WAV -> CoverRoute.WAV_ID3_CHUNK; // the wav muxer writes one stream and RIFF INFO only
            default -> CoverRoute.ATTACHED_STREAM; // MP3 APIC, FLAC PICTURE, M4A covr, AIFF ID3 APIC
        };
    }

    /** Vorbis comments (FLAC, Ogg) keep track and disc totals in their own fields. */
    static boolean separateTotals(AudioFormat format) {
        return format == AudioFormat.FLAC || format == AudioFormat.VORBIS || format == AudioFormat.OPUS;
    }

    /** Fields ffmpeg 5.1 drops in this container, which {@link M4aFreeform} adds afterwards. */
    static boolean needsFreeformCredits(AudioFormat format) {
        return format == AudioFormat.AAC || format == AudioFormat.ALAC;
    }

    /** Codec, quality, sample rate and muxer arguments, from "-c:a" to "-f muxer" (the output path follows). */
    static List<String> codecArgs(AudioFormat format, AudioMaster master) {
        boolean deep = master.bitDepth().orElse(16) > 16;
        List<String> args = new ArrayList<>();
        switch (format) {
            case MP3_V0 -> args.addAll(List.of("-c:a", "libmp3lame", "-q:a", "0"));
            case MP3_320 -> args.addAll(List.of("-c:a", "libmp3lame", "-b:a", "320k"));
            case AAC -> args.addAll(List.of("-c:a", "aac", "-b:a", "256k"));
            case VORBIS -> args.addAll(List.of("-c:a", "libvorbis", "-q:a", "6"));
            case OPUS -> args.addAll(List.of("-c:a", "libopus", "-b:a", "160k", "-ar", "48000"));
            case FLAC -> args.addAll(deep ? List.of("-c:a", "flac", "-sample_fmt", "s32", "-bits_per_raw_sample", "24")
                    : List.of("-c:a", "flac", "-sample_fmt", "s16"));
            case ALAC -> args.addAll(deep ? List.of("-c:a", "alac", "-sample_fmt", "s32p", "-bits_per_raw_sample", "24")
                    : List.of("-c:a", "alac", "-sample_fmt", "s16p"));
            case WAV -> args.addAll(List.of("-c:a", deep ? "pcm_s24le" : "pcm_s16le"));
            case AIFF -> args.addAll(List.of("-c:a", deep ? "pcm_s24be" : "pcm_s16be", "-write_id3v2", "1"));
            case ORIGINAL -> throw new IllegalArgumentException("the original is not encoded");
        }
        if (format == AudioFormat.MP3_V0 || format == AudioFormat.MP3_320) {
            args.addAll(List.of("-id3v2_version", "3", "-write_id3v1", "0"));
            capRate(args, master, 48_000);
            if (master.channels() > 2) {
                args.addAll(List.of("-ac", "2")); // MP3 holds mono or stereo only
            }
        }
        if (format == AudioFormat.AIFF) {
            args.addAll(List.of("-id3v2_version", "3"));
        }
        if (format == AudioFormat.AAC) {
            capRate(args, master, 96_000);
        }
        args.addAll(List.of("-f", format.muxer().orElseThrow()));
        return args;
    }

    /** Above the cap, the highest rate of the master's family (44.1 or 48 kHz) that fits. */
    private static void capRate(List<String> args, AudioMaster master, int cap) {
        int rate = master.sampleRate();
        if (rate > cap) {
            int family = rate % 44_100 == 0 ? 44_100 : 48_000;
            int target = family;
            while (target * 2 <= cap) {
                target *= 2;
            }
            args.addAll(List.of("-ar", String.valueOf(target)));
        }
    }
}
