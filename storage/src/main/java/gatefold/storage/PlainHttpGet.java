package gatefold.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An object's bytes from a plain-http S3 endpoint (a MinIO, Garage or S3Proxy beside the
 * server), fetched through a presigned URL over a bare socket. Read into a buffer outside
 * the heap, a download streamed through Gatefold passes from the store's socket to the
 * fan's without being copied through Java arrays on the way, as the SDK's streams require.
 * Over https the SDK keeps the job: decryption copies the bytes anyway.
 *
 * <p>Only answers with a Content-Length are read this way; {@link #open} returns null for
 * anything else so the caller asks the SDK. A store that stops sending for the read timeout
 * fails the read; closing early just closes the connection, so nothing is drained.
 */
final class PlainHttpGet extends InputStream implements BufferReadable {

    private static final int HEADER_LIMIT = 16 * 1024;
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final long readTimeoutMillis;
    private final ByteBuffer early;
    private long remaining;

    private PlainHttpGet(SocketChannel channel, Selector selector, long readTimeoutMillis, ByteBuffer early, long length) {
        this.channel = channel;
        this.selector = selector;
        this.readTimeoutMillis = readTimeoutMillis;
        this.early = early;
        this.remaining = length;
    }

    /** What the store answered instead of the bytes: its status and (XML) error text. */
    static final class Refused extends IOException {
        final int status;
        final String body;

        Refused(int status, String body) {
            super("HTTP " + status);
            this.status = status;
            this.body = body;
        }
    }

    /**
     * Sends the GET and reads the answer's head. Throws {@link Refused} for a non-2xx
     * answer; returns null when the body is not framed by a Content-Length.
     */
    static PlainHttpGet open(URL url, Map<String, List<String>> signedHeaders, ByteRange range,
                             int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open();
        Selector selector = null;
        boolean handedOver = false;
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(new InetSocketAddress(url.getHost(), url.getPort() < 0 ? url.getDefaultPort() : url.getPort()),
                    connectTimeoutMillis);
            ByteBuffer request = StandardCharsets.ISO_8859_1.encode(request(url, signedHeaders, range));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer head = ByteBuffer.allocate(HEADER_LIMIT);
            int end;
            while ((end = headEnd(head)) < 0) {
                if (!head.hasRemaining()) {
                    throw new IOException("the store's answer has over " + HEADER_LIMIT + " bytes of headers");
                }
                if (read(channel, selector, head, readTimeoutMillis) < 0) {
                    throw new EOFException("the store closed the connection before answering");
                }
            }
            Head parsed = Head.parse(new String(head.array(), 0, end, StandardCharsets.ISO_8859_1));
            ByteBuffer early = head.flip().position(end + 4).slice();
            if (parsed.status / 100 != 2) {
                throw new Refused(parsed.status, errorBody(channel, selector, early, parsed.length, readTimeoutMillis));
            }
            if (parsed.length < 0 || parsed.chunked) {
                return null;
            }
            PlainHttpGet get = new PlainHttpGet(channel, selector, readTimeoutMillis, early, parsed.length);
            handedOver = true;
            return get;
        } finally {
            if (!handedOver) {
                if (selector != null) {
                    selector.close();
                }
                channel.close();
            }
        }
    }

    private static String request(URL url, Map<String, List<String>> signedHeaders, ByteRange range) {
        StringBuilder request = new StringBuilder(512).append("GET ").append(url.getFile()).append(" HTTP/1.1\r\n");
        boolean host = false;
        for (Map.Entry<String, List<String>> header : signedHeaders.entrySet()) {
            host |= header.getKey().equalsIgnoreCase("host");
            request.append(header.getKey()).append(": ").append(String.join(",", header.getValue())).append("\r\n");
        }
        if (!host) {
            request.append("Host: ").append(url.getAuthority()).append("\r\n");
        }
        if (!range.isAll()) {
            request.append("Range: bytes=").append(range.first()).append('-')
                    .append(range.isOpenEnded() ? "" : Long.toString(range.last())).append("\r\n");
        }
        return request.append("User-Agent: gatefold\r\nConnection: close\r\n\r\n").toString();
    }

    /** Where the blank line after the headers starts, or -1 while it has not arrived. */
    private static int headEnd(ByteBuffer head) {
        byte[] bytes = head.array();
        for (int i = 3; i < head.position(); i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i - 3;
            }
        }
        return -1;
    }

    private record Head(int status, long length, boolean chunked) {
        static Head parse(String text) throws IOException {
            String[] lines = text.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("the store did not answer in HTTP/1.1");
            }
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (NumberFormatException e) {
                throw new IOException("the store answered an unreadable status " + statusLine[1], e);
            }
            long length = -1;
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("the store answered an unreadable Content-Length " + value, e);
                    }
                } else if (name.equals("transfer-encoding")) {
                    chunked = !value.equalsIgnoreCase("identity");
                }
            }
            return new Head(status, length, chunked);
        }
    }

    private static String errorBody(SocketChannel channel, Selector selector, ByteBuffer early, long length,
                                    long timeoutMillis) throws IOException {
        int wanted = (int) Math.min(ERROR_BODY_LIMIT, length < 0 ? ERROR_BODY_LIMIT : length);
        ByteBuffer body = ByteBuffer.allocate(Math.max(wanted, early.remaining()));
        body.put(early);
        while (body.position() < wanted && read(channel, selector, body, timeoutMillis) >= 0) {
            // Reads until the error text is complete or the store closes.
        }
        return new String(body.array(), 0, body.position(), StandardCharsets.UTF_8);
    }

    /** One read that waits at most {@code timeoutMillis} for bytes; -1 when the store closed. */
    private static int read(SocketChannel channel, Selector selector, ByteBuffer target, long timeoutMillis) throws IOException {
        while (true) {
            int n = channel.read(target);
            if (n != 0 || !target.hasRemaining()) {
                return n;
            }
            if (selector.select(timeoutMillis) == 0) {
                throw new SocketTimeoutException("the store sent nothing for " + timeoutMillis + " ms");
            }
            selector.selectedKeys().clear();
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        int n;
        if (early.hasRemaining()) {
            n = (int) Math.min(Math.min(early.remaining(), target.remaining()), remaining);
            ByteBuffer part = early.slice().limit(n);
            target.put(part);
            early.position(early.position() + n);
        } else {
            int limit = target.limit();
            if (target.remaining() > remaining) {
                target.limit(target.position() + (int) remaining);
            }
            try {
                n = read(channel, selector, target, readTimeoutMillis);
                // Whatever else already arrived goes along, so the fan's socket gets fewer, fuller writes.
                int more;
                while (n > 0 && target.hasRemaining() && (more = channel.read(target)) > 0) {
                    n += more;
                }
            } finally {
                target.limit(limit);
            }
            if (n < 0) {
                throw new EOFException("the store closed the connection with " + remaining + " bytes still to send");
            }
        }
        remaining -= n;
        return n;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return read(ByteBuffer.wrap(buffer, offset, length));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // A one-byte buffer always has room; zero only while nothing arrived yet.
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int available() {
        return (int) Math.min(early.remaining(), remaining);
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
