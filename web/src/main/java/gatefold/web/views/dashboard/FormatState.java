package gatefold.web.views.dashboard;

/**
 * How far one format has come: {@code state} is ready, building, failed or unavailable;
 * {@code percent} is set while building; {@code detail} is the reason it failed or is not
 * offered; {@code size} is the files' total once all are made.
 */
public record FormatState(String id, String label, String state, Integer percent, String detail, String size) {

    public boolean building() {
        return "building".equals(state);
    }

    public boolean failed() {
        return "failed".equals(state);
    }

    /** The state in the artist's words. */
    public String words() {
        return switch (state) {
            case "ready" -> "Ready";
            case "building" -> percent == null ? "Being made" : "Being made (" + percent + "%)";
            case "failed" -> "Failed";
            default -> "Not offered";
        };
    }
}
