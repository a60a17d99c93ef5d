package gatefold.server.delivery;

import gatefold.server.http.ErrorPages;
import gatefold.server.storefront.StorePages;
import gatefold.web.views.store.PreparingPage;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer while a download's file is being made: a browser gets a page that reloads
 * itself and so starts the download once it is ready; a program gets 202 with Retry-After.
 * Never a stale file, never JSON in a browser.
 */
final class Preparing {

    private Preparing() {
    }

    static void answer(Context ctx, ClickDecision.Preparing preparing) {
        long seconds = Math.max(2, Math.min(30, preparing.retryAfter().toSeconds()));
        ctx.header("Retry-After", Long.toString(seconds)).header("Cache-Control", "no-store");
        if (ErrorPages.wantsHtml(ctx)) {
            ctx.status(200);
            StorePages.render(ctx, "store/preparing.jte", new PreparingPage(
                    StorePages.layout("Preparing your download").refreshingEvery((int) seconds), preparing.what(),
                    seconds < 60 ? "under a minute" : "a few minutes", ctx.path()));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "preparing");
        body.put("message", preparing.what());
        body.put("retryAfter", seconds);
        ctx.status(202).json(body);
    }
}
