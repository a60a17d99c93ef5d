package gatefold.server.dashboard;

import gatefold.server.common.ByteSizes;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseStatus;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.delivery.DownloadStats;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.server.http.FormLimits;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.web.views.dashboard.ReleaseFileRow;
import gatefold.web.views.dashboard.ReleaseEditPage;
import gatefold.web.views.dashboard.ReleaseFields;
import gatefold.web.views.dashboard.ReleaseRow;
import gatefold.web.views.dashboard.ReleasesPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The releases list, the release form, cover, track order, files, publishing. */
final class ReleasePages {

    /** A cover form, image and fields together: covers are shown at 1200 px at most, so 20 MiB is plenty. */
    static final long COVER_FORM_BYTES = 20L * 1024 * 1024;

    private final Dashboard dashboard;
    private final Catalog catalog;
    private final DownloadStats downloads;
    private final BlobStore store;
    private final FormatPanels formats;
    private final StampPanels stamps;

    ReleasePages(Dashboard dashboard, Catalog catalog, DownloadStats downloads, BlobStore store, FormatPanels formats,
                 StampPanels stamps) {
        this.stamps = stamps;
        this.dashboard = dashboard;
        this.catalog = catalog;
        this.downloads = downloads;
        this.store = store;
        this.formats = formats;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard", dashboard.page(this::list));
        routes.get("/dashboard/releases/new", dashboard.page((ctx, s) -> dashboard.render(ctx, "dashboard/release.jte",
                new ReleaseEditPage(dashboard.nav(s, "New release", "releases"), null, "New release", ReleaseStatus.DRAFT.id(), null,
                        ReleaseForm.blank(s.artist().defaultCurrency()), null, false, List.of(), List.of(), null, null))));
        routes.post("/dashboard/releases", dashboard.form(this::create));
        routes.get("/dashboard/releases/{id}", dashboard.page((ctx, s) ->
                edit(ctx, s, catalog.owned(s.artist(), ctx.pathParam("id")), null, null)));
        routes.post("/dashboard/releases/{id}", dashboard.form(this::update));
        routes.post("/dashboard/releases/{id}/publish", dashboard.form((ctx, s) -> change(ctx, s, () ->
                catalog.publish(s.artist(), ctx.pathParam("id")))));
        routes.post("/dashboard/releases/{id}/unpublish", dashboard.form((ctx, s) -> change(ctx, s, () ->
                catalog.update(s.artist(), ctx.pathParam("id"), ReleaseForm.status(ReleaseStatus.DRAFT.id())))));
        routes.get("/dashboard/releases/{id}/cover", dashboard.page(this::cover));
        routes.before("/dashboard/releases/{id}/cover", FormLimits.acceptingFiles(COVER_FORM_BYTES));
        routes.post("/dashboard/releases/{id}/cover", dashboard.form(this::uploadCover));
        routes.post("/dashboard/releases/{id}/tracks", dashboard.form(this::reorder));
        routes.post("/dashboard/releases/{id}/tracks/{fileId}/{direction}", dashboard.form(this::move));
        routes.post("/dashboard/releases/{id}/files/{fileId}/rename", dashboard.form((ctx, s) -> change(ctx, s, () -> {
            catalog.changeFile(s.artist(), ctx.pathParam("id"), ctx.pathParam("fileId"),
                    ReleaseForm.rename(Optional.ofNullable(ctx.formParam("name")).orElse("").strip()));
            return catalog.owned(s.artist(), ctx.pathParam("id"));
        })));
        routes.post("/dashboard/releases/{id}/files/{fileId}/available", dashboard.form((ctx, s) -> change(ctx, s, () -> {
            catalog.changeFile(s.artist(), ctx.pathParam("id"), ctx.pathParam("fileId"),
                    ReleaseForm.availableNow("true".equals(ctx.formParam("availableNow"))));
            return catalog.owned(s.artist(), ctx.pathParam("id"));
        })));
        routes.post("/dashboard/releases/{id}/files/{fileId}/delete", dashboard.form((ctx, s) -> change(ctx, s, () -> {
            catalog.deleteFile(s.artist(), ctx.pathParam("id"), ctx.pathParam("fileId"));
            return catalog.owned(s.artist(), ctx.pathParam("id"));
        })));
        addFormatsTo(routes);
    }

