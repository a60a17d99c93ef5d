package gatefold.server.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses written as text, read without ever asking DNS: a header or a setting that
 * names a host instead of an address is simply not an address. An IPv4-mapped IPv6 address
 * ({@code ::ffff:1.2.3.4}) is the IPv4 address, so one client cannot be two.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}");

    private IpLiteral() {
    }

    /** A bare address: {@code 192.0.2.7} or {@code 2001:db8::7}. */
    static Optional<InetAddress> address(String text) {
        String s = text.strip();
        if (s.indexOf(':') >= 0) {
            return ipv6(s);
        }
        Matcher m = IPV4.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(m.group(i + 1));
            if (octet > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        return Optional.of(byBytes(bytes));
    }

    /**
     * A node as proxies write it: an address, perhaps with a port, IPv6 perhaps in brackets,
     * perhaps quoted (RFC 7239). {@code unknown} and obfuscated names are not addresses.
     */
    static Optional<InetAddress> node(String text) {
        String s = text.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            String rest = end < 0 ? "" : s.substring(end + 1);
            if (end < 0 || !(rest.isEmpty() || PORT.matcher(rest).matches())) {
                return Optional.empty();
            }
            return ipv6(s.substring(1, end));
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) {
            // One colon: IPv4 with a port.
            if (!PORT.matcher(s.substring(colon)).matches()) {
                return Optional.empty();
            }
            s = s.substring(0, colon);
        }
        return address(s);
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 one; any other address as it is. */
    static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                return byBytes(new byte[] {b[12], b[13], b[14], b[15]});
            }
        }
        return address;
    }

    private static Optional<InetAddress> ipv6(String s) {
        if (!IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            // A text with a colon is parsed as an IPv6 literal and never looked up.
            InetAddress parsed = InetAddress.getByName(s);
            return Optional.of(unmapped(parsed));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The address as people write it: IPv6 in the short form of RFC 5952 ({@code 2001:db8::7}). */
    static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    static InetAddress byBytes(byte[] bytes) {
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            return address instanceof Inet4Address ? address : unmapped(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes", e);
        }
    }
}
