package gatefold.server.storefront;

import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.ByteSizes;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.media.AudioFormat;
import gatefold.server.media.MediaCheck;
import gatefold.web.views.store.OfferedFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The formats a release's album comes in and its size in each, for fans deciding whether to
 * buy: the zip's exact size once every file in it is made, before that an estimate from the
 * tracks' durations and each format's nominal bitrate (marked "about"), and just the format
 * when even that is not known (a track still being checked).
 */
final class AlbumSizes {

    /** FLAC and ALAC keep every sample in a little over half of plain PCM, for most music. */
    static final double LOSSLESS_RATIO = 0.6;

    private AlbumSizes() {
    }

    static List<OfferedFormat> of(ReleaseFormats.Offer offer, List<ReleaseFile> files, Map<String, MediaCheck> checks) {
        List<ReleaseFile> tracks = files.stream().filter(f -> f.role().equals("track")).toList();
        long extras = files.stream().filter(f -> f.role().equals("extra") || f.role().equals("cover"))
                .mapToLong(ReleaseFile::size).sum();
        List<OfferedFormat> out = new ArrayList<>();
        for (ReleaseFormats.AlbumOffer album : offer.albums()) {
            String size = album.size() != null ? ByteSizes.readable(album.size())
                    : estimate(album.format(), tracks, extras, checks).stream().mapToObj(AlbumSizes::about).findFirst().orElse(null);
            out.add(new OfferedFormat(album.format(), album.label(), size));
        }
        return out;
    }

    /** The album's likely size in a format; empty when a track's duration (or the format) is not known. */
    static OptionalLong estimate(String formatId, List<ReleaseFile> tracks, long extras, Map<String, MediaCheck> checks) {
        AudioFormat format;
        try {
            format = AudioFormat.fromId(formatId);
        } catch (RuntimeException unknown) {
            return OptionalLong.empty();
        }
        double total = extras;
        for (ReleaseFile track : tracks) {
            if (format.isOriginal()) {
                total += track.size();
                continue;
            }
            MediaCheck check = checks.get(track.id());
            if (check == null || !check.ok() || !check.isAudio() || check.durationMs() == null
                    || !check.blobKey().equals(track.blobKey())) {
                return OptionalLong.empty();
            }
            total += bytes(format, check);
        }
        return OptionalLong.of(Math.round(total));
    }

    private static double bytes(AudioFormat format, MediaCheck check) {
        double seconds = check.durationMs() / 1000.0;
        if (format.nominalKbps() > 0) {
            return format.nominalKbps() * 125.0 * seconds;
        }
        int bytesPerSample = check.bitDepth() != null && check.bitDepth() > 16 ? 3 : 2;
        int channels = check.channels() == null ? 2 : check.channels();
        double pcm = (double) check.sampleRate() * channels * bytesPerSample * seconds;
        return format == AudioFormat.FLAC || format == AudioFormat.ALAC ? pcm * LOSSLESS_RATIO : pcm;
    }

    /** "about 98 MB", "about 4.2 MB": two figures at most, since it is an estimate. */
    static String about(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return "about " + String.format(Locale.ROOT, value >= 10 || unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    }
}
