package gatefold.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import gatefold.server.config.Settings;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** Who is asking, when a request may have come through proxies, and nobody else can say otherwise. */
class ClientAddressTest {

    static final TrustedProxies PROXIES = TrustedProxies.parse("127.0.0.1/32, 10.0.0.0/8, fd00::/8");

    static ClientAddress resolve(String peer, String... headers) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            byName.computeIfAbsent(headers[i].toLowerCase(), k -> new java.util.ArrayList<>()).add(headers[i + 1]);
        }
        return ClientAddress.resolve(address(peer), false, name -> byName.getOrDefault(name.toLowerCase(), List.of()), PROXIES);
    }

    static InetAddress address(String literal) {
        return IpLiteral.node(literal).orElseThrow();
    }

    @Test
    void anUntrustedPeersForwardingHeadersAreIgnored() {
        ClientAddress client = resolve("203.0.113.9", "X-Forwarded-For", "198.51.100.7", "Forwarded", "for=198.51.100.8;proto=https",
                "X-Forwarded-Proto", "https");
        assertThat(client.text()).isEqualTo("203.0.113.9");
        assertThat(client.https()).isFalse();
    }

    @Test
    void theRightMostUntrustedAddressIsTheClientWhateverTheClientWroteBeforeIt() {
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.0.0.2").text()).isEqualTo("198.51.100.7");
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-For", "198.51.100.7:5555, 10.0.0.2").text())
                .isEqualTo("198.51.100.7");
        // Every hop trusted: the farthest one is the client (a machine inside the network).
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "10.0.0.5").text()).isEqualTo("10.0.0.5");
        // Nothing forwarded: the proxy itself asked.
        assertThat(resolve("127.0.0.1").text()).isEqualTo("127.0.0.1");
    }

    @Test
    void aHopWithoutAnAddressStopsTheWalkAtTheLastTrustedOne() {
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "198.51.100.7, unknown").text()).isEqualTo("127.0.0.1");
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "198.51.100.7, localhost, 10.0.0.3").text()).isEqualTo("10.0.0.3");
        assertThat(resolve("127.0.0.1", "Forwarded", "for=198.51.100.7, for=\"_hidden\"").text()).isEqualTo("127.0.0.1");
    }

    @Test
    void forwardedIsReadAsRfc7239WritesIt() {
        ClientAddress v6 = resolve("10.1.2.3", "Forwarded", "for=6.6.6.6;proto=http, For=\"[2001:db8:cafe::17]:4711\";proto=https;by=10.1.2.3",
                "Forwarded", "for=10.0.0.9;proto=http");
        assertThat(v6.address()).isEqualTo(address("2001:db8:cafe::17"));
        assertThat(v6.https()).isTrue();
        ClientAddress quotedComma = resolve("127.0.0.1", "Forwarded", "for=198.51.100.7;host=\"a,b;c\"");
        assertThat(quotedComma.text()).isEqualTo("198.51.100.7");
    }

    @Test
    void whenBothHeadersNameDifferentClientsTheRequestCountsAsTheProxys() {
        // The proxy writes one of them; the client wrote the other to look like someone else.
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "198.51.100.7", "Forwarded", "for=6.6.6.6").text()).isEqualTo("127.0.0.1");
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "198.51.100.7", "Forwarded", "for=198.51.100.7").text())
                .isEqualTo("198.51.100.7");
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4AddressForTrustAndForBuckets() {
        assertThat(resolve("::ffff:127.0.0.1", "X-Forwarded-For", "::ffff:198.51.100.7").text()).isEqualTo("198.51.100.7");
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "[::ffff:198.51.100.7]:80").bucket()).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.of("::ffff:198.51.100.7", false)).isEqualTo(ClientAddress.of("198.51.100.7", false));
    }

    @Test
    void ipv6ClientsAreBucketedByTheirSlash64() {
        String home = ClientAddress.of("2001:db8:1:2::a", false).bucket();
        assertThat(ClientAddress.of("2001:db8:1:2:ffff:ffff:ffff:ffff", false).bucket()).isEqualTo(home);
        assertThat(ClientAddress.of("[2001:DB8:1:2:0::b]:443", false).bucket()).isEqualTo(home);
        assertThat(ClientAddress.of("2001:db8:1:3::a", false).bucket()).isNotEqualTo(home);
        assertThat(ClientAddress.of("198.51.100.7", false).bucket()).isEqualTo("198.51.100.7");
        assertThat(home).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.of("2001:db8:0:0:1:0:0:1", false).text()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ClientAddress.of("::1", false).text()).isEqualTo("::1");
        assertThat(ClientAddress.of("fe80:0:0:0:0:0:0:0", false).text()).isEqualTo("fe80::");
    }

    @Test
    void httpsIsWhatTheTrustedProxySays() {
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "198.51.100.7", "X-Forwarded-Proto", "https").https()).isTrue();
        assertThat(resolve("127.0.0.1", "X-Forwarded-Proto", "HTTPS").https()).isTrue();
        assertThat(resolve("127.0.0.1", "X-Forwarded-Proto", "https, http").https()).isFalse();
        assertThat(resolve("127.0.0.1", "Forwarded", "for=198.51.100.7;proto=https").https()).isTrue();
        assertThat(resolve("127.0.0.1", "X-Forwarded-For", "198.51.100.7").https()).isFalse();
    }

    @Test
    void namesAreNeverLookedUpAndNonsenseIsNoAddress() {
        for (String nonsense : List.of("localhost", "example.com", "1.2.3", "256.1.1.1", "1.2.3.4:port", "[::1", "fe80::1%eth0", "")) {
            assertThat(IpLiteral.node(nonsense)).as(nonsense).isEmpty();
        }
    }

    @Test
    void trustedProxiesTakeBlocksAndRefuseAnythingElseInOneLine() {
        TrustedProxies trusted = TrustedProxies.parse(" 192.0.2.0/24 ,2001:db8::/32, 198.51.100.7");
        assertThat(trusted.trusts(address("192.0.2.200"))).isTrue();
        assertThat(trusted.trusts(address("192.0.3.1"))).isFalse();
        assertThat(trusted.trusts(address("2001:db8:ffff::1"))).isTrue();
        assertThat(trusted.trusts(address("198.51.100.7"))).isTrue();
        assertThat(trusted.trusts(address("198.51.100.8"))).isFalse();
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts(address("203.0.113.1"))).isTrue();

        Map<String, String> bad = Map.of("10.0.0.0/33", "prefix", "proxy.example.com", "not an IP", "10.1.2.3/8", "10.0.0.0/8",
                "fd00::1/8", "fd00::/8");
        bad.forEach((value, hint) -> assertThatThrownBy(() -> Config.from(Settings.of(Map.of("GATEFOLD_TRUSTED_PROXIES", value))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEFOLD_TRUSTED_PROXIES: ")
                .hasMessageContaining(hint)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")));
    }

    @Test
    void routesAndJettyHandlersAheadOfThemSeeTheSameClient() throws Exception {
        RouteGroup echo = new RouteGroup() {
            @Override
            public void addTo(io.javalin.config.RoutesConfig routes) {
                routes.get("/who", ctx -> ctx.result(ClientAddress.of(ctx).text() + " " + ClientAddress.of(ctx).https()));
            }

            @Override
            public List<Handler.Wrapper> ahead() {
                return List.of(new Handler.Wrapper() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        response.getHeaders().put("X-Seen-Ahead", ClientAddress.of(request).text());
                        return super.handle(request, response, callback);
                    }
                });
            }
        };
        Javalin app = App.create(new App.Settings("127.0.0.1", 0, Duration.ofSeconds(5), TrustedProxies.parse("127.0.0.1/32")),
                List.of(echo)).start();
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/who"))
                            .header("X-Forwarded-For", "6.6.6.6, 2001:db8::7").header("X-Forwarded-Proto", "https").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.body()).isEqualTo("2001:db8::7" + " true");
            assertThat(res.headers().firstValue("X-Seen-Ahead")).hasValue("2001:db8::7");
        } finally {
            app.stop();
        }
    }
}
