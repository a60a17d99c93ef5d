package gatefold.server.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses a call made on an artist's behalf may reach: by default only the public
 * internet. Loopback, private, link-local, shared (CGNAT), benchmarking, documentation,
 * multicast, broadcast and reserved ranges are refused, and so are the IPv6 forms that
 * carry an IPv4 address through a translator (IPv4-mapped, IPv4-compatible, NAT64):
 * whatever IPv4 address they hold, the translator decides where they lead. A 6to4 address
 * is judged by the IPv4 address it carries.
 */
public final class AddressRules {

    private record Block(byte[] prefix, int bits, String name) {
        boolean holds(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    // IANA's special-purpose registries (RFC 6890 and successors): everything not globally reachable.
    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0/8", "this network"), block("10.0.0.0/8", "private"), block("100.64.0.0/10", "shared (CGNAT)"),
            block("127.0.0.0/8", "loopback"), block("169.254.0.0/16", "link-local"), block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "IETF protocol assignments"), block("192.0.2.0/24", "documentation"),
            block("192.168.0.0/16", "private"), block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"), block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"), block("255.255.255.255/32", "broadcast"), block("240.0.0.0/4", "reserved"));
    private static final List<Block> IPV6 = List.of(
            block("::/128", "unspecified"), block("::1/128", "loopback"), block("::/96", "IPv4-compatible"),
            block("::ffff:0:0/96", "IPv4-mapped"), block("64:ff9b::/96", "NAT64"), block("64:ff9b:1::/48", "local-use NAT64"),
            block("100::/64", "discard-only"), block("2001::/23", "IETF protocol assignments"),
            block("2001:db8::/32", "documentation"), block("3fff::/20", "documentation"), block("fc00::/7", "unique local"),
            block("fe80::/10", "link-local"), block("fec0::/10", "site-local"), block("ff00::/8", "multicast"));
    private static final Block GLOBAL_UNICAST = block("2000::/3", "global unicast");

    private final boolean allowPrivate;
    private final Set<InetAddress> alsoAllowed;

    private AddressRules(boolean allowPrivate, Set<InetAddress> alsoAllowed) {
        this.allowPrivate = allowPrivate;
        this.alsoAllowed = Set.copyOf(alsoAllowed);
    }

    /** Public addresses only: the default. */
    public static AddressRules publicOnly() {
        return new AddressRules(false, Set.of());
    }

    /** Public addresses only, unless the operator allows private ones (a BTCPay Server on the same machine or LAN). */
    public static AddressRules of(boolean allowPrivate) {
        return new AddressRules(allowPrivate, Set.of());
    }

    /** Tests only: a stand-in for "a public address" that is really on this machine. */
    AddressRules alsoAllowing(InetAddress... addresses) {
        return new AddressRules(allowPrivate, Set.of(addresses));
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    public boolean allows(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** Why this address may not be called (the name of its range, for the operator's log); empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate || alsoAllowed.contains(address)) {
            return Optional.empty();
        }
        return specialRange(address);
    }

    /** The special-purpose range an address lies in, whatever the operator allows; empty for a public address. */
    public static Optional<String> specialRange(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return IPV4.stream().filter(block -> block.holds(b)).map(Block::name).findFirst();
        }
        Optional<String> named = IPV6.stream().filter(block -> block.holds(b)).map(Block::name).findFirst();
        if (named.isPresent()) {
            return named;
        }
        Optional<byte[]> embedded = embeddedIpv4(b);
        if (embedded.isPresent()) {
            return specialRange(ipv4(embedded.get())).map(range -> range + " (inside an IPv6 address)");
        }
        return GLOBAL_UNICAST.holds(b) ? Optional.empty() : Optional.of("reserved");
    }

    /** The IPv4 address a 6to4 address (2002::/16) carries; the translated forms are refused outright above. */
    static Optional<byte[]> embeddedIpv4(byte[] b) {
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
        }
        return Optional.empty();
    }

    private static Inet4Address ipv4(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Block block(String cidr, String name) {
        String[] parts = cidr.split("/");
        try {
            // Literals only: getByName parses them without any lookup. Java reads ::ffff:a.b.c.d as an
            // IPv4 address, so an IPv6 prefix that came back as four bytes is widened to its mapped form.
            byte[] prefix = InetAddress.getByName(parts[0]).getAddress();
            if (prefix.length == 4 && parts[0].contains(":")) {
                byte[] wide = new byte[16];
                wide[10] = (byte) 0xff;
                wide[11] = (byte) 0xff;
                System.arraycopy(prefix, 0, wide, 12, 4);
                prefix = wide;
            }
            return new Block(prefix, Integer.parseInt(parts[1]), name);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
