package gatefold.web.views.dashboard;

/**
 * The artist's newest export: {@code state} is queued, building, ready or failed; {@code percent}
 * while it is built; size, dates and link once ready; {@code error} when it failed.
 */
public record ExportPanel(String state, int percent, String size, String readyAt, String expiresAt, String downloadUrl,
                          String error) {

    public boolean busy() {
        return state.equals("queued") || state.equals("building");
    }

    public boolean ready() {
        return state.equals("ready");
    }

    public boolean failed() {
        return state.equals("failed");
    }
}
