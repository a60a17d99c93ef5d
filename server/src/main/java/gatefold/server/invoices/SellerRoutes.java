package gatefold.server.invoices;

import gatefold.server.common.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.common.Refusal;
import gatefold.server.http.Json;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.sales.TaxRate;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The artist's seller profile, tax rates (JSON or a CSV file) and tax report. */
public final class SellerRoutes implements RouteGroup {

    private static final Set<String> PROFILE_FIELDS = Set.of("legalName", "address", "taxId", "invoicePrefix", "invoices",
            "pricesIncludeTax", "stripeAutomaticTax");
    private final SellerProfiles profiles;
    private final TaxRates rates;
    private final TaxReport report;
    private final CurrentArtist current;

    public SellerRoutes(SellerProfiles profiles, TaxRates rates, TaxReport report, CurrentArtist current) {
        this.profiles = profiles;
        this.rates = rates;
        this.report = report;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/me/seller", ctx -> ctx.json(SellerProfiles.view(profiles.get(current.require(ctx).id()))));
        routes.put("/api/me/seller", this::saveProfile);
        routes.get("/api/me/tax-rates", ctx -> ctx.json(view(rates.list(current.require(ctx).id()))));
        routes.put("/api/me/tax-rates", this::saveRates);
        routes.post("/api/me/tax-rates.csv", this::importRates);
        routes.get("/api/me/tax-report.csv", this::report);
    }

    /** PUT replaces the profile: a field left out takes its default (empty, off, prices including tax). */
    private void saveProfile(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, PROFILE_FIELDS);
        SellerProfile profile = new SellerProfile(body.string("legalName", 200).orElse(""), body.string("address", 1000).orElse(""),
                body.string("taxId", 40).orElse(""), body.string("invoicePrefix", 12).orElse(""), flag(body, "invoices", false),
                flag(body, "pricesIncludeTax", true), flag(body, "stripeAutomaticTax", false));
        ctx.json(SellerProfiles.view(profiles.save(artist.id(), profile)));
    }

    private static boolean flag(Fields body, String field, boolean fallback) {
        return body.raw(field).map(n -> {
            if (!n.isBoolean()) {
                throw Refusal.invalid("'" + field + "' must be true or false.");
            }
            return n.booleanValue();
        }).orElse(fallback);
    }

    /** A JSON list of {@code {country, rate, label?}} (or {@code {"rates": [...]}}) replaces every rate. */
    private void saveRates(Context ctx) {
        Artist artist = current.require(ctx);
        JsonNode list = readJson(ctx);
        if (list.isObject() && list.size() == 1 && list.has("rates")) {
            list = list.get("rates");
        }
        if (!list.isArray()) {
            throw Refusal.invalid("Send a list of {\"country\": \"DE\", \"rate\": \"19\", \"label\": \"VAT\"}.");
        }
        List<TaxRate> parsed = new ArrayList<>();
        for (JsonNode item : list) {
            boolean wellFormed = item.isObject() && item.path("country").isTextual() && item.path("rate").isTextual()
                    && (!item.has("label") || item.get("label").isTextual() || item.get("label").isNull())
                    && item.properties().stream().allMatch(e -> Set.of("country", "rate", "label").contains(e.getKey()));
            if (!wellFormed) {
                throw Refusal.invalid("Each rate is {\"country\": \"DE\", \"rate\": \"19\", \"label\": \"VAT\"}, the rate a string.");
            }
            parsed.add(TaxRate.parse(item.get("country").textValue(), item.get("rate").textValue(),
                    item.path("label").isTextual() ? item.get("label").textValue() : null));
        }
        ctx.json(view(rates.replace(artist.id(), parsed)));
    }

    /** A CSV file replaces every rate, or (with any bad line) changes nothing and lists the bad lines. */
    private void importRates(Context ctx) {
        Artist artist = current.require(ctx);
        String text = new String(body(ctx, RateCsv.MAX_BYTES), StandardCharsets.UTF_8);
        TaxRates.Imported imported = rates.importCsv(artist.id(), text);
        if (!imported.ok()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("error", "invalid");
            out.put("message", imported.problems().size() + " line(s) could not be read; no rate was changed.");
            out.put("problems", imported.problems());
            ctx.status(422).json(out);
            return;
        }
        ctx.json(view(imported.rates()));
    }

    private void report(Context ctx) {
        Artist artist = current.require(ctx);
        TaxReport.Period period = TaxReport.Period.of(Optional.ofNullable(ctx.queryParam("from")).filter(s -> !s.isBlank()),
                Optional.ofNullable(ctx.queryParam("to")).filter(s -> !s.isBlank()), LocalDate.now(ZoneOffset.UTC));
        ctx.header("Content-Disposition", "attachment; filename=\"" + period.fileName() + "\"")
                .contentType("text/csv; charset=utf-8")
                .result(report.csv(artist.id(), period));
    }

    static List<Map<String, Object>> view(List<TaxRate> rates) {
        return rates.stream().map(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("country", r.country());
            out.put("rate", r.percentText());
            out.put("label", r.label());
            return out;
        }).toList();
    }

    private static JsonNode readJson(Context ctx) {
        try {
            JsonNode node = Json.mapper().readTree(body(ctx, JsonBody.MAX_BYTES));
            if (node == null) {
                throw Refusal.badRequest("The request body must be JSON.");
            }
            return node;
        } catch (IOException e) {
            throw Refusal.badRequest("The request body is not valid JSON.");
        }
    }

    private static byte[] body(Context ctx, int max) {
        if (ctx.req().getContentLengthLong() > max) {
            throw Refusal.tooLarge("The body is larger than " + max / 1024 + " KiB.");
        }
        try {
            byte[] bytes = ctx.bodyInputStream().readNBytes(max + 1);
            if (bytes.length > max) {
                throw Refusal.tooLarge("The body is larger than " + max / 1024 + " KiB.");
            }
            return bytes;
        } catch (IOException e) {
            throw Refusal.badRequest("The request body could not be read.");
        }
    }
}
