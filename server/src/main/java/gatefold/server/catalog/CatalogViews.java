package gatefold.server.catalog;

import gatefold.server.accounts.Artist;
import gatefold.server.common.Money;
import gatefold.storage.PartInfo;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of releases, files and uploads (see API.md). */
final class CatalogViews {

    private final URI publicUrl;

    CatalogViews(URI publicUrl) {
        this.publicUrl = publicUrl;
    }

    Map<String, Object> release(Artist artist, Release r, List<ReleaseFile> files) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("slug", r.slug());
        out.put("title", r.title());
        out.put("kind", r.kind());
        out.put("status", r.status());
        out.put("pricing", r.pricing());
        out.put("price", r.price().map(Money::toWire).orElse(null));
        out.put("minPrice", r.minPrice().map(Money::toWire).orElse(null));
        out.put("currency", r.currency());
        out.put("description", r.description());
        out.put("releaseDate", r.releaseDate() == null ? null : r.releaseDate().toString());
        out.put("licence", r.licence());
        out.put("credits", r.credits());
        out.put("downloadLimit", r.downloadLimit());
        out.put("formats", r.formats() == null ? null : List.of(r.formats().split(",")));
        out.put("genre", r.genre());
        out.put("files", files.stream().map(CatalogViews::file).toList());
        out.put("trackOrder", files.stream().filter(f -> f.role().equals("track")).map(ReleaseFile::id).toList());
        out.put("preorder", preorder(r, files));
        out.put("url", publicUrl + "/r/" + artist.slug() + "/" + r.slug());
        out.put("createdAt", r.createdAt());
        out.put("updatedAt", r.updatedAt());
        return out;
    }

    /** While the release date is ahead: that date and the files buyers get at once; else null. */
    static Map<String, Object> preorder(Release r, List<ReleaseFile> files) {
        if (!r.isPreorderOn(LocalDate.now(ZoneOffset.UTC))) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("releaseDate", r.releaseDate().toString());
        out.put("availableNow", files.stream().filter(ReleaseFile::availableNow).map(ReleaseFile::id).toList());
        return out;
    }

    static Map<String, Object> file(ReleaseFile f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.id());
        out.put("name", f.name());
        out.put("title", f.trackTitle());
        out.put("size", f.size());
        out.put("sha256", f.sha256());
        out.put("contentType", f.contentType());
        out.put("role", f.role());
        out.put("position", f.position());
        out.put("verified", f.verified());
        out.put("availableNow", f.availableNow());
        return out;
    }

    static Map<String, Object> upload(Upload u, List<PartInfo> parts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uploadId", u.id());
        out.put("releaseId", u.releaseId());
        out.put("name", u.name());
        out.put("size", u.size());
        out.put("role", u.role());
        out.put("partSize", u.partSize());
        out.put("partCount", u.partCount());
        if (parts != null) {
            out.put("parts", parts.stream().map(p -> Map.of("n", p.partNumber(), "etag", p.etag(), "size", p.size())).toList());
            java.util.Set<Integer> have = new java.util.HashSet<>();
            parts.forEach(p -> have.add(p.partNumber()));
            out.put("missing", java.util.stream.IntStream.rangeClosed(1, u.partCount()).filter(n -> !have.contains(n)).boxed().toList());
        }
        out.put("createdAt", u.createdAt());
        return out;
    }
}
