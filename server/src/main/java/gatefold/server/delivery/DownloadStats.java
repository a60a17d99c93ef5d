package gatefold.server.delivery;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Counted downloads of a release for the artist: per file and per day. */
public final class DownloadStats {

    public record FileCount(String fileId, long downloads) {
    }

    public record DayCount(LocalDate downloadDay, long downloads) {
    }

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final DownloadLog downloadLog;

    public DownloadStats(Jdbi jdbi, Catalog catalog, DownloadLog downloadLog) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.downloadLog = downloadLog;
    }

    /** The statistics as the API shows them; this instance's latest downloads are written first. */
    public Map<String, Object> of(Release release) {
        downloadLog.flush();
        DeliveryDao dao = jdbi.onDemand(DeliveryDao.class);
        Map<String, Long> perFile = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (ReleaseFile f : catalog.files(release)) {
            perFile.put(f.id(), 0L);
            names.put(f.id(), f.name());
        }
        dao.countsPerFile(release.id()).forEach(c -> perFile.put(c.fileId(), c.downloads()));
        List<Map<String, Object>> files = perFile.entrySet().stream().map(e -> Map.<String, Object>of("fileId", e.getKey(),
                "name", names.getOrDefault(e.getKey(), ""), "downloads", e.getValue())).toList();
        List<Map<String, Object>> days = dao.countsPerDay(release.id()).stream().map(d -> Map.<String, Object>of(
                "date", d.downloadDay().toString(), "downloads", d.downloads())).toList();
        return Map.of("releaseId", release.id(), "files", files, "days", days);
    }
}
