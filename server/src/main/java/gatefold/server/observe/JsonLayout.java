package gatefold.server.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line for log collectors: {@code time} (ISO-8601, UTC), {@code level},
 * {@code logger}, {@code message}, {@code thread}, {@code requestId} while a request runs,
 * {@code exception} (the whole stack trace as one string) when there is one, and any
 * key-value pairs the line was logged with. A dozen lines of escaping instead of a JSON
 * library keep logging free of anything that might itself log.
 */
final class JsonLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "time", event.getInstant().toString());
        field(json.append(','), "level", event.getLevel().toString());
        field(json.append(','), "logger", event.getLoggerName());
        field(json.append(','), "message", event.getFormattedMessage());
        field(json.append(','), "thread", event.getThreadName());
        String requestId = event.getMDCPropertyMap().get(LogSetup.REQUEST_ID);
        if (requestId != null) {
            field(json.append(','), "requestId", requestId);
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                json.append(',');
                string(json, pair.key).append(':');
                if (pair.value instanceof Number || pair.value instanceof Boolean) {
                    json.append(pair.value);
                } else {
                    string(json, String.valueOf(pair.value));
                }
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(json.append(','), "exception", ThrowableProxyUtil.asString(thrown));
        }
        return json.append("}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        string(json, name).append(':');
        string(json, value);
    }

    /** A JSON string: quotes, backslashes and every control character escaped, so a value never breaks the line. */
    static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        if (value == null) {
            return json.append('"');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
