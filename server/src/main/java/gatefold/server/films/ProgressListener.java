package gatefold.server.films;

import java.time.Duration;

/** Hears how far an encode has got; called from ffmpeg's reader thread, so it must be quick. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done  how much of the film has been encoded so far
     * @param total the film's length
     */
    void progress(Duration done, Duration total);

    /** Parses ffmpeg's {@code -progress} lines ({@code out_time_us=...}) and reports each time. */
    static java.util.function.Consumer<String> reader(ProgressListener listener, Duration total) {
        return line -> {
            if (line.startsWith("out_time_us=")) {
                try {
                    long micros = Long.parseLong(line.substring("out_time_us=".length()).strip());
                    if (micros >= 0) {
                        Duration done = Duration.ofNanos(micros * 1000);
                        listener.progress(done.compareTo(total) > 0 ? total : done, total);
                    }
                } catch (NumberFormatException e) {
                    // "N/A" before the first frame is out
                }
            } else if (line.equals("progress=end")) {
                listener.progress(total, total);
            }
        };
    }
}
