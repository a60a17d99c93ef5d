package gatefold.server.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hops a request took as proxies recorded them, oldest first: from X-Forwarded-For
 * ({@code client, proxy1, proxy2}) or from Forwarded (RFC 7239:
 * {@code for=192.0.2.7;proto=https, for="[2001:db8::7]:4711"}). A hop whose address is
 * missing, {@code unknown} or obfuscated has no address.
 */
record ForwardedChain(List<Hop> hops) {

    /** One hop: the address it came from (if readable) and the scheme it arrived with (if said). */
    record Hop(Optional<InetAddress> address, Optional<String> proto) {
    }

    /** Where walking the chain from the right ended: the client, and the scheme that hop arrived with. */
    record End(InetAddress client, Optional<String> proto) {
    }

    static ForwardedChain xForwardedFor(List<String> headerLines) {
        List<Hop> hops = new ArrayList<>();
        for (String line : headerLines) {
            for (String node : line.split(",")) {
                hops.add(new Hop(IpLiteral.node(node), Optional.empty()));
            }
        }
        return new ForwardedChain(hops);
    }

    static ForwardedChain forwarded(List<String> headerLines) {
        List<Hop> hops = new ArrayList<>();
        for (String line : headerLines) {
            for (String element : split(line, ',')) {
                Optional<InetAddress> address = Optional.empty();
                Optional<String> proto = Optional.empty();
                for (String pair : split(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).strip());
                    if (name.equals("for")) {
                        address = IpLiteral.node(value);
                    } else if (name.equals("proto")) {
                        proto = Optional.of(value.toLowerCase(Locale.ROOT));
                    }
                }
                hops.add(new Hop(address, proto));
            }
        }
        return new ForwardedChain(hops);
    }

    /**
     * Walks from the right, starting at the trusted peer: each trusted hop vouches for the
     * one before it; the first untrusted address is the client. A hop without an address
     * stops the walk at the last trusted one (a proxy that wrote nothing useful is the client
     * as far as anyone can tell). Anything left of the client was written by the client.
     */
    End walk(InetAddress peer, TrustedProxies trusted) {
        InetAddress client = peer;
        Optional<String> proto = Optional.empty();
        for (int i = hops.size() - 1; i >= 0 && trusted.trusts(client); i--) {
            Hop hop = hops.get(i);
            if (hop.address().isEmpty()) {
                break;
            }
            client = hop.address().get();
            proto = hop.proto();
        }
        return new End(client, proto);
    }

    /** Splits on {@code separator} outside quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
