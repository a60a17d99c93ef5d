package gatefold.web.views.dashboard;

import java.util.List;

/**
 * A book release's stamping: the wording every buyer's copy carries, and each PDF and EPUB
 * with whether it is stamped and how preparing it went.
 */
public record StampPanel(String wording, String defaultWording, List<StampRow> files) {

    /**
     * One book file: {@code status} is ready, preparing, failed (with {@code reason}, which
     * keeps the release from being published until the file is replaced or stamping is off) or off.
     */
    public record StampRow(String fileId, String name, boolean stamped, String status, String reason, List<String> notes) {

        public boolean failed() {
            return "failed".equals(status);
        }

        public boolean preparing() {
            return "preparing".equals(status);
        }
    }
}
