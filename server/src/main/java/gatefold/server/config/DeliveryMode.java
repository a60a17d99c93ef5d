package gatefold.server.config;

/** How /d/ hands over bytes: a redirect to a presigned store URL, or streamed by this server. */
public enum DeliveryMode {
    REDIRECT, STREAM;

    static DeliveryMode parse(String raw) {
        return switch (raw.toLowerCase()) {
            case "redirect" -> REDIRECT;
            case "stream" -> STREAM;
            default -> throw new ConfigException("GATEFOLD_DELIVERY=" + raw + " is not a delivery mode; use redirect or stream");
        };
    }
}
