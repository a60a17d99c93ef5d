package gatefold.server.media;

import gatefold.server.common.Named;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What checking a master found: its sound (or picture), or the problem that keeps it from
 * being published. A file with no check yet is being checked.
 */
public record MediaCheck(String fileId, String blobKey, State state, String problem, String codec, String container,
                         Long durationMs, Integer sampleRate, Integer bitDepth, Integer channels, Long bitrate,
                         Boolean lossless, Integer width, Integer height, Instant checkedAt) {

    /** Whether the master is usable. */
    public enum State implements Named { OK, PROBLEM }

    static MediaCheck of(String fileId, String blobKey, AudioMaster audio, Instant at) {
        return new MediaCheck(fileId, blobKey, State.OK, null, audio.codec(), audio.container(), audio.durationMs(),
                audio.sampleRate(), audio.bitDepth().isPresent() ? audio.bitDepth().getAsInt() : null, audio.channels(),
                audio.bitrate(), audio.lossless(), null, null, at);
    }

    static MediaCheck of(String fileId, String blobKey, VideoMaster video, Instant at) {
        return new MediaCheck(fileId, blobKey, State.OK, null, video.videoCodec(), video.container(), video.durationMs(),
                null, null, null, null, null, video.width(), video.height(), at);
    }

    static MediaCheck problem(String fileId, String blobKey, String problem, Instant at) {
        return new MediaCheck(fileId, blobKey, State.PROBLEM, problem, null, null, null, null, null, null, null, null, null,
                null, at);
    }

    public boolean ok() {
        return state == State.OK;
    }

    /** The master as the format rules see it; only for audio masters that checked out. */
    AudioMaster audio() {
        return new AudioMaster(codec, container, durationMs == null ? 0 : durationMs, sampleRate == null ? 0 : sampleRate,
                bitDepth == null ? OptionalInt.empty() : OptionalInt.of(bitDepth), channels == null ? 0 : channels,
                bitrate == null ? 0 : bitrate, Boolean.TRUE.equals(lossless), false);
    }

    /**
     * The audio facts this check recorded, complete enough to encode from without asking
     * ffprobe again; empty for a problem, a film, or a row missing a field.
     */
    Optional<AudioMaster> recordedAudio() {
        if (!ok() || codec == null || durationMs == null || durationMs <= 0 || sampleRate == null || sampleRate <= 0
                || channels == null || channels <= 0 || lossless == null || (!lossless && (bitrate == null || bitrate <= 0))) {
            return Optional.empty();
        }
        return Optional.of(audio());
    }

    public boolean isAudio() {
        return sampleRate != null;
    }
}
