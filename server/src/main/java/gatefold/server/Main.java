package gatefold.server;

import gatefold.server.cli.GatefoldCommand;
import picocli.CommandLine;

/** {@code java -jar gatefold.jar <command>}: serve, and the artist's and operator's tools. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = GatefoldCommand.commandLine().execute(args);
        if (code != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(code);
        }
    }
}
