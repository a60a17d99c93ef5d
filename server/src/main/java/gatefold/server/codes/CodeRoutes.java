package gatefold.server.codes;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.common.Refusal;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The artist's download codes for a release: POST /api/releases/{id}/codes makes a batch,
 * GET lists them as JSON, GET .../codes.csv as a spreadsheet to print or mail-merge.
 */
public final class CodeRoutes implements RouteGroup {

    private final DownloadCodes codes;
    private final Catalog catalog;
    private final CurrentArtist current;

    public CodeRoutes(DownloadCodes codes, Catalog catalog, CurrentArtist current) {
        this.codes = codes;
        this.catalog = catalog;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/releases/{id}/codes", this::create);
        routes.get("/api/releases/{id}/codes", ctx -> ctx.header("Cache-Control", "no-store")
                .json(codes.list(current.require(ctx), ctx.pathParam("id")).stream().map(CodeRoutes::view).toList()));
        routes.get("/api/releases/{id}/codes.csv", this::csv);
    }

    private void create(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, Set.of("count", "expiresAt", "usesPerCode"));
        int count = body.integer("count", 1, DownloadCodes.MAX_BATCH).map(Long::intValue)
                .orElseThrow(() -> Refusal.invalid("'count' is required: how many codes to make (1 to " + DownloadCodes.MAX_BATCH + ")."));
        Instant expiresAt = body.string("expiresAt", 40).map(raw -> {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("'expiresAt' must be a time like 2027-01-31T23:59:59Z.");
            }
        }).orElse(null);
        int uses = body.integer("usesPerCode", 1, DownloadCodes.MAX_USES).map(Long::intValue).orElse(1);
        List<DownloadCode> made = codes.create(artist, ctx.pathParam("id"), count, expiresAt, uses);
        ctx.status(201).json(made.stream().map(c -> view(new DownloadCodes.Listed(c, List.of()))).toList());
    }

    private void csv(Context ctx) {
        Artist artist = current.require(ctx);
        String slug = catalog.owned(artist, ctx.pathParam("id")).slug();
        StringBuilder out = new StringBuilder("code,uses,maxUses,expiresAt,redeemedBy\r\n");
        for (DownloadCodes.Listed listed : codes.list(artist, ctx.pathParam("id"))) {
            DownloadCode c = listed.code();
            out.append(String.join(",", cell(CodeFormat.display(c.code())), Integer.toString(c.uses()),
                    Integer.toString(c.maxUses()), c.expiresAt() == null ? "" : c.expiresAt().toString(),
                    cell(String.join(" ", listed.redeemedBy())))).append("\r\n");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"codes-" + slug.replaceAll("[^A-Za-z0-9_-]", "") + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    /** RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    static Map<String, Object> view(DownloadCodes.Listed listed) {
        DownloadCode c = listed.code();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", CodeFormat.display(c.code()));
        out.put("releaseId", c.releaseId());
        out.put("uses", c.uses());
        out.put("maxUses", c.maxUses());
        out.put("expiresAt", c.expiresAt());
        out.put("createdAt", c.createdAt());
        out.put("redeemedBy", listed.redeemedBy());
        return out;
    }
}
