package gatefold.server.media;

import gatefold.server.common.Refusal;
import java.util.List;
import java.util.Optional;

/**
 * The formats a fan may download a track in. Ids are fixed (API.md) and stored. The nominal
 * bitrates (kb/s) form the table that decides which lossy formats a lossy master may be
 * offered in ({@link FormatOffer}); for VBR recipes they are the usual average for music.
 * Bump a format's recipe version whenever its ffmpeg arguments or tag writing change: it is
 * part of every derived file's key, so files made by the old recipe are never served again.
 */
public enum AudioFormat {
    ORIGINAL("original", "Original file", "", "application/octet-stream", false, 0, List.of(), null, 1),
    MP3_V0("mp3-v0", "MP3 V0", "mp3", "audio/mpeg", false, 245, List.of("libmp3lame"), "mp3", 1),
    MP3_320("mp3-320", "MP3 320", "mp3", "audio/mpeg", false, 320, List.of("libmp3lame"), "mp3", 1),
    AAC("aac", "AAC (M4A)", "m4a", "audio/mp4", false, 256, List.of("aac"), "ipod", 1),
    VORBIS("vorbis", "Ogg Vorbis", "ogg", "audio/ogg", false, 192, List.of("libvorbis"), "ogg", 1),
    OPUS("opus", "Opus", "opus", "audio/ogg", false, 160, List.of("libopus"), "opus", 1),
    FLAC("flac", "FLAC", "flac", "audio/flac", true, 0, List.of("flac"), "flac", 1),
    ALAC("alac", "ALAC (Apple Lossless)", "m4a", "audio/mp4", true, 0, List.of("alac"), "ipod", 1),
    WAV("wav", "WAV", "wav", "audio/wav", true, 0, List.of("pcm_s16le", "pcm_s24le"), "wav", 1),
    AIFF("aiff", "AIFF", "aiff", "audio/aiff", true, 0, List.of("pcm_s16be", "pcm_s24be"), "aiff", 1);

    private final String id;
    private final String label;
    private final String extension;
    private final String contentType;
    private final boolean lossless;
    private final int nominalKbps;
    private final List<String> encoders;
    private final String muxer;
    private final int recipeVersion;

    AudioFormat(String id, String label, String extension, String contentType, boolean lossless,
            int nominalKbps, List<String> encoders, String muxer, int recipeVersion) {
        this.id = id;
        this.label = label;
        this.extension = extension;
        this.contentType = contentType;
        this.lossless = lossless;
        this.nominalKbps = nominalKbps;
        this.encoders = encoders;
        this.muxer = muxer;
        this.recipeVersion = recipeVersion;
    }

    /** The stable id used in URLs, the API and the database. */
    public String id() {
        return id;
    }

    /** What a fan reads on the format picker. */
    public String label() {
        return label;
    }

    /** File extension without the dot; empty for {@link #ORIGINAL}, which keeps the master's. */
    public String extension() {
        return extension;
    }

    /** Content type of the made file; {@link #ORIGINAL} takes the master's. */
    public String contentType() {
        return contentType;
    }

    /** Whether the file keeps every sample of a lossless master. False for ORIGINAL (it depends on the master). */
    public boolean lossless() {
        return lossless;
    }

    /** Typical bitrate in kb/s for lossy formats; 0 for lossless ones and ORIGINAL. */
    public int nominalKbps() {
        return nominalKbps;
    }

    /** The ffmpeg encoders this format needs (WAV and AIFF: one per bit depth); none for ORIGINAL. */
    public List<String> encoders() {
        return encoders;
    }

    /** The ffmpeg muxer this format needs. */
    public Optional<String> muxer() {
        return Optional.ofNullable(muxer);
    }

    public int recipeVersion() {
        return recipeVersion;
    }

    public boolean isOriginal() {
        return this == ORIGINAL;
    }

    public static AudioFormat fromId(String id) {
        for (AudioFormat format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        throw Refusal.invalid("there is no audio format \"" + id + "\"; use one of original, mp3-v0, mp3-320, "
                + "aac, vorbis, opus, flac, alac, wav, aiff");
    }
}
