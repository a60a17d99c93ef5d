package gatefold.server.dashboard;

import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.ByteSizes;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.server.http.FormLimits;
import gatefold.server.http.RouteGroup;
import gatefold.server.moving.ArtistExports;
import gatefold.server.moving.BuyerDrafts;
import gatefold.web.Pages;
import gatefold.web.views.dashboard.Choice;
import gatefold.web.views.dashboard.ExportPanel;
import gatefold.web.views.dashboard.MovingPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /dashboard/moving}: "Export everything" (made by a job; the page refreshes itself while it
 * is made, no script needed) and the first step of bringing buyers from another shop's CSV, whose
 * confirmation is {@link BuyerCheckPages}.
 */
public final class MovingPages implements RouteGroup {

    /** A buyers' CSV with its form: Bandcamp's reports for a big back catalogue stay well under this. */
    static final long CSV_FORM_BYTES = 16L * 1024 * 1024;
    private static final int REFRESH_SECONDS = 5;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH);
    private final Dashboard dashboard;
    private final ArtistExports exports;
    private final BuyerDrafts drafts;
    private final Catalog catalog;
    private final BuyerCheckPages check;

    public MovingPages(ArtistSessions sessions, URI publicUrl, ArtistExports exports, BuyerDrafts drafts, Catalog catalog) {
        this.dashboard = new Dashboard(sessions, new Pages(), publicUrl, "Gatefold");
        this.exports = exports;
        this.drafts = drafts;
        this.catalog = catalog;
        this.check = new BuyerCheckPages(dashboard, drafts, catalog);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/dashboard/moving", dashboard.page((ctx, s) -> show(ctx, s, null, null)));
        routes.post("/dashboard/moving/export", dashboard.form(this::export));
        routes.before("/dashboard/moving/buyers", FormLimits.acceptingFiles(CSV_FORM_BYTES));
        routes.post("/dashboard/moving/buyers", dashboard.form(this::upload));
        check.addTo(routes);
    }

    private void show(Context ctx, SignedIn s, String error, String notice) {
        ExportPanel panel = exports.latest(s.artist()).map(MovingPages::panel).orElse(null);
        var nav = dashboard.nav(s, "Moving", "moving");
        if (panel != null && panel.busy()) {
            nav = new gatefold.web.views.dashboard.Nav(nav.layout().refreshingEvery(REFRESH_SECONDS), nav.section(), nav.storeUrl());
        }
        String chosen = ctx.formParam("releaseId");
        List<Choice> releases = catalog.releases(s.artist()).stream()
                .map(r -> new Choice(r.id(), r.title(), r.id().equals(chosen))).toList();
        List<Choice> presets = BuyerDrafts.PRESETS.stream()
                .map(p -> new Choice(p, p.substring(0, 1).toUpperCase(Locale.ROOT) + p.substring(1), false)).toList();
        dashboard.render(ctx, "dashboard/moving.jte", new MovingPage(nav, panel, releases, presets, error, notice));
    }

    private void export(Context ctx, SignedIn s) {
        exports.start(s.artist());
        Dashboard.seeOther(ctx, "/dashboard/moving");
    }

    private void upload(Context ctx, SignedIn s) throws Exception {
        UploadedFile file = ctx.uploadedFile("csv");
        String releaseId = Optional.ofNullable(ctx.formParam("releaseId")).orElse("");
        if (file == null || file.size() == 0) {
            ctx.status(422);
            show(ctx, s, "Choose the CSV file of your sales on the other shop.", null);
            return;
        }
        try {
            String csv;
            try (InputStream in = file.content()) {
                csv = new String(in.readAllBytes(), StandardCharsets.UTF_8); // at most CSV_FORM_BYTES, by the form limit
            }
            String id = drafts.keep(s.artist().id(), releaseId, file.filename(), csv);
            check.render(ctx, s, drafts.preview(s.artist().id(), id, preset(ctx), java.util.Map.of()), null, null);
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            show(ctx, s, refused.getMessage(), null);
        }
    }

    static Optional<String> preset(Context ctx) {
        return Optional.ofNullable(ctx.formParam("preset")).filter(p -> !p.isBlank());
    }

    private static ExportPanel panel(ArtistExports.Status s) {
        return new ExportPanel(s.state(), (int) Math.floor(s.progress() * 100), s.size() == null ? null : ByteSizes.readable(s.size()),
                when(s.readyAt()), when(s.expiresAt()), s.downloadUrl(), s.error());
    }

    private static String when(Instant at) {
        return at == null ? null : WHEN.format(at.atZone(ZoneOffset.UTC));
    }

    static String title(Catalog catalog, SignedIn s, String releaseId) {
        return catalog.releases(s.artist()).stream().filter(r -> r.id().equals(releaseId)).map(Release::title).findFirst()
                .orElse("your release");
    }
}
