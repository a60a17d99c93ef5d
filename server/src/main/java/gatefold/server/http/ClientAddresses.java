package gatefold.server.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Works out each request's {@link ClientAddress} once, before any fast path or route, so
 * every reader (limits, cookies, the download log) sees the same answer.
 */
final class ClientAddresses extends Handler.Wrapper {

    private final TrustedProxies trusted;

    ClientAddresses(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        request.setAttribute(ClientAddress.ATTRIBUTE, ClientAddress.resolve(request, trusted));
        return super.handle(request, response, callback);
    }
}
