package gatefold.server.moving;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/releases/{id}/buyers} (artist): the CSV of past buyers as the raw body.
 * Query: {@code preset=bandcamp} (or shopify, gumroad), {@code column.email=Buyer Email} (and date, amount, currency,
 * name), {@code dryRun=true} (show the columns and problems, change nothing), {@code skipBad=true}
 * (import the good rows even when some are bad), {@code mail=true} (tell each new buyer where the
 * music lives now). 200 with the outcome; 422 {@code bad_rows} with the problems when bad rows
 * stopped it, having changed nothing.
 */
public final class BuyerRoutes implements RouteGroup {

    private final BuyerImport buyers;
    private final CurrentArtist current;

    public BuyerRoutes(BuyerImport buyers, CurrentArtist current) {
        this.buyers = buyers;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/releases/{id}/buyers", ctx -> {
            Artist artist = current.require(ctx);
            BuyerImport.Result result;
            try (Reader csv = new InputStreamReader(ctx.bodyInputStream(), StandardCharsets.UTF_8)) {
                result = buyers.run(artist.id(), ctx.pathParam("id"), csv, options(ctx));
            }
            boolean stopped = !result.problems().isEmpty() && !result.changed() && result.imported() == 0
                    && !flag(ctx, "skipBad") && !flag(ctx, "dryRun");
            ctx.status(stopped ? 422 : 200).json(view(result, stopped));
        });
    }

    private static BuyerImport.Options options(Context ctx) {
        Map<String, String> columns = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, values) -> {
            if (key.startsWith("column.") && !values.isEmpty()) {
                columns.put(key.substring("column.".length()), values.get(0));
            }
        });
        return new BuyerImport.Options(Optional.ofNullable(ctx.queryParam("preset")), columns, flag(ctx, "skipBad"),
                flag(ctx, "dryRun"), flag(ctx, "mail"));
    }

    private static boolean flag(Context ctx, String name) {
        return "true".equalsIgnoreCase(ctx.queryParam(name));
    }

    static Map<String, Object> view(BuyerImport.Result result, boolean stopped) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (stopped) {
            out.put("error", "bad_rows");
            out.put("message", result.problems().size() + " row(s) are not buyers; nothing was imported. Fix them, or import"
                    + " the good rows with skipBad=true.");
        }
        out.put("columns", result.columns());
        out.put("imported", result.imported());
        out.put("alreadyHad", result.alreadyHad());
        out.put("duplicates", result.duplicates());
        out.put("notSales", result.notSales());
        out.put("problems", result.problems().stream().map(p -> Map.of("line", p.line(), "reason", p.reason())).toList());
        return out;
    }
}
