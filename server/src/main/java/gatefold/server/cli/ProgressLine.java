package gatefold.server.cli;

import gatefold.server.common.ByteSizes;
import java.io.PrintStream;

/** Prints how far a long copy has come, a line each tenth, on the error stream so the output stays clean. */
final class ProgressLine {

    private final PrintStream out;
    private final String verb;
    private int shownTenths = -1;

    ProgressLine(PrintStream out, String verb) {
        this.out = out;
        this.verb = verb;
    }

    void advanced(long done, long total) {
        int tenths = total == 0 ? 10 : (int) (done * 10 / total);
        if (tenths > shownTenths) {
            shownTenths = tenths;
            out.printf("%s %d%% of the files (%s of %s)%n", verb, tenths * 10, ByteSizes.readable(done), ByteSizes.readable(total));
        }
    }
}
