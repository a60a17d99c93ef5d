package gatefold.server.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether fans may be offered a track in one format, and if not, why (for the artist). A
 * lossless master (WAV, AIFF, FLAC, ALAC) is offered in every format the store can make. A
 * lossy master (MP3, AAC, Vorbis, Opus) is offered as itself and in lossy formats whose
 * nominal bitrate ({@link AudioFormat#nominalKbps}) is at most its own, never as a fake
 * lossless file. Measured bitrates of VBR files wander, so 5% of slack is allowed.
 */
public record FormatOffer(AudioFormat format, Optional<String> whyNot) {

    private static final double SLACK = 1.05;

    public boolean offered() {
        return whyNot.isEmpty();
    }

    /** One offer per format, in {@link AudioFormat} order. */
    public static List<FormatOffer> forMaster(AudioMaster master, Set<AudioFormat> storeCanMake) {
        List<FormatOffer> offers = new ArrayList<>();
        for (AudioFormat format : AudioFormat.values()) {
            offers.add(decide(master, format, storeCanMake));
        }
        return offers;
    }

    /** The rule itself; encoding calls it too, so nothing not offered is ever made. */
    public static FormatOffer decide(AudioMaster master, AudioFormat format, Set<AudioFormat> storeCanMake) {
        if (format.isOriginal()) {
            return new FormatOffer(format, Optional.empty());
        }
        if (!storeCanMake.contains(format)) {
            return no(format, "This store's ffmpeg cannot make " + format.label() + " files, so they are not offered; "
                    + "the operator can install a full ffmpeg to add them.");
        }
        if (master.lossless()) {
            return new FormatOffer(format, Optional.empty());
        }
        String source = "this " + master.kbps() + " kb/s " + master.kind() + " master";
        if (format.lossless()) {
            return no(format, format.label() + " is lossless: made from " + source
                    + " it would be a bigger file with no more detail. Upload a WAV, AIFF, FLAC or ALAC master to offer it.");
        }
        if (format.nominalKbps() > master.kbps() * SLACK) {
            return no(format, format.label() + " (about " + format.nominalKbps() + " kb/s) would be larger than "
                    + source + " and no better, so it is not offered.");
        }
        return new FormatOffer(format, Optional.empty());
    }

    private static FormatOffer no(AudioFormat format, String why) {
        return new FormatOffer(format, Optional.of(why));
    }
}
