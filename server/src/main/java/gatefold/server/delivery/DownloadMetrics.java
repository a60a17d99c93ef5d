package gatefold.server.delivery;

/**
 * What clicks tell the operator's metrics ({@code observe.DownloadCounters} keeps them): how
 * each click was answered, and when a new download started. Bytes sent are counted where
 * they leave, once per response.
 */
public interface DownloadMetrics {

    /** How a click that was not refused was answered. */
    enum Answer { REDIRECT, STREAM, HEADERS }

    void answered(Answer answer);

    /** A click was refused, with the refusal's stable code ({@code invalid_link}, {@code download_limit}...). */
    void refused(String code);

    /** A download was counted: a request from byte 0, or, for a release with a limit, a new resume window. */
    void started();

    DownloadMetrics NONE = new DownloadMetrics() {
        @Override
        public void answered(Answer answer) {
        }

        @Override
        public void refused(String code) {
        }

        @Override
        public void started() {
        }
    };
}
