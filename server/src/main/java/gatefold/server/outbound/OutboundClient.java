package gatefold.server.outbound;

import gatefold.server.outbound.OutboundFailure.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP call Gatefold makes on an artist's behalf (their BTCPay Server, their webhooks)
 * goes through here: the host is resolved once and every address checked against
 * {@link AddressRules}, the connection goes to exactly those addresses, redirects are not
 * followed, the whole exchange is bounded in time and the answer in size, and a failure is
 * one of a few plain reasons ({@link OutboundFailure}). No cookies are kept between calls.
 */
public final class OutboundClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundClient.class);

    /** How calls are made; {@code tls} null means the JDK's trusted certificates. */
    public record Options(AddressRules rules, HostResolver resolver, Duration connectTimeout, SSLContext tls) {
        public static Options defaults(boolean allowPrivate) {
            return new Options(AddressRules.of(allowPrivate), HostResolver.system(), Duration.ofSeconds(5), null);
        }

        public Options withRules(AddressRules other) {
            return new Options(other, resolver, connectTimeout, tls);
        }

        public Options withResolver(HostResolver other) {
            return new Options(rules, other, connectTimeout, tls);
        }

        public Options withConnectTimeout(Duration other) {
            return new Options(rules, resolver, other, tls);
        }

        public Options withTls(SSLContext other) {
            return new Options(rules, resolver, connectTimeout, other);
        }
    }

    private final Options options;
    private final CheckedResolver checks;
    private HttpClient http;
    private boolean closed;

    public OutboundClient(Options options) {
        this.options = options;
        this.checks = new CheckedResolver(options.resolver(), options.rules(), Runnable::run);
    }

    /** The client for this server: public addresses only unless {@code allowPrivate}. */
    public static OutboundClient create(boolean allowPrivate) {
        return new OutboundClient(Options.defaults(allowPrivate));
    }

    public AddressRules rules() {
        return options.rules();
    }

    /**
     * Resolves the URL's host now and checks its addresses, to tell an artist at once that a URL
     * will not do; every call checks again. Nothing is looked up when private addresses are allowed.
     * Fails with NOT_ALLOWED, or NO_CONNECTION when the host does not resolve.
     */
    public void checkAddress(OutboundUrl url) throws OutboundFailure {
        if (options.rules().allowsPrivate()) {
            return;
        }
        try {
            checks.addresses(url.host());
        } catch (CheckedResolver.AddressRefused e) {
            throw failed(Kind.NOT_ALLOWED, "check", url, e);
        } catch (UnknownHostException e) {
            throw failed(Kind.NO_CONNECTION, "check", url, e);
        }
    }

    /** Makes the call; anything but a 2xx answer is an {@link OutboundFailure}. */
    public OutboundAnswer send(OutboundCall call) throws OutboundFailure {
        long timeoutMillis = call.timeout().toMillis();
        Request request = started().newRequest(call.url().uri()).method(call.method())
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .headers(h -> call.headers().forEach(h::put));
        if (call.body() != null) {
            request.body(new BytesRequestContent(call.contentType(), call.body()));
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            // Jetty's own total timeout fires first; this wait only guards against it never firing.
            Response response = listener.get(timeoutMillis + 1000, TimeUnit.MILLISECONDS);
            int status = response.getStatus();
            if (status < 200 || status > 299) {
                request.abort(new IOException("answered " + status));
                throw failed(OutboundFailure.answered(status), call.method(), call.url(), null);
            }
            try (InputStream in = listener.getInputStream()) {
                byte[] body = in.readNBytes(call.maxAnswerBytes() + 1);
                if (body.length <= call.maxAnswerBytes()) {
                    return new OutboundAnswer(status, body, false);
                }
                request.abort(new IOException("answer longer than " + call.maxAnswerBytes() + " bytes"));
                return new OutboundAnswer(status, Arrays.copyOf(body, call.maxAnswerBytes()), true);
            }
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw failed(Kind.STOPPED, call.method(), call.url(), e);
        } catch (TimeoutException e) {
            request.abort(e);
            throw failed(Kind.TIMED_OUT, call.method(), call.url(), e);
        } catch (ExecutionException | IOException e) {
            request.abort(e);
            throw failed(kindOf(e), call.method(), call.url(), e);
        }
    }

    /** What a Jetty failure means, told by the causes it wraps. */
    private static Kind kindOf(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof CheckedResolver.AddressRefused) {
                return Kind.NOT_ALLOWED;
            }
            if (t instanceof TimeoutException) {
                return Kind.TIMED_OUT;
            }
        }
        return Kind.NO_CONNECTION;
    }

    private static OutboundFailure failed(Kind kind, String what, OutboundUrl url, Throwable detail) {
        return failed(OutboundFailure.of(kind), what, url, detail);
    }

    /** The detail goes to the debug log only, with the URL's path and query (which may hold tokens) masked. */
    private static OutboundFailure failed(OutboundFailure failure, String what, OutboundUrl url, Throwable detail) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("outbound {} {}: {}{}", what, url, failure.reason(), detail == null ? "" : " (" + url.mask(causes(detail)) + ")");
        }
        return failure;
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause(), depth++) {
            text.append(depth == 0 ? "" : " <- ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    /** Started at the first call, not at server start: a client's TLS setup is a noticeable part of a cold start. */
    private synchronized HttpClient started() throws OutboundFailure {
        if (closed) {
            throw OutboundFailure.of(Kind.STOPPED);
        }
        if (http == null) {
            HttpClient client = build();
            try {
                client.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the outbound HTTP client", e);
            }
            http = client;
        }
        return http;
    }

    private HttpClient build() {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("gatefold-outbound");
        threads.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(threads);
        connector.setScheduler(new ScheduledExecutorScheduler("gatefold-outbound-timer", true));
        connector.setConnectTimeout(options.connectTimeout());
        SslContextFactory.Client tls = new SslContextFactory.Client();
        if (options.tls() != null) {
            tls.setSslContext(options.tls());
        }
        // The default already, said out loud: the certificate must name the URL's host.
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        connector.setSslContextFactory(tls);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setScheduler(connector.getScheduler());
        client.setSocketAddressResolver(new CheckedResolver(options.resolver(), options.rules(), threads));
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Gatefold"));
        client.setMaxResponseHeadersSize(16 * 1024);
        client.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        // No automatic answers to 401, 407 or 100 Continue: a call is one request, nothing more.
        client.getProtocolHandlers().clear();
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) {
            try {
                http.stop();
            } catch (Exception e) {
                LOG.debug("outbound client did not stop cleanly: {}", e.toString());
            }
            http = null;
        }
    }
}
