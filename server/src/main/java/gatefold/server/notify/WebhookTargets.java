package gatefold.server.notify;

import gatefold.server.common.Refusal;
import gatefold.server.outbound.OutboundAnswer;
import gatefold.server.outbound.OutboundCall;
import gatefold.server.outbound.OutboundClient;
import gatefold.server.outbound.OutboundFailure;
import gatefold.server.outbound.OutboundUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where seller webhooks may point, and how they are reached: a public http(s) address, called
 * through the {@link OutboundClient}. A URL is checked when it is registered (its form, and
 * where its host points now) and again by the client at every delivery, since DNS can change.
 */
public final class WebhookTargets {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A receiver's answer is not read: only its status counts. */
    private static final int ANSWER_BYTES = 1024;
    private final OutboundClient outbound;

    public WebhookTargets(OutboundClient outbound) {
        this.outbound = outbound;
    }

    /** The URL to store, or a refusal the artist can act on. */
    public URI check(String raw) {
        OutboundUrl url = OutboundUrl.check(raw, "'url'");
        try {
            outbound.checkAddress(url);
        } catch (OutboundFailure f) {
            throw Refusal.invalid(f.kind() == OutboundFailure.Kind.NOT_ALLOWED
                    ? "'url' points at a private or local address; webhooks must reach a public one."
                    : "'url' names a host that does not resolve.");
        }
        return url.uri();
    }

    /** Posts one delivery; a URL stored before today's rules that no longer parses is not allowed. */
    OutboundAnswer post(String storedUrl, Map<String, String> headers, String json) throws OutboundFailure {
        OutboundUrl url;
        try {
            url = OutboundUrl.parse(storedUrl);
        } catch (OutboundUrl.Unusable e) {
            throw OutboundFailure.notAllowed();
        }
        OutboundCall call = OutboundCall.post(url, "application/json", json).withTimeout(TIMEOUT).withMaxAnswerBytes(ANSWER_BYTES);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            call = call.withHeader(header.getKey(), header.getValue());
        }
        return outbound.send(call);
    }
}
