package gatefold.server.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import gatefold.server.config.ConfigException;
import gatefold.server.config.LogFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Logging, set up in code rather than from an XML file (parsing one costs start time): every
 * line to standard output, as text or as one JSON object per line (GATEFOLD_LOG_FORMAT).
 * Logback finds this class through {@code META-INF/services} and reads the variable from the
 * environment at the first log line; {@code serve} applies the configured value again, since
 * a properties file may set it too. The libraries' chatter stays at warnings.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** The MDC key under which a request's id is logged while the request runs. */
    public static final String REQUEST_ID = "requestId";
    private static final Map<String, Level> QUIET = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.javalin", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "software.amazon.awssdk", Level.WARN,
            "org.apache.http", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        apply(context, fromEnvironment());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Switches every logger to the format, replacing what was set up before. */
    public static void use(LogFormat format) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            apply(context, format);
        }
    }

    private static LogFormat fromEnvironment() {
        String raw = System.getenv("GATEFOLD_LOG_FORMAT");
        try {
            return raw == null || raw.isBlank() ? LogFormat.TEXT : LogFormat.parse(raw.strip());
        } catch (ConfigException e) {
            return LogFormat.TEXT; // The start itself reports the bad value, in the usual one line.
        }
    }

    private static synchronized void apply(LoggerContext context, LogFormat format) {
        LayoutBase<ILoggingEvent> layout = format == LogFormat.JSON ? new JsonLayout() : new TextLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(console);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
