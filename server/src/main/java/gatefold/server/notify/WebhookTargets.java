package gatefold.server.notify;

import gatefold.server.common.Refusal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where seller webhooks may point: a public http(s) address. Loopback, private,
 * link-local and similar addresses are refused (checked when registering and again before
 * every delivery, since DNS can change) unless the operator allows them.
 */
public final class WebhookTargets {

    private final boolean allowPrivate;

    public WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public URI check(String raw) {
        URI uri;
        try {
            uri = new URI(raw);
        } catch (Exception e) {
            throw Refusal.invalid("'url' must be an http or https URL.");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            throw Refusal.invalid("'url' must be an http or https URL without a user name.");
        }
        if (!allowPrivate) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (isPrivate(address)) {
                        throw Refusal.invalid("'url' points at a private or local address; webhooks must reach a public one.");
                    }
                }
            } catch (UnknownHostException e) {
                throw Refusal.invalid("'url' names a host that does not resolve.");
            }
        }
        return uri;
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                || first == 169 && second == 254 || first >= 224;
    }
}
