package gatefold.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundUrlTest {

    /** IPv4 addresses as decimal, octal, hex or shortened: browsers and curl read most of them as 127.0.0.1. */
    static final List<String> ODD_SPELLINGS = List.of("http://2130706433/", "http://0x7f.1/", "http://017700000001/",
            "http://0177.0.0.1/", "http://127.1/", "http://0x7f000001/", "http://0x7f.0.0.1/", "http://127.0.0.1./",
            "http://127.000.000.001/", "http://00127.0.0.1/", "http://a.b.0x7f/", "http://example.1/", "http://[fe80::1%25eth0]/");

    @Test
    void onlyHttpAndHttpsWithAHostAndNoUserName() {
        for (String raw : List.of("ftp://example.com/x", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)",
                "//example.com/x", "/relative", "not a url", "http:/x", "http:///x", "https://user:pw@example.com/x",
                "https://user@example.com/", "https://:@example.com/", "https://example.com:0/", "https://example.com:70000/",
                "http://exa_mple.com/", "http://%31%32%37.0.0.1/", "")) {
            assertThatThrownBy(() -> OutboundUrl.parse(raw)).as(raw).isInstanceOf(OutboundUrl.Unusable.class);
        }
        assertThat(OutboundUrl.parse("HTTPS://Pay.Example.com:8443/btc").uri()).hasToString("https://Pay.Example.com:8443/btc");
        assertThat(OutboundUrl.parse("http://203.0.113.5").uri()).hasToString("http://203.0.113.5/");
        assertThat(OutboundUrl.parse("http://[2001:db8::1]:8080/x?y=1#frag").uri()).hasToString("http://[2001:db8::1]:8080/x?y=1");
    }

    @Test
    void ipv4AddressesSpelledInUnusualWaysAreRefusedUpFront() {
        for (String raw : ODD_SPELLINGS) {
            assertThatThrownBy(() -> OutboundUrl.parse(raw)).as(raw).isInstanceOf(OutboundUrl.Unusable.class);
        }
        assertThat(OutboundUrl.parse("http://127.0.0.1:8080/").host()).isEqualTo("127.0.0.1");
        assertThat(OutboundUrl.parse("http://1password.com/").host()).isEqualTo("1password.com");
        assertThat(OutboundUrl.parse("http://example.com./").host()).isEqualTo("example.com.");
    }

    @Test
    void aBaseHasNoQueryOrFragmentThatWouldSwallowThePathAddedToIt() {
        for (String raw : List.of("https://pay.example.com/?", "https://pay.example.com/x?y=1", "https://pay.example.com/#",
                "https://pay.example.com/x#/api")) {
            assertThatThrownBy(() -> OutboundUrl.parseBase(raw)).as(raw).isInstanceOf(OutboundUrl.Unusable.class);
        }
        OutboundUrl base = OutboundUrl.parseBase("https://pay.example.com/btcpay/");
        assertThat(base.withPath("/api/v1/stores/s%20x/invoices").uri())
                .hasToString("https://pay.example.com/btcpay/api/v1/stores/s%20x/invoices");
        assertThat(OutboundUrl.parseBase("https://pay.example.com").withPath("/api").uri()).hasToString("https://pay.example.com/api");
    }

    @Test
    void logsSeeTheOriginOnlyBecausePathsAndQueriesCarryTokens() {
        OutboundUrl url = OutboundUrl.parse("https://hooks.example.com/services/T0/B0/s3cr3tPath?token=s3cr3tQuery");
        assertThat(url.toString()).isEqualTo("https://hooks.example.com/…").doesNotContain("s3cr3t");
        assertThat(OutboundUrl.parse("https://hooks.example.com/").toString()).isEqualTo("https://hooks.example.com/");
        assertThat(url.mask("failed for " + url.uri() + " and /services/T0/B0/s3cr3tPath and token=s3cr3tQuery"))
                .doesNotContain("s3cr3t");
    }

    @Test
    void savingAnUnusableUrlIsAnInvalidInputWithAReason() {
        assertThatThrownBy(() -> OutboundUrl.check("https://me:pw@example.com/", "'url'"))
                .isInstanceOf(Refusal.class).hasMessage("'url' must not carry a user name or password.");
        assertThatThrownBy(() -> OutboundUrl.checkBase("https://pay.example.com/?x", "BTCPay 'url'"))
                .isInstanceOf(Refusal.class).hasMessage("BTCPay 'url' must not have a '?' or '#' part.");
    }
}
