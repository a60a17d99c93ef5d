package gatefold.server.sales;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** POST/GET /api/discounts, DELETE /api/discounts/{id}: the artist's discount codes. */
public final class DiscountRoutes implements RouteGroup {

    private final DiscountCodes codes;
    private final Catalog catalog;
    private final CurrentArtist current;

    public DiscountRoutes(DiscountCodes codes, Catalog catalog, CurrentArtist current) {
        this.codes = codes;
        this.catalog = catalog;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/discounts", this::create);
        routes.get("/api/discounts", ctx -> ctx.json(codes.list(current.require(ctx).id()).stream().map(DiscountRoutes::view).toList()));
        routes.delete("/api/discounts/{id}", ctx -> {
            if (!codes.delete(current.require(ctx).id(), ctx.pathParam("id"))) {
                throw Refusal.notFound("No such discount code.");
            }
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, Set.of("code", "percentOff", "amountOff", "releaseId", "startsAt", "endsAt", "maxUses"));
        String releaseId = body.string("releaseId", 40).map(id -> catalog.owned(artist, id).id()).orElse(null);
        Money amountOff = body.raw("amountOff").map(node -> {
            if (!node.isObject() || !node.path("amount").isTextual() || !node.path("currency").isTextual()) {
                throw Refusal.invalid("'amountOff' must be {\"amount\": \"2.00\", \"currency\": \"EUR\"}.");
            }
            Currency currency = Money.currency(node.get("currency").textValue());
            return Money.parse(node.get("amount").textValue(), currency);
        }).orElse(null);
        DiscountCode created = codes.create(artist.id(), releaseId, body.requiredString("code", 40),
                body.integer("percentOff", -1_000, 1_000).map(Long::intValue).orElse(null), amountOff,
                instant(body, "startsAt"), instant(body, "endsAt"),
                body.integer("maxUses", 1, 1_000_000).map(Long::intValue).orElse(null));
        ctx.status(201).json(view(created));
    }

    private static Instant instant(Fields body, String field) {
        return body.string(field, 40).map(raw -> {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("'" + field + "' must be a time like 2026-12-01T00:00:00Z.");
            }
        }).orElse(null);
    }

    static Map<String, Object> view(DiscountCode d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", d.id());
        out.put("code", d.code());
        out.put("releaseId", d.releaseId());
        out.put("percentOff", d.percentOff());
        out.put("amountOff", d.amountOff() == null ? null : new Money(d.amountOff(), Currency.getInstance(d.currency())).toWire());
        out.put("startsAt", d.startsAt());
        out.put("endsAt", d.endsAt());
        out.put("maxUses", d.maxUses());
        out.put("uses", d.uses());
        return out;
    }
}
