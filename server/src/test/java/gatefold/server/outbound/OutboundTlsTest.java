package gatefold.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection goes to the checked address, yet TLS still speaks to the host name: the
 * server hears it as SNI, and a certificate that names another host is refused.
 */
class OutboundTlsTest {

    static final char[] PASSWORD = "changeit".toCharArray();
    static SSLServerSocket server;
    static final List<String> serverNames = new CopyOnWriteArrayList<>();
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static SSLContext trustingTheTestCertificate;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-tls");
        Path keystore = dir.resolve("shop.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "shop", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=shop.gatefold.test",
                "-ext", "SAN=dns:shop.gatefold.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread accept = new Thread(OutboundTlsTest::serve, "tls-test-server");
        accept.setDaemon(true);
        accept.start();

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("shop", keys.getCertificate("shop"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trustingTheTestCertificate = SSLContext.getInstance("TLS");
        trustingTheTestCertificate.init(null, tmf.getTrustManagers(), null);
    }

    /** A tiny HTTPS/1.1 server: records the SNI name and the request head, answers 200 "secure". */
    static void serve() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                try {
                    socket.startHandshake();
                    ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames()
                            .forEach(name -> serverNames.add(((SNIHostName) name).getAsciiName()));
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    StringBuilder head = new StringBuilder();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        head.append(line).append('\n');
                    }
                    requests.add(head.toString());
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nsecure".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException handshakeOrRead) {
                    // a client that refused our certificate
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    /** Every name is this machine; the client may call it (the operator's opt-in). */
    static OutboundClient client(SSLContext tls) {
        OutboundClient.Options options = OutboundClient.Options.defaults(true)
                .withResolver(host -> List.of(InetAddress.getByName("127.0.0.1")));
        return new OutboundClient(tls == null ? options : options.withTls(tls));
    }

    @Test
    void thePinnedConnectionStillSpeaksTlsToTheHostName() throws Exception {
        try (OutboundClient client = client(trustingTheTestCertificate)) {
            OutboundAnswer answer = client.send(OutboundCall.get(OutboundUrl.parse(
                    "https://shop.gatefold.test:" + server.getLocalPort() + "/hello")));
            assertThat(new String(answer.body(), StandardCharsets.US_ASCII)).isEqualTo("secure");
        }
        assertThat(serverNames).contains("shop.gatefold.test");
        assertThat(requests).anySatisfy(head -> assertThat(head).startsWith("GET /hello HTTP/1.1")
                .containsIgnoringCase("host: shop.gatefold.test:" + server.getLocalPort()));
    }

    @Test
    void aCertificateForAnotherHostIsRefusedThoughItIsTrusted() {
        int before = requests.size();
        try (OutboundClient client = client(trustingTheTestCertificate)) {
            OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> client.send(OutboundCall.get(
                    OutboundUrl.parse("https://other.gatefold.test:" + server.getLocalPort() + "/"))));
            assertThat(failure).isNotNull();
            assertThat(failure.reason()).isEqualTo("could not connect");
        }
        assertThat(requests).hasSize(before);
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        int before = requests.size();
        try (OutboundClient client = client(null)) {
            OutboundFailure failure = catchThrowableOfType(OutboundFailure.class, () -> client.send(OutboundCall.get(
                    OutboundUrl.parse("https://shop.gatefold.test:" + server.getLocalPort() + "/"))));
            assertThat(failure).isNotNull();
            assertThat(failure.reason()).isEqualTo("could not connect");
        }
        assertThat(requests).hasSize(before);
    }
}