    /** The formats fans get and the genre in their tags, track titles, and "Try again" for files that failed. */
    private void addFormatsTo(RoutesConfig routes) {
        routes.post("/dashboard/releases/{id}/formats", dashboard.form((ctx, s) -> change(ctx, s, () ->
                catalog.update(s.artist(), ctx.pathParam("id"), ReleaseForm.formats(ctx.formParams("formats"),
                        FormatPanels.defaults(), ctx.formParam("genre"))))));
        routes.post("/dashboard/releases/{id}/files/{fileId}/title", dashboard.form((ctx, s) -> change(ctx, s, () -> {
            catalog.changeFile(s.artist(), ctx.pathParam("id"), ctx.pathParam("fileId"), ReleaseForm.title(ctx.formParam("title")));
            return catalog.owned(s.artist(), ctx.pathParam("id"));
        })));
        routes.post("/dashboard/releases/{id}/stamping", dashboard.form((ctx, s) -> change(ctx, s, () ->
                stamps.change(catalog.owned(s.artist(), ctx.pathParam("id")), ctx))));
        routes.post("/dashboard/releases/{id}/formats/retry", dashboard.form((ctx, s) -> {
            int retried = formats.retry(catalog.owned(s.artist(), ctx.pathParam("id")));
            Dashboard.seeOther(ctx, "/dashboard/releases/" + ctx.pathParam("id") + "?retried=" + retried + "#formats");
        }));
    }

    private void list(Context ctx, SignedIn s) {
        Artist artist = s.artist();
        List<ReleaseRow> rows = catalog.releases(artist).stream().map(r -> new ReleaseRow(r.id(), r.title(), r.kind(), r.status().id(),
                price(r), catalog.files(r).size(), url(artist, r))).toList();
        dashboard.render(ctx, "dashboard/releases.jte", new ReleasesPage(dashboard.nav(s, "Releases", "releases"), rows));
    }

