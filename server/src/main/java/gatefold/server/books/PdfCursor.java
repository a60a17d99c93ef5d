package gatefold.server.books;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough PDF syntax to follow a file's own cross-reference chain: a buffered reader
 * over the file with tokens, numbers, names, dictionaries and arrays. Strings are skipped
 * (their contents do not matter here); indirect references come back as {@link Ref}.
 */
final class PdfCursor {

    record Ref(long number, int generation) {
    }

    record Keyword(String word) {
    }

    /** Stands for any string: the chain never needs one's contents. */
    static final Object STRING = new Object();
    private static final int MAX_DEPTH = 32;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private long bufferStart;
    private int bufferLength;
    private long position;

    PdfCursor(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    long position() {
        return position;
    }

    void seek(long to) {
        position = to;
    }

    int peek() throws IOException {
        if (position >= size) {
            return -1;
        }
        if (position < bufferStart || position >= bufferStart + bufferLength) {
            buffer.clear();
            bufferStart = position;
            bufferLength = Math.max(0, channel.read(buffer, position));
        }
        return buffer.get((int) (position - bufferStart)) & 0xff;
    }

    int next() throws IOException {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }

    static boolean isSpace(int c) {
        return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
    }

    static boolean isDelimiter(int c) {
        return c < 0 || isSpace(c) || "()<>[]{}/%".indexOf(c) >= 0;
    }

    void skipSpace() throws IOException {
        while (true) {
            int c = peek();
            if (c == '%') {
                while (c >= 0 && c != 10 && c != 13) {
                    c = next();
                }
            } else if (isSpace(c)) {
                position++;
            } else {
                return;
            }
        }
    }

    /** Consumes {@code word} if it is the next token; otherwise leaves the cursor where it was. */
    boolean keyword(String word) throws IOException {
        long start = position;
        skipSpace();
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                position = start;
                return false;
            }
        }
        if (!isDelimiter(peek())) {
            position = start;
            return false;
        }
        return true;
    }

    /** The next token as a non-negative integer, or -1 if it is something else (the cursor is then left where it was). */
    long integer() throws IOException {
        long start = position;
        skipSpace();
        long value = 0;
        int digits = 0;
        while (peek() >= '0' && peek() <= '9' && digits < 19) {
            value = value * 10 + (next() - '0');
            digits++;
        }
        if (digits == 0 || !isDelimiter(peek())) {
            position = start;
            return -1;
        }
        return value;
    }

    Object value() throws IOException {
        return value(0);
    }

    private Object value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("objects nested too deep");
        }
        skipSpace();
        int c = peek();
        if (c == '/') {
            position++;
            return "/" + word();
        }
        if (c == '<') {
            position++;
            if (peek() == '<') {
                position++;
                return dictionary(depth);
            }
            while (c >= 0 && c != '>') {
                c = next();
            }
            return STRING;
        }
        if (c == '[') {
            position++;
            return array(depth);
        }
        if (c == '(') {
            skipLiteralString();
            return STRING;
        }
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            return numberOrReference();
        }
        if (c < 0) {
            throw new IOException("the file ends inside an object");
        }
        String w = word();
        return switch (w) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> new Keyword(w);
        };
    }

    private Map<String, Object> dictionary(int depth) throws IOException {
        Map<String, Object> dict = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '>') {
                position++;
                if (next() != '>') {
                    throw new IOException("a dictionary ends badly");
                }
                return dict;
            }
            Object key = value(depth + 1);
            if (!(key instanceof String name)) {
                throw new IOException("a dictionary key is not a name");
            }
            dict.put(name.substring(1), value(depth + 1));
        }
    }

    private List<Object> array(int depth) throws IOException {
        List<Object> list = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == ']') {
                position++;
                return list;
            }
            list.add(value(depth + 1));
        }
    }

    private Object numberOrReference() throws IOException {
        String token = word();
        if (!token.matches("\\d+")) {
            try {
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw new IOException("not a number: " + token);
            }
        }
        long number = token.length() > 18 ? Long.MAX_VALUE : Long.parseLong(token);
        long afterNumber = position;
        long generation = integer();
        if (generation >= 0 && keyword("R")) {
            return new Ref(number, (int) Math.min(generation, 65535));
        }
        position = afterNumber;
        return number;
    }

    private String word() throws IOException {
        StringBuilder out = new StringBuilder();
        while (!isDelimiter(peek()) && out.length() < 256) {
            out.append((char) next());
        }
        return out.toString();
    }

    private void skipLiteralString() throws IOException {
        int depth = 0;
        int c;
        while ((c = next()) >= 0) {
            if (c == '\\') {
                next();
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
        throw new IOException("the file ends inside a string");
    }

    /** {@code length} bytes from {@code at}, fewer at the end of the file. */
    byte[] read(long at, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, Math.min(length, size - at)));
        while (bytes.hasRemaining() && channel.read(bytes, at + bytes.position()) > 0) {
            // keep reading until full
        }
        return bytes.array();
    }
}
