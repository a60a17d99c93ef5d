package gatefold.server.codes;

import gatefold.server.common.Fields;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.ErrorPages;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.library.FormToken;
import gatefold.server.storefront.StorePages;
import gatefold.web.views.store.RedeemPage;
import gatefold.web.views.store.RedeemedPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A fan redeems a download code: GET /redeem shows the form (code may be prefilled by ?code=), POST /redeem redeems. */
public final class RedeemRoutes implements RouteGroup {

    private final DownloadCodes codes;
    private final URI publicUrl;

    public RedeemRoutes(DownloadCodes codes, URI publicUrl) {
        this.codes = codes;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/redeem", ctx -> {
            ctx.header("Cache-Control", "no-store");
            StorePages.render(ctx, "store/redeem.jte", form(ctx, null, ctx.queryParam("code"), null));
        });
        routes.post("/redeem", this::redeem);
    }

    private RedeemPage form(Context ctx, String problem, String code, String email) {
        String token = FormToken.issue(ctx, ClientAddress.secureCookies(ctx, publicUrl));
        return new RedeemPage(StorePages.layout("Redeem a download code"), problem, code == null ? "" : code,
                email == null ? "" : email, FormToken.FIELD, token);
    }

    private void redeem(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (FormToken.isJson(ctx)) {
            Fields body = JsonBody.of(ctx, Set.of("code", "email"));
            DownloadCodes.Redemption done = codes.redeem(body.requiredString("code", 40), body.requiredString("email", 320),
                    ClientAddress.of(ctx));
            ctx.status(done.again() ? 200 : 201).json(view(done));
            return;
        }
        FormToken.check(ctx);
        String code = Optional.ofNullable(ctx.formParam("code")).orElse("");
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        DownloadCodes.Redemption done;
        try {
            done = codes.redeem(code, email, ClientAddress.of(ctx));
        } catch (Refusal e) {
            ErrorPages.setStatus(ctx, e);
            StorePages.render(ctx, "store/redeem.jte", form(ctx, e.getMessage(), code, email));
            return;
        }
        StorePages.render(ctx, "store/redeemed.jte", new RedeemedPage(StorePages.layout("Your download"), done.release().title(),
                done.again(), StorePages.downloads(done.downloads(), fileId -> null)));
    }

    private Map<String, Object> view(DownloadCodes.Redemption done) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("purchaseId", done.purchase().id());
        out.put("releaseId", done.release().id());
        out.put("releaseTitle", done.release().title());
        out.put("email", done.purchase().email());
        out.put("downloads", done.downloads());
        out.put("libraryUrl", publicUrl + "/library");
        return out;
    }
}
