package gatefold.server.audience;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.sales.SalesReport;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The artist's side: see and export followers, import a list they own, write to everyone following. */
public final class FollowerRoutes implements RouteGroup {

    private final Follows follows;
    private final Announcements announcements;
    private final CurrentArtist current;

    public FollowerRoutes(Follows follows, Announcements announcements, CurrentArtist current) {
        this.follows = follows;
        this.announcements = announcements;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/followers", ctx -> ctx.json(follows.of(current.require(ctx)).stream().map(FollowerRoutes::view).toList()));
        routes.get("/api/followers.csv", this::csv);
        routes.post("/api/followers/import", this::importList);
        routes.post("/api/announcements", this::announce);
    }

    static Map<String, Object> view(Follower f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("email", f.email());
        out.put("state", f.state().id());
        out.put("source", f.source().id());
        out.put("since", f.createdAt().toString());
        out.put("consentedAt", text(f.consentedAt()));
        out.put("leftAt", text(f.leftAt()));
        return out;
    }

    private void csv(Context ctx) {
        Artist artist = current.require(ctx);
        StringBuilder out = new StringBuilder("email,state,source,since,consented_at,left_at\r\n");
        for (Follower f : follows.of(artist)) {
            out.append(String.join(",", SalesReport.cell(f.email()), f.state().id(), f.source().id(), f.createdAt().toString(),
                    text(f.consentedAt()), text(f.leftAt()))).append("\r\n");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"followers.csv\"").contentType("text/csv; charset=utf-8")
                .result(out.toString());
    }

    private void importList(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, Set.of("emails", "consent"));
        List<String> emails = body.strings("emails", 10_000, 320).orElse(List.of());
        boolean consent = body.raw("consent").map(n -> n.isBoolean() && n.booleanValue()).orElse(false);
        int added = follows.importList(artist, emails, consent);
        ctx.status(201).json(Map.of("added", added));
    }

    private void announce(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, Set.of("subject", "body"));
        Announcement note = announcements.note(artist, body.requiredString("subject", 200), body.requiredString("body", 10_000));
        ctx.status(202).json(Map.of("id", note.id(), "announcedAt", note.announcedAt().toString()));
    }

    private static String text(Instant at) {
        return at == null ? "" : at.toString();
    }
}
