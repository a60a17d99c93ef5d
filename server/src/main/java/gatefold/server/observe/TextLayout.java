package gatefold.server.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The readable format Gatefold always had: {@code 2026-12-06T05:45:04.123+0000 [INFO] Gatefold
 * - listening on ...}, the time, the level in brackets, the class's short name and the
 * message, then any stack trace. A line logged during a request ends with its id.
 */
final class TextLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        line.append(TIME.format(event.getInstant())).append(" [").append(event.getLevel()).append("] ")
                .append(shortName(event.getLoggerName())).append(" - ").append(event.getFormattedMessage());
        String requestId = event.getMDCPropertyMap().get(LogSetup.REQUEST_ID);
        if (requestId != null) {
            line.append(" (request ").append(requestId).append(')');
        }
        line.append('\n');
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)).append('\n');
        }
        return line.toString();
    }

    static String shortName(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
