package gatefold.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRulesTest {

    static final List<String> REFUSED_V4 = List.of(
            "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254", "127.0.0.1",
            "127.255.255.254", "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.254", "192.0.0.1", "192.0.0.170",
            "192.0.2.1", "192.168.0.1", "192.168.255.255", "198.18.0.1", "198.19.255.254", "198.51.100.1", "203.0.113.1",
            "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255");
    static final List<String> REFUSED_V6 = List.of(
            "::", "::1", "fe80::1", "febf::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1", "ff05::1:3",
            "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", "64:ff9b:1::1", "::127.0.0.1", "::10.0.0.1",
            "::a9fe:a9fe", "2001:db8::1", "3fff::1", "2001::1", "2001:2::1", "2002:7f00:1::", "2002:a00:1::1", "100::1",
            "4000::1", "::2");
    static final List<String> ALLOWED = List.of(
            "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
            "169.253.255.255", "192.0.1.1", "2606:4700:4700::1111", "2a00:1450:4001::1", "2002:808:808::1");
    /** Translated IPv4 forms are refused whatever address they carry: the translator decides where they lead. */
    static final List<String> TRANSLATED = List.of("64:ff9b::808:808", "::8.8.8.8", "64:ff9b::7f00:1", "::7f00:1");

    static InetAddress literal(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    /** Java turns "::ffff:a.b.c.d" into an IPv4 address; build the IPv6 form by hand, as a raw DNS answer could. */
    static InetAddress mapped(int a, int b, int c, int d) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @Test
    void everySpecialPurposeAddressIsRefusedByDefault() throws Exception {
        AddressRules rules = AddressRules.publicOnly();
        for (String text : REFUSED_V4) {
            assertThat(rules.refusal(literal(text))).as(text).isPresent();
        }
        for (String text : REFUSED_V6) {
            assertThat(literal(text)).as(text).isInstanceOf(Inet6Address.class);
            assertThat(rules.refusal(literal(text))).as(text).isPresent();
        }
        for (InetAddress mapped : List.of(mapped(127, 0, 0, 1), mapped(10, 1, 2, 3), mapped(169, 254, 169, 254),
                mapped(0, 0, 0, 0), mapped(192, 168, 1, 1))) {
            assertThat(mapped).isInstanceOf(Inet6Address.class);
            assertThat(rules.allows(mapped)).as(mapped.toString()).isFalse();
        }
        assertThat(literal("::ffff:127.0.0.1")).satisfies(a -> assertThat(rules.allows(a)).isFalse());
        for (String text : TRANSLATED) {
            assertThat(rules.refusal(literal(text))).as(text).isPresent();
        }
        assertThat(rules.allows(mapped(8, 8, 4, 4))).as("IPv4-mapped, even of a public address").isFalse();
    }

    @Test
    void rangesAreNamedForTheOperatorsLog() throws Exception {
        AddressRules rules = AddressRules.publicOnly();
        assertThat(rules.refusal(literal("169.254.169.254"))).contains("link-local");
        assertThat(rules.refusal(literal("100.100.100.100"))).contains("shared (CGNAT)");
        assertThat(rules.refusal(literal("64:ff9b::7f00:1"))).contains("NAT64");
        assertThat(rules.refusal(mapped(10, 0, 0, 1))).contains("IPv4-mapped");
        assertThat(rules.refusal(literal("2002:7f00:1::"))).contains("loopback (inside an IPv6 address)");
    }

    @Test
    void publicAddressesAreAllowedUpToEachRangesEdge() throws Exception {
        AddressRules rules = AddressRules.publicOnly();
        for (String text : ALLOWED) {
            assertThat(rules.refusal(literal(text))).as(text).isEmpty();
        }
    }

    @Test
    void theOperatorMayAllowPrivateAddresses() throws Exception {
        AddressRules open = AddressRules.of(true);
        for (String text : REFUSED_V4) {
            assertThat(open.allows(literal(text))).as(text).isTrue();
        }
        for (String text : REFUSED_V6) {
            assertThat(open.allows(literal(text))).as(text).isTrue();
        }
        assertThat(AddressRules.of(false).allows(literal("127.0.0.1"))).isFalse();
    }
}
