package gatefold.server.dashboard;

import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.server.http.RouteGroup;
import gatefold.server.moving.MovedMail;
import gatefold.server.privacy.FanData;
import gatefold.server.privacy.FanErasure;
import gatefold.server.privacy.FanScope;
import gatefold.web.Pages;
import gatefold.web.views.dashboard.FansPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Optional;

/** {@code /dashboard/fans}: a fan's own data (download, erase) and the "we moved" mail, for the signed-in artist. */
public final class FanPages implements RouteGroup {

    private final Dashboard dashboard;
    private final FanData data;
    private final FanErasure erasure;
    private final MovedMail moved;

    public FanPages(ArtistSessions sessions, URI publicUrl, FanData data, FanErasure erasure, MovedMail moved) {
        this.dashboard = new Dashboard(sessions, new Pages(), publicUrl, "Gatefold");
        this.data = data;
        this.erasure = erasure;
        this.moved = moved;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/dashboard/fans", dashboard.page((ctx, s) -> show(ctx, s, "", null, null)));
        routes.post("/dashboard/fans/data", dashboard.form(this::download));
        routes.post("/dashboard/fans/erase", dashboard.form(this::erase));
        routes.post("/dashboard/fans/moved", dashboard.form(this::tellBuyers));
    }

    private void show(Context ctx, SignedIn s, String email, String error, String notice) {
        dashboard.render(ctx, "dashboard/fans.jte", new FansPage(dashboard.nav(s, "Fans' data", "fans"),
                moved.buyers(s.artist().id()), email, error, notice));
    }

    private void download(Context ctx, SignedIn s) {
        String email = email(ctx);
        try {
            var found = data.export(FanScope.artist(email, s.artist().id(), s.artist().email()));
            ctx.header("Content-Disposition", "attachment; filename=\"fan-data.json\"");
            ctx.json(found);
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            show(ctx, s, email, refused.getMessage(), null);
        }
    }

    private void erase(Context ctx, SignedIn s) {
        String email = email(ctx);
        try {
            if (ctx.formParam("asked") == null) {
                throw Refusal.invalid("Tick \"This fan asked me to erase their data\" to erase.");
            }
            var erased = erasure.erase(FanScope.artist(email, s.artist().id(), s.artist().email()));
            show(ctx, s, "", null, "Erased: " + erased.get("purchases") + " purchase(s) kept without their address, "
                    + erased.get("follows") + " follow(s) removed. That address will not be mailed again.");
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            show(ctx, s, email, refused.getMessage(), null);
        }
    }

    private void tellBuyers(Context ctx, SignedIn s) {
        try {
            var started = moved.start(s.artist());
            show(ctx, s, "", null, "Your mail is on its way to " + started.buyers() + " buyer(s).");
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            show(ctx, s, "", refused.getMessage(), null);
        }
    }

    private static String email(Context ctx) {
        return Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
    }
}
