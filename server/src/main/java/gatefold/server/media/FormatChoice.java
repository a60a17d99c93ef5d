package gatefold.server.media;

import gatefold.server.catalog.Release;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which formats fans get of a track: the release's choice (by default every format but the
 * original; the artist may add the original or leave formats out), narrowed to what the
 * master allows (no fake lossless from a lossy master) and what the workers can make. A
 * track is never left with nothing: without any other format, fans get the original.
 */
final class FormatChoice {

    private FormatChoice() {
    }

    /** The formats the artist chose for the release. */
    static Set<AudioFormat> chosen(Release release) {
        if (release.formats() == null) {
            Set<AudioFormat> all = EnumSet.allOf(AudioFormat.class);
            all.remove(AudioFormat.ORIGINAL);
            return all;
        }
        Set<AudioFormat> chosen = EnumSet.noneOf(AudioFormat.class);
        Arrays.stream(release.formats().split(",")).filter(id -> !id.isBlank()).forEach(id -> chosen.add(AudioFormat.fromId(id)));
        return chosen;
    }

    /** A track's formats, in the order fans see them; the original when nothing else can be offered. */
    static List<AudioFormat> forTrack(Release release, MediaCheck check, MediaWorkers.Capabilities workers) {
        Set<AudioFormat> chosen = chosen(release);
        List<AudioFormat> formats = new ArrayList<>();
        for (AudioFormat format : AudioFormat.values()) {
            if (!chosen.contains(format)) {
                continue;
            }
            if (format.isOriginal() || check != null && check.ok() && check.isAudio()
                    && FormatOffer.decide(check.audio(), format, workers.formats()).offered()) {
                formats.add(format);
            }
        }
        return formats.isEmpty() ? List.of(AudioFormat.ORIGINAL) : formats;
    }

    /** Why a format is not offered for a track, in the artist's words; empty when it is. */
    static java.util.Optional<String> whyNot(Release release, MediaCheck check, MediaWorkers.Capabilities workers,
                                             AudioFormat format) {
        if (!chosen(release).contains(format)) {
            return java.util.Optional.of("You left " + format.label() + " out of this release's formats.");
        }
        if (format.isOriginal()) {
            return java.util.Optional.empty();
        }
        if (check == null) {
            return java.util.Optional.of("The track is still being checked.");
        }
        if (!check.ok()) {
            return java.util.Optional.of(check.problem());
        }
        return FormatOffer.decide(check.audio(), format, workers.formats()).whyNot();
    }
}
