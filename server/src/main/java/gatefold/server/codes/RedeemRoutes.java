package gatefold.server.codes;

import gatefold.server.delivery.Deliveries;
import gatefold.server.http.ApiError;
import gatefold.server.http.Html;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.library.FormToken;
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
        routes.get("/redeem", ctx -> ctx.header("Cache-Control", "no-store")
                .html(Html.page("Redeem a download code", form(ctx, null, ctx.queryParam("code"), null))));
        routes.post("/redeem", this::redeem);
    }

    private String form(Context ctx, String problem, String code, String email) {
        String token = FormToken.issue(ctx, "https".equalsIgnoreCase(publicUrl.getScheme()));
        StringBuilder body = new StringBuilder("<h1>Redeem a download code</h1>");
        if (problem != null) {
            body.append("<p role=\"alert\"><strong>").append(Html.escape(problem)).append("</strong></p>");
        }
        body.append("<form method=\"post\" action=\"/redeem\"><input type=\"hidden\" name=\"").append(FormToken.FIELD)
                .append("\" value=\"").append(Html.escape(token)).append("\">")
                .append("<label for=\"code\">Code</label><input id=\"code\" name=\"code\" required autocomplete=\"off\""
                        + " autocapitalize=\"characters\" spellcheck=\"false\" placeholder=\"XXXX-XXXX\" value=\"")
                .append(Html.escape(code == null ? "" : code)).append("\">")
                .append("<label for=\"email\">Your email (your downloads and library go with it)</label>")
                .append("<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\" value=\"")
                .append(Html.escape(email == null ? "" : email)).append("\">")
                .append("<button type=\"submit\">Redeem</button></form>");
        return body.toString();
    }

    private void redeem(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (FormToken.isJson(ctx)) {
            JsonBody body = JsonBody.of(ctx, Set.of("code", "email"));
            DownloadCodes.Redemption done = codes.redeem(body.requiredString("code", 40), body.requiredString("email", 320), ctx.ip());
            ctx.status(done.again() ? 200 : 201).json(view(done));
            return;
        }
        FormToken.check(ctx);
        String code = Optional.ofNullable(ctx.formParam("code")).orElse("");
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        DownloadCodes.Redemption done;
        try {
            done = codes.redeem(code, email, ctx.ip());
        } catch (ApiError e) {
            e.headers().forEach(ctx::header);
            ctx.status(e.status()).html(Html.page("Redeem a download code", form(ctx, e.getMessage(), code, email)));
            return;
        }
        StringBuilder body = new StringBuilder("<h1>").append(Html.escape(done.release().title())).append("</h1>");
        body.append("<p>").append(done.again() ? "You redeemed this code before; here are your downloads again."
                : "Your code worked. Your downloads:").append("</p><table>");
        for (Deliveries.Download d : done.downloads()) {
            body.append("<tr><td><a href=\"").append(Html.escape(d.url())).append("\">").append(Html.escape(d.name()))
                    .append("</a></td><td>").append(d.size()).append(" bytes</td></tr>");
        }
        body.append("</table><p>The links are also in your email, and your <a href=\"/library\">library</a> always has fresh ones.</p>");
        ctx.html(Html.page("Your download", body.toString()));
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
