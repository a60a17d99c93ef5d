package gatefold.server.sales;

import gatefold.server.common.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.common.Refusal;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/** GET/PUT /api/me/payments: the artist's own Stripe and BTCPay accounts. Secrets go in, never out. */
public final class PaymentRoutes implements RouteGroup {

    private final PaymentSettings settings;
    private final CurrentArtist current;

    public PaymentRoutes(PaymentSettings settings, CurrentArtist current) {
        this.settings = settings;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/me/payments", ctx -> ctx.json(settings.view(current.require(ctx).id())));
        routes.put("/api/me/payments", this::save);
    }

    private void save(Context ctx) {
        Artist artist = current.require(ctx);
        Fields body = JsonBody.of(ctx, Set.of("stripe", "btcpay", "offlineOnly"));
        Optional<PaymentAccounts.Stripe> stripe = body.raw("stripe").map(node -> new PaymentAccounts.Stripe(
                text(node, "secretKey", Set.of("secretKey", "webhookSecret", "accountId")),
                text(node, "webhookSecret", null), text(node, "accountId", null)));
        Optional<PaymentAccounts.BtcPay> btcpay = body.raw("btcpay").map(node -> new PaymentAccounts.BtcPay(
                text(node, "url", Set.of("url", "storeId", "apiKey", "webhookSecret")), text(node, "storeId", null),
                text(node, "apiKey", null), text(node, "webhookSecret", null)));
        boolean offlineOnly = body.raw("offlineOnly").map(n -> {
            if (!n.isBoolean()) {
                throw Refusal.invalid("'offlineOnly' must be true or false.");
            }
            return n.booleanValue();
        }).orElse(false);
        settings.save(artist.id(), new PaymentSettings.Change(stripe, btcpay, offlineOnly));
        ctx.json(settings.view(artist.id()));
    }

    /** A string field of a section; {@code allowed} (given once per section) refuses unknown fields. */
    private static String text(JsonNode section, String field, Set<String> allowed) {
        if (!section.isObject()) {
            throw Refusal.invalid("Payment settings sections must be JSON objects.");
        }
        if (allowed != null) {
            section.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    throw Refusal.invalid("Unknown field '" + name + "'.");
                }
            });
        }
        JsonNode value = section.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > 500) {
            throw Refusal.invalid("'" + field + "' must be a non-empty string of at most 500 characters.");
        }
        return value.textValue().strip();
    }
}
