package gatefold.server.config;

/** How log lines look (GATEFOLD_LOG_FORMAT): readable text, or one JSON object per line for log collectors. */
public enum LogFormat {
    TEXT, JSON;

    public static LogFormat parse(String raw) {
        return switch (raw.toLowerCase()) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new ConfigException("GATEFOLD_LOG_FORMAT=" + raw + " is not a log format; use text or json");
        };
    }
}
