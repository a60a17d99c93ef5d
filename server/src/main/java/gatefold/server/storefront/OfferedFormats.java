package gatefold.server.storefront;

import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.media.MediaCheck;
import gatefold.web.views.store.OfferedFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The formats on a release page, remembered for half a minute per release: working out
 * which album zips are made looks at every track in every format, which took 2 s for a
 * 24-track album while its files were being made (StorefrontTest's long player), too much
 * for every view of a page fans share. A size may thus show half a minute late.
 */
final class OfferedFormats {

    static final Duration FRESH = Duration.ofSeconds(30);
    private static final int MAX_REMEMBERED = 1000;
    private final ReleaseFormats formats;
    private final Function<Release, Map<String, MediaCheck>> checks;
    private final Clock clock;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Instant at, Instant releaseUpdated, List<OfferedFormat> formats) {
    }

    OfferedFormats(ReleaseFormats formats, Function<Release, Map<String, MediaCheck>> checks, Clock clock) {
        this.formats = formats;
        this.checks = checks;
        this.clock = clock;
    }

    /** The checks of a release's masters, for durations. */
    Map<String, MediaCheck> checks(Release release) {
        return checks.apply(release);
    }

    List<OfferedFormat> of(Release release, List<ReleaseFile> files, Map<String, MediaCheck> checked) {
        Instant now = clock.instant();
        Remembered known = remembered.get(release.id());
        if (known != null && known.at().plus(FRESH).isAfter(now) && known.releaseUpdated().equals(release.updatedAt())) {
            return known.formats();
        }
        List<OfferedFormat> fresh = AlbumSizes.of(formats.offer(release.id()), files, checked);
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(release.id(), new Remembered(now, release.updatedAt(), fresh));
        return fresh;
    }
}
