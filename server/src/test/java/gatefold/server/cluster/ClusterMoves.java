package gatefold.server.cluster;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.cluster.ClusterShop.Artist;
import gatefold.server.faults.ChildGatefold;
import gatefold.server.sales.stripe.StripeEvents;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** What the cluster test asks of one instance or the other, and the figures it reads back. */
final class ClusterMoves {

    private ClusterMoves() {
    }

    /** Download-link clicks this instance answered, by its own metrics. */
    static double resolutions(ChildGatefold instance) {
        return Cluster.total(Cluster.metrics(instance), "gatefold_link_resolutions_total");
    }

    /** A fan redeems a download code through {@code door}. */
    static Reply redeem(ApiClient door, String code, String email) {
        return door.post("/redeem", null, Map.of("code", code, "email", email));
    }

    /** A wrong code sent to one instance as if through the proxy, from a fan at {@code address}. */
    static Reply guess(ChildGatefold instance, String address) {
        return instance.api().exchange(HttpRequest.newBuilder(URI.create(instance.url("/redeem")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"ZZZZ-ZZZZ\",\"email\":\"guesser@example.com\"}"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address));
    }

    /** The signing key a download link names in its header. */
    static String kidOf(String link) {
        String header = link.substring(link.indexOf("/d/") + 3).split("\\.")[0];
        return new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8)
                .replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    /** Mails to a fan, in the shared outbox. */
    static long receipts(Cluster cluster, String fan) {
        return cluster.count("SELECT COUNT(*) FROM mail_outbox WHERE to_address = ?", fan);
    }

    /** Stripe's delivery of an event: the same bytes every time, signed anew. */
    static Reply stripeDelivers(ChildGatefold instance, Artist artist, String event, String secret) {
        return instance.api().exchange(HttpRequest.newBuilder(URI.create(instance.url("/webhooks/stripe/" + artist.slug())))
                .header("Content-Type", "application/json").header("Stripe-Signature", StripeEvents.sign(event, secret))
                .POST(HttpRequest.BodyPublishers.ofString(event)));
    }

    /** Downloads this instance started, by its own metrics. */
    static double started(ChildGatefold instance) {
        return Cluster.total(Cluster.metrics(instance), "gatefold_downloads_started_total");
    }
}
