package gatefold.server;

import gatefold.server.cli.GatefoldCommand;
import gatefold.server.cli.ServeCommand;
import picocli.CommandLine;

/** {@code java -jar gatefold.jar <command>}: serve, and the artist's and operator's tools. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // The everyday start skips building the command-line model: a tenth of a second of a cold start.
        int code = args.length == 1 && args[0].equals("serve") ? serve() : GatefoldCommand.commandLine().execute(args);
        // After a stop the server has closed everything; exiting now runs no one's exit hook against it.
        System.exit(code);
    }

    /** As the command line would run it, failures included. */
    private static int serve() {
        try {
            return new ServeCommand().call();
        } catch (RuntimeException e) {
            System.err.println("gatefold: " + e.getMessage());
            return 1;
        }
    }
}