    private void create(Context ctx, SignedIn s) {
        Release created;
        try {
            created = catalog.create(s.artist(), ReleaseForm.body(ctx, true));
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            dashboard.render(ctx, "dashboard/release.jte", new ReleaseEditPage(dashboard.nav(s, "New release", "releases"), null,
                    "New release", ReleaseStatus.DRAFT.id(), null, ReleaseForm.typed(ctx), refused.getMessage(), false, List.of(), List.of(), null, null));
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/releases/" + created.id());
    }

    private void update(Context ctx, SignedIn s) {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        try {
            catalog.update(s.artist(), release.id(), ReleaseForm.body(ctx, false));
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            edit(ctx, s, release, ReleaseForm.typed(ctx), refused.getMessage());
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/releases/" + release.id());
    }

    /** Runs a change and shows the release again, with the reason when the catalog refused it. */
    private void change(Context ctx, SignedIn s, java.util.function.Supplier<Release> action) {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        try {
            action.get();
        } catch (Refusal refused) {
            if (ErrorPages.status(refused) == 404) {
                throw refused;
            }
            ctx.status(ErrorPages.status(refused));
            edit(ctx, s, release, null, refused.getMessage());
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/releases/" + release.id());
    }

    private void edit(Context ctx, SignedIn s, Release release, ReleaseFields typed, String error) {
        Artist artist = s.artist();
        List<ReleaseFile> files = catalog.files(release);
        Map<String, Long> downloads = downloadsPerFile(release);
        List<ReleaseFile> tracks = files.stream().filter(f -> f.role().equals("track")).toList();
        List<ReleaseFileRow> trackRows = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            trackRows.add(row(tracks.get(i), downloads, i == 0, i == tracks.size() - 1));
        }
        List<ReleaseFileRow> others = files.stream().filter(f -> !f.role().equals("track"))
                .map(f -> row(f, downloads, false, false)).toList();
        boolean hasCover = files.stream().anyMatch(f -> f.role().equals("cover"));
        dashboard.render(ctx, "dashboard/release.jte", new ReleaseEditPage(dashboard.nav(s, release.title(), "releases"),
                release.id(), release.title(), release.status().id(), url(artist, release),
                typed != null ? typed : ReleaseForm.of(release), error, hasCover, trackRows, others,
                formats.of(release, files, FormatPanels.retried(ctx.queryParam("retried"))), stamps.of(release)));
    }

    private ReleaseFileRow row(ReleaseFile f, Map<String, Long> downloads, boolean first, boolean last) {
        return new ReleaseFileRow(f.id(), f.name(), f.role(), ByteSizes.readable(f.size()), f.contentType(),
                downloads.getOrDefault(f.id(), 0L), f.verified(), first, last, f.availableNow());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> downloadsPerFile(Release release) {
        Map<String, Long> out = new HashMap<>();
        for (Map<String, Object> f : (List<Map<String, Object>>) downloads.of(release).get("files")) {
            out.put((String) f.get("fileId"), ((Number) f.get("downloads")).longValue());
        }
        return out;
    }

    private void cover(Context ctx, SignedIn s) throws Exception {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        ReleaseFile cover = catalog.files(release).stream().filter(f -> f.role().equals("cover")).findFirst()
                .orElseThrow(() -> Refusal.notFound("This release has no cover yet."));
        ctx.contentType(cover.contentType());
        ctx.header("Cache-Control", "private, no-cache");
        try (InputStream bytes = store.get(BlobKey.of(cover.blobKey()), ByteRange.ALL)) {
            bytes.transferTo(ctx.outputStream());
        }
    }

    private void uploadCover(Context ctx, SignedIn s) throws Exception {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        UploadedFile image = ctx.uploadedFile("cover");
        if (image == null || image.size() == 0) {
            ctx.status(422);
            edit(ctx, s, release, null, "Choose an image file (JPEG, PNG or WebP) for the cover.");
            return;
        }
        String extension = image.extension() == null ? "" : image.extension().toLowerCase(Locale.ROOT);
        String name = "cover" + (extension.matches("\\.[a-z0-9]{1,5}") ? extension : ".jpg");
        ReleaseFile saved;
        try (InputStream bytes = image.content()) {
            saved = catalog.putFile(s.artist(), release.id(), name, Optional.of("cover"), bytes, image.size());
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            edit(ctx, s, release, null, refused.getMessage());
            return;
        }
        // One cover per release: the new one replaces any other.
        for (ReleaseFile f : catalog.files(release)) {
            if (f.role().equals("cover") && !f.id().equals(saved.id())) {
                catalog.deleteFile(s.artist(), release.id(), f.id());
            }
        }
        Dashboard.seeOther(ctx, "/dashboard/releases/" + release.id());
    }

    /** The drag-and-drop order from upload.js: every track id, comma-separated. */
    private void reorder(Context ctx, SignedIn s) {
        List<String> order = Arrays.stream(Optional.ofNullable(ctx.formParam("order")).orElse("").split(","))
                .map(String::strip).filter(id -> !id.isEmpty()).toList();
        change(ctx, s, () -> catalog.update(s.artist(), ctx.pathParam("id"), ReleaseForm.trackOrder(order)));
    }

    private void move(Context ctx, SignedIn s) {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        String direction = ctx.pathParam("direction");
        if (!direction.equals("up") && !direction.equals("down")) {
            throw Refusal.notFound("There is nothing at this address.");
        }
        List<String> order = new ArrayList<>(catalog.files(release).stream().filter(f -> f.role().equals("track"))
                .map(ReleaseFile::id).toList());
        int at = order.indexOf(ctx.pathParam("fileId"));
        if (at < 0) {
            throw Refusal.notFound("No such track.");
        }
        int to = direction.equals("up") ? at - 1 : at + 1;
        if (to >= 0 && to < order.size()) {
            order.add(to, order.remove(at));
        }
        change(ctx, s, () -> catalog.update(s.artist(), release.id(), ReleaseForm.trackOrder(order)));
    }

    static String price(Release r) {
        return switch (r.pricing()) {
            case "fixed" -> r.price().map(Dashboard::money).orElse("");
            case "pwyw" -> "pay what you want, from " + r.minPrice().map(Dashboard::money).orElse("0");
            default -> "free";
        };
    }

    String url(Artist artist, Release r) {
        return dashboard.publicUrl() + "/r/" + artist.slug() + "/" + r.slug();
    }
}
