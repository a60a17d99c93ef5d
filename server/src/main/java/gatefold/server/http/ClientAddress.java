package gatefold.server.http;

import io.javalin.http.Context;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.server.Request;

/**
 * Who is asking: the client's address and whether it reached us over https, as the
 * connection says or, when the connection comes from a {@link TrustedProxies trusted proxy},
 * as that proxy says. Every rate limit, session cookie and download log reads this, never
 * the socket or a header directly. {@link ClientAddresses} works it out once per request.
 */
public record ClientAddress(InetAddress address, boolean https) {

    static final String ATTRIBUTE = ClientAddress.class.getName();

    public ClientAddress {
        address = IpLiteral.unmapped(address);
    }

    /**
     * The one rule, for the routes and for Jetty handlers ahead of them alike. From an
     * untrusted peer no header counts. From a trusted one, X-Forwarded-For or Forwarded is
     * walked from the right (see {@link ForwardedChain#walk}); if a request carries both and
     * they name different clients, one of them was written by the client, so the request
     * counts as the proxy's own. X-Forwarded-Proto (else Forwarded's proto) says https.
     *
     * @param headers every value of a request header by name, in order (empty when absent)
     */
    public static ClientAddress resolve(InetAddress peer, boolean secureConnection, Function<String, List<String>> headers,
                                        TrustedProxies trusted) {
        if (!trusted.trusts(peer)) {
            return new ClientAddress(peer, secureConnection);
        }
        List<String> xff = headers.apply("X-Forwarded-For");
        List<String> forwarded = headers.apply("Forwarded");
        Optional<ForwardedChain.End> byXff = xff.isEmpty() ? Optional.empty()
                : Optional.of(ForwardedChain.xForwardedFor(xff).walk(peer, trusted));
        Optional<ForwardedChain.End> byForwarded = forwarded.isEmpty() ? Optional.empty()
                : Optional.of(ForwardedChain.forwarded(forwarded).walk(peer, trusted));
        if (byXff.isPresent() && byForwarded.isPresent() && !byXff.get().client().equals(byForwarded.get().client())) {
            return new ClientAddress(peer, secureConnection);
        }
        Optional<ForwardedChain.End> end = byForwarded.or(() -> byXff);
        InetAddress client = end.map(ForwardedChain.End::client).orElse(peer);
        List<String> protoHeader = headers.apply("X-Forwarded-Proto");
        Optional<String> proto = protoHeader.isEmpty() ? end.flatMap(ForwardedChain.End::proto)
                : Optional.of(rightMost(protoHeader));
        return new ClientAddress(client, secureConnection || proto.map("https"::equals).orElse(false));
    }

    private static String rightMost(List<String> lines) {
        String last = lines.get(lines.size() - 1);
        return last.substring(last.lastIndexOf(',') + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** The address a route's request came from (worked out by {@link ClientAddresses}). */
    public static ClientAddress of(Context ctx) {
        if (ctx.attribute(ATTRIBUTE) instanceof ClientAddress known) {
            return known;
        }
        return new ClientAddress(IpLiteral.node(ctx.req().getRemoteAddr()).orElseThrow(), ctx.req().isSecure());
    }

    /** The same for a Jetty handler ahead of the routes. */
    public static ClientAddress of(Request request) {
        if (request.getAttribute(ATTRIBUTE) instanceof ClientAddress known) {
            return known;
        }
        return resolve(request, TrustedProxies.NONE);
    }

    static ClientAddress resolve(Request request, TrustedProxies trusted) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        InetAddress peer = remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress()
                : IpLiteral.node(Request.getRemoteAddr(request)).orElseThrow();
        return resolve(peer, request.getConnectionMetaData().isSecure(), name -> request.getHeaders().getValuesList(name), trusted);
    }

    /** A literal address (tests, tools); {@code ::ffff:1.2.3.4} is 1.2.3.4. */
    public static ClientAddress of(String literal, boolean https) {
        return new ClientAddress(IpLiteral.node(literal).orElseThrow(() ->
                new IllegalArgumentException("not an IP address: " + literal)), https);
    }

    /**
     * What limits count by: an IPv4 address, or an IPv6 client's /64 (one home or phone gets
     * a whole /64, so counting single IPv6 addresses would give a guesser 2^64 fresh starts).
     */
    public String bucket() {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        return IpLiteral.text(IpLiteral.byBytes(prefix)) + "/64";
    }

    /** The address as text ({@code 198.51.100.7}, {@code 2001:db8::7}), e.g. for a hash in the download log. */
    public String text() {
        return IpLiteral.text(address);
    }

    /** Whether cookies set on this answer are Secure: the store's public address is https, or this request came over https. */
    public static boolean secureCookies(Context ctx, URI publicUrl) {
        return "https".equalsIgnoreCase(publicUrl.getScheme()) || of(ctx).https();
    }
}
