package gatefold.server.sales.webhooks;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.common.Refusal;
import gatefold.server.http.RouteGroup;
import gatefold.server.sales.PaymentSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/{provider}/{artistSlug}}: where each artist's Stripe account or
 * BTCPay Server tells us about payments. Each artist has their own URL and their own
 * webhook secret; an event is acted on only when that artist's secret signed its exact
 * bytes, and only once per event id.
 */
public final class PaymentWebhookRoutes implements RouteGroup {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookRoutes.class);
    /** Far above any payment event; a larger body is not from a payment provider. */
    static final int MAX_BODY = 512 * 1024;
    private final Accounts accounts;
    private final PaymentSettings settings;
    private final ProviderEvents events;
    private final List<WebhookReceiver> receivers;

    public PaymentWebhookRoutes(Accounts accounts, PaymentSettings settings, ProviderEvents events, List<WebhookReceiver> receivers) {
        this.accounts = accounts;
        this.settings = settings;
        this.events = events;
        this.receivers = List.copyOf(receivers);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (WebhookReceiver receiver : receivers) {
            routes.post("/webhooks/" + receiver.provider() + "/{artistSlug}", ctx -> receive(ctx, receiver));
        }
    }

    private void receive(Context ctx, WebhookReceiver receiver) {
        byte[] body = rawBody(ctx);
        Artist artist = accounts.bySlug(ctx.pathParam("artistSlug"))
                .orElseThrow(() -> Refusal.badRequest("There is no store at this webhook address."));
        ProviderEvent event = receiver.read(settings.accounts(artist.id()), body, ctx.header(receiver.signatureHeader()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("received", true);
        if (event.purchaseId() == null) {
            // About nothing this store sold: acknowledged so the provider stops sending it, and not kept.
            ctx.json(answer);
            return;
        }
        ProviderEvents.Seen seen = events.record(receiver.provider(), artist.id(), event);
        if (seen == ProviderEvents.Seen.HANDLED) {
            LOG.info("{} event {} ({}) for artist {} was received before; nothing changes",
                    receiver.provider(), event.id(), event.type(), artist.id());
            answer.put("duplicate", true);
            ctx.json(answer);
            return;
        }
        if (seen == ProviderEvents.Seen.UNFINISHED) {
            LOG.info("{} event {} ({}) for artist {} was received before but never finished; acting on it",
                    receiver.provider(), event.id(), event.type(), artist.id());
        }
        try {
            event.effect().run();
        } catch (RuntimeException e) {
            // Not acted on: forget it, and the error answer makes the provider deliver it again.
            events.forget(receiver.provider(), artist.id(), event);
            throw e;
        }
        events.handled(receiver.provider(), artist.id(), event);
        ctx.json(answer);
    }

    /** The exact bytes the provider signed; nothing may parse or re-encode them first. */
    private static byte[] rawBody(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BODY) {
            throw Refusal.tooLarge("This is too large to be a payment event.");
        }
        try {
            byte[] body = ctx.bodyInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw Refusal.tooLarge("This is too large to be a payment event.");
            }
            return body;
        } catch (IOException e) {
            throw Refusal.badRequest("The request body could not be read.");
        }
    }
}
