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

    /**
     * Who writes the tags and the cover. FFMPEG: from the metadata file, the cover as an
     * attached picture (FLAC PICTURE, M4A covr). PICTURE_COMMENT: ffmpeg writes the tags and
     * the cover as a METADATA_BLOCK_PICTURE comment, since ffmpeg 5.1 cannot attach a picture
     * to Ogg ("Unsupported codec id in stream 1"). ID3_IN_FRONT (MP3) and ID3_CHUNK (WAV,
     * AIFF): ffmpeg writes bare audio and {@link Id3v2Tag} the whole tag.
     */
    enum Tagging { FFMPEG, PICTURE_COMMENT, ID3_IN_FRONT, ID3_CHUNK;

        boolean id3() {
            return this == ID3_IN_FRONT || this == ID3_CHUNK;
        }
    }

    static Tagging tagging(AudioFormat format) {
        return switch (format) {
            case VORBIS, OPUS -> Tagging.PICTURE_COMMENT;
            case MP3_V0, MP3_320 -> Tagging.ID3_IN_FRONT;
            case WAV, AIFF -> Tagging.ID3_CHUNK;
            default -> Tagging.FFMPEG;
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
            case AIFF -> args.addAll(List.of("-c:a", deep ? "pcm_s24be" : "pcm_s16be"));
            case ORIGINAL -> throw new IllegalArgumentException("the original is not encoded");
        }
        if (format == AudioFormat.MP3_V0 || format == AudioFormat.MP3_320) {
            args.addAll(List.of("-id3v2_version", "0", "-write_id3v1", "0")); // the tag is put in front afterwards
            capRate(args, master, 48_000);
            if (master.channels() > 2) {
                args.addAll(List.of("-ac", "2")); // MP3 holds mono or stereo only
            }
        }
        if (format == AudioFormat.WAV) {
            // no RIFF INFO (not even ffmpeg's name): readers such as ffmpeg ignore the ID3 chunk when INFO is there
            args.addAll(List.of("-fflags", "+bitexact"));
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
