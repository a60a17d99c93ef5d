package gatefold.server.cli.push;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** Small wording helpers for what went wrong on the wire. */
final class Network {

    private Network() {
    }

    static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** ETags arrive quoted from S3 and bare from some stores; the catalog compares them bare. */
    static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
