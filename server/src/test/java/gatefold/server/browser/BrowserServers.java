package gatefold.server.browser;

import gatefold.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * A Gatefold for browser tests: test payments on, and a public URL on 127.0.0.1 (not
 * localhost) so every link the server writes is the address the browser already uses.
 */
public final class BrowserServers {

    private BrowserServers() {
    }

    public static TestServer start(Map<String, String> overrides) {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new HashMap<>();
        values.put("GATEFOLD_PORT", Integer.toString(port));
        values.put("GATEFOLD_BASE_URL", "http://127.0.0.1:" + port);
        values.put("GATEFOLD_PAYMENTS_TEST", "true");
        values.putAll(overrides);
        return TestServer.start(values);
    }

    public static TestServer start() {
        return start(Map.of());
    }
}
