package gatefold.server.cli;

import gatefold.server.cli.push.PushCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "gatefold", mixinStandardHelpOptions = true, version = "Gatefold 0.1.0",
        description = "Self-hosted direct-to-fan store: sell and deliver music, books and films.",
        subcommands = {ServeCommand.class, PushCommand.class, KeysCommand.class, ExportCommand.class, ImportCommand.class, ImportBuyersCommand.class,
                gatefold.server.cli.demo.DemoCommand.class})
public final class GatefoldCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GatefoldCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            System.err.println("gatefold: " + e.getMessage());
            return 1;
        });
        return cli;
    }
}
