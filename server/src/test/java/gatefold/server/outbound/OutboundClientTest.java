package gatefold.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import gatefold.server.outbound.OutboundFailure.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guarded client against real servers on loopback. */
class OutboundClientTest {

    static final Set<String> REASONS = Set.of("address not allowed", "could not connect", "timed out", "stopped");
    static LoopbackServer loopback;
    static OutboundClient guarded;
    static OutboundClient open;

    @BeforeAll
    static void start() {
        loopback = LoopbackServer.answering(200, "hello");
        guarded = OutboundClient.create(false);
        open = OutboundClient.create(true);
    }

    @AfterAll
    static void stop() {
        guarded.close();
        open.close();
        loopback.close();
    }

    static OutboundFailure failure(OutboundClient client, OutboundCall call) {
        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> client.send(call));
        assertThat(failure).as(call.toString()).isNotNull();
        assertThat(failure.reason()).as(call.toString()).matches(r -> REASONS.contains(r) || r.matches("answered \\d{3}"));
        assertThat(failure.getCause()).isNull();
        assertThat(failure.getStackTrace()).isEmpty();
        return failure;
    }

    static OutboundCall get(String url) {
        return OutboundCall.get(OutboundUrl.parse(url));
    }

    /** Resolves every name to the given addresses, counting lookups. */
    record FixedResolver(AtomicInteger lookups, List<List<InetAddress>> answers) implements HostResolver {
        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            int n = lookups.getAndIncrement();
            return answers.get(Math.min(n, answers.size() - 1));
        }
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyLocalAndSpecialAddressIsRefusedBeforeAnyConnection() {
        try (LoopbackServer loopback = LoopbackServer.answering(200, "hello")) {
            refusesEveryForm(loopback);
        }
    }

    private static void refusesEveryForm(LoopbackServer loopback) {
        int port = loopback.port();
        List<String> urls = List.of("http://127.0.0.1:" + port + "/", "http://127.0.0.2:" + port + "/", "http://localhost:" + port + "/",
                "http://[::1]:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/", "http://[::127.0.0.1]:" + port + "/",
                "http://[64:ff9b::7f00:1]:" + port + "/", "http://[2002:7f00:1::]:" + port + "/", "http://0.0.0.0:" + port + "/",
                "http://[::]:" + port + "/", "http://10.0.0.1/", "http://172.16.0.1/", "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/", "http://100.64.0.1/", "http://198.18.0.1/",
                "http://192.0.0.1/", "http://224.0.0.1/", "http://255.255.255.255/", "http://[fc00::1]/", "http://[fd00::1]/",
                "http://[ff02::1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[::ffff:a9fe:a9fe]/", "http://192.0.2.1/",
                "http://[2001:db8::1]/");
        for (String url : urls) {
            assertThat(failure(guarded, get(url)).kind()).as(url).isEqualTo(Kind.NOT_ALLOWED);
            assertThat(failure(guarded, get(url)).reason()).isEqualTo("address not allowed");
        }
        assertThat(loopback.requests()).isZero();
    }

    @Test
    void oddIpv4SpellingsNeverReachLoopback() throws Exception {
        CheckedResolver system = new CheckedResolver(HostResolver.system(), AddressRules.publicOnly(), Runnable::run);
        for (String raw : OutboundUrlTest.ODD_SPELLINGS) {
            String host = raw.substring("http://".length(), raw.length() - 1);
            // Refused up front, as a URL...
            assertThatThrownBy(() -> OutboundUrl.parse(raw)).as(raw).isInstanceOf(OutboundUrl.Unusable.class);
            // ...and should one get past that, Java's reading of it is either no address or a checked one.
            List<InetAddress> addresses;
            try {
                addresses = system.addresses(host);
            } catch (CheckedResolver.AddressRefused | UnknownHostException refused) {
                continue;
            }
            assertThat(addresses).as(raw).noneMatch(InetAddress::isLoopbackAddress);
        }
        assertThatThrownBy(() -> system.addresses("2130706433")).isInstanceOf(CheckedResolver.AddressRefused.class);
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsPrivate() {
        OutboundClient client = new OutboundClient(OutboundClient.Options.defaults(false).withResolver(
                new FixedResolver(new AtomicInteger(), List.of(List.of(ip("8.8.8.8"), ip("10.0.0.7"))))));
        try (client) {
            assertThat(failure(client, get("http://shop.example:" + loopback.port() + "/")).kind()).isEqualTo(Kind.NOT_ALLOWED);
            assertThatThrownBy(() -> client.checkAddress(OutboundUrl.parse("http://shop.example/")))
                    .isInstanceOfSatisfying(OutboundFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.NOT_ALLOWED));
        }
    }

    @Test
    void aDnsAnswerThatChangesAfterTheCheckCannotRedirectTheConnection() {
        try (LoopbackServer loopback = LoopbackServer.answering(200, "hello")) {
            connectsOnlyToTheCheckedAddress(loopback);
        }
    }

    private static void connectsOnlyToTheCheckedAddress(LoopbackServer loopback) {
        // 127.0.0.2 stands in for a public address (nothing listens there); the second answer is the real target.
        AtomicInteger lookups = new AtomicInteger();
        OutboundClient client = new OutboundClient(OutboundClient.Options.defaults(false)
                .withRules(AddressRules.publicOnly().alsoAllowing(ip("127.0.0.2")))
                .withResolver(new FixedResolver(lookups, List.of(List.of(ip("127.0.0.2")), List.of(ip("127.0.0.1"))))));
        try (client) {
            OutboundFailure failure = failure(client, get("http://rebind.example:" + loopback.port() + "/secret"));
            assertThat(failure.kind()).isEqualTo(Kind.NO_CONNECTION);
            assertThat(failure.reason()).isEqualTo("could not connect");
            assertThat(lookups.get()).isEqualTo(1);
            assertThat(loopback.requests()).isZero();
            // A later call looks up again, gets the loopback answer, and is refused before connecting.
            assertThat(failure(client, get("http://rebind.example:" + loopback.port() + "/secret")).kind()).isEqualTo(Kind.NOT_ALLOWED);
            assertThat(loopback.requests()).isZero();
        }
    }

    @Test
    void aRemoteFirstAnswerIsWhereTheConnectionGoes() {
        // 192.0.2.1 (TEST-NET-1) is routed nowhere: it stands in for a remote public address without reaching one.
        AtomicInteger lookups = new AtomicInteger();
        OutboundClient client = new OutboundClient(OutboundClient.Options.defaults(false)
                .withRules(AddressRules.publicOnly().alsoAllowing(ip("192.0.2.1")))
                .withResolver(new FixedResolver(lookups, List.of(List.of(ip("192.0.2.1")), List.of(ip("127.0.0.1")))))
                .withConnectTimeout(Duration.ofMillis(300)));
        try (client; LoopbackServer loopback = LoopbackServer.answering(200, "hello")) {
            OutboundFailure failure = failure(client, get("http://rebind.example:" + loopback.port() + "/secret"));
            assertThat(failure.reason()).isEqualTo("could not connect");
            assertThat(lookups.get()).isEqualTo(1);
            assertThat(loopback.requests()).isZero();
        }
    }

    @Test
    void theOperatorsOptInAllowsLoopback() throws Exception {
        OutboundAnswer answer = open.send(get(loopback.url("/hi")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body())).isEqualTo("hello");
        assertThat(answer.cut()).isFalse();
    }

    @Test
    void aRedirectIsAFailureAndItsTargetHearsNothing() {
        try (LoopbackServer target = LoopbackServer.answering(200, "target");
             LoopbackServer redirecting = LoopbackServer.start(exchange -> {
                 exchange.getResponseHeaders().set("Location", target.url("/landing"));
                 exchange.sendResponseHeaders(302, -1);
             })) {
            OutboundFailure failure = failure(open, get(redirecting.url("/start")));
            assertThat(failure.reason()).isEqualTo("answered 302");
            assertThat(failure.status()).hasValue(302);
            assertThat(redirecting.requests()).isEqualTo(1);
            assertThat(target.requests()).isZero();
        }
    }

    @Test
    void aServerThatDoesNotAnswerInTimeTimesOut() {
        CountDownLatch release = new CountDownLatch(1);
        try (LoopbackServer slow = LoopbackServer.start(exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
        })) {
            long started = System.nanoTime();
            OutboundFailure failure = failure(open, get(slow.url("/slow")).withTimeout(Duration.ofMillis(300)));
            assertThat(failure.reason()).isEqualTo("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            release.countDown();
        }
    }

    @Test
    void aServerErrorIsAnsweredWithItsStatusOnly() {
        try (LoopbackServer failing = LoopbackServer.answering(500, "java.lang.IllegalStateException: db password wrong")) {
            OutboundFailure failure = failure(open, get(failing.url("/")));
            assertThat(failure.reason()).isEqualTo("answered 500");
            assertThat(failure.status()).hasValue(500);
        }
    }

    @Test
    void aHugeAnswerIsCutAtTheCap() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        try (LoopbackServer huge = LoopbackServer.start(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                for (int i = 0; i < 512; i++) { // 32 MiB, unless the client hangs up first
                    exchange.getResponseBody().write(chunk);
                }
            } catch (java.io.IOException hungUp) {
                // expected: the client stops reading at its cap
            }
        })) {
            OutboundAnswer answer = open.send(get(huge.url("/")).withMaxAnswerBytes(100_000));
            assertThat(answer.cut()).isTrue();
            assertThat(answer.body()).hasSize(100_000);
        }
    }

    @Test
    void aClosedPortCouldNotConnect() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, ip("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        OutboundFailure failure = failure(open, get("http://127.0.0.1:" + closed + "/?token=s3cr3t"));
        assertThat(failure.kind()).isEqualTo(Kind.NO_CONNECTION);
        assertThat(failure.reason()).isEqualTo("could not connect");
        assertThat(failure(open, get("http://no-such-host.invalid/")).reason()).isEqualTo("could not connect");
    }

    @Test
    void theBodyAndHeadersAreSent() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LoopbackServer echo = LoopbackServer.start(exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("X-Test")
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(204, -1);
        })) {
            OutboundAnswer answer = open.send(OutboundCall.post(OutboundUrl.parse(echo.url("/p?q=1")), "application/json", "{}")
                    .withHeader("X-Test", "yes"));
            assertThat(answer.status()).isEqualTo(204);
            assertThat(seen).containsExactly("POST /p?q=1 yes application/json");
        }
    }

    @Test
    void aClosedClientRefusesToCall() {
        OutboundClient client = OutboundClient.create(true);
        client.close();
        assertThat(failure(client, get(loopback.url("/"))).kind()).isEqualTo(Kind.STOPPED);
    }
}
