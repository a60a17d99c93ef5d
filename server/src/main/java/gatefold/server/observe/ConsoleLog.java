package gatefold.server.observe;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console whose every line becomes a log line, for messages printed straight to the
 * operator (where the first admin token went): with JSON logs, standard output then holds
 * nothing but JSON objects.
 */
public final class ConsoleLog extends OutputStream {

    private static final Logger LOG = LoggerFactory.getLogger("gatefold.console");
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private ConsoleLog() {
    }

    public static PrintStream printStream() {
        return new PrintStream(new ConsoleLog(), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() > 0) {
            LOG.info(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
