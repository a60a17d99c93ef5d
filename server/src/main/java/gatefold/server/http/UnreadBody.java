package gatefold.server.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * Reads and discards what is left of a refused request's body, up to a few MiB, before
 * the error goes out. Closing a connection with unread bytes makes the kernel reset it,
 * and the client then loses the answer that said what was wrong. A client that asked
 * with {@code Expect: 100-continue} has sent nothing yet and is left alone; a body larger
 * than the limit is not read, and that connection is simply closed.
 */
final class UnreadBody {

    static final long LIMIT = 4L * 1024 * 1024;

    private UnreadBody() {
    }

    static void drain(Context ctx) {
        String expect = ctx.header("Expect");
        if (expect != null && expect.toLowerCase(java.util.Locale.ROOT).contains("100-continue")) {
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(ctx.header("Transfer-Encoding"));
        if (declared > LIMIT || declared <= 0 && !chunked) {
            return;
        }
        try {
            ServletInputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            int n;
            while (read < LIMIT && (n = in.read(buffer)) >= 0) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // The body is gone or was already taken as a reader; nothing more to save.
        }
    }
}
