package gatefold.server.accounts;

import java.io.PrintStream;
import java.nio.file.Path;

/** Lets tests show a notice as on a terminal, which a test run never is. */
public final class AdminTokenNoticeAccess {

    private AdminTokenNoticeAccess() {
    }

    public static void show(String token, PrintStream console, Path dataDir, boolean terminal) {
        AdminTokenNotice.show(token, console, dataDir, terminal);
    }
}
