package gatefold.server.dashboard;

import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.media.PreviewChoice;
import gatefold.server.media.Previews;
import gatefold.web.views.dashboard.PreviewsPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The artist's preview choice per track: a clip, the whole track or none (the same service as the API). */
final class PreviewPages {

    private final Dashboard dashboard;
    private final Catalog catalog;
    private final Previews previews;

    PreviewPages(Dashboard dashboard, Catalog catalog, Previews previews) {
        this.dashboard = dashboard;
        this.catalog = catalog;
        this.previews = previews;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard/releases/{id}/previews", dashboard.page((ctx, s) -> show(ctx, s, null)));
        routes.post("/dashboard/releases/{id}/previews/{fileId}", dashboard.form(this::save));
    }

    private void show(Context ctx, SignedIn s, String error) {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        Map<String, PreviewChoice> choices = previews.choices(release.id());
        Set<String> playable = previews.playable(release.id()).stream().map(Previews.Playable::fileId).collect(Collectors.toSet());
        List<PreviewsPage.Row> rows = new ArrayList<>();
        for (ReleaseFile track : catalog.files(release).stream().filter(f -> f.role().equals("track")).toList()) {
            PreviewChoice choice = choices.getOrDefault(track.id(), PreviewChoice.DEFAULT);
            rows.add(new PreviewsPage.Row(track.id(), track.trackTitle(), choice.mode().id(),
                    choice.start() == null ? "" : String.valueOf(choice.start().toSeconds()),
                    String.valueOf((choice.length() == null ? PreviewChoice.DEFAULT.length() : choice.length()).toSeconds()),
                    playable.contains(track.id()) ? "/preview/" + track.id() : null));
        }
        dashboard.render(ctx, "dashboard/previews.jte", new PreviewsPage(dashboard.nav(s, "Previews", "releases"), release.id(),
                release.title(), rows, error));
    }

    private void save(Context ctx, SignedIn s) {
        Release release = catalog.owned(s.artist(), ctx.pathParam("id"));
        try {
            String mode = String.valueOf(ctx.formParam("mode"));
            Long start = seconds(ctx.formParam("start"));
            Long length = seconds(ctx.formParam("length"));
            previews.choose(release, ctx.pathParam("fileId"), PreviewChoice.of(mode, start, length));
        } catch (Refusal refused) {
            ctx.status(422);
            show(ctx, s, refused.getMessage());
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/releases/" + release.id() + "/previews");
    }

    private static Long seconds(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip()) * 1000;
        } catch (NumberFormatException e) {
            throw Refusal.invalid("Give the start and length in whole seconds.");
        }
    }
}
