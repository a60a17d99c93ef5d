package gatefold.server.cli;

import gatefold.server.Gatefold;
import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import gatefold.server.config.LogFormat;
import gatefold.server.config.Settings;
import gatefold.server.observe.ConsoleLog;
import gatefold.server.observe.LogSetup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the store. Configuration comes from GATEFOLD_* environment variables"
        + " (see the README) or a properties file with the same keys.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "A properties file with GATEFOLD_* keys; the environment overrides it.")
    Path configFile;

    @Option(names = "--role", description = "web (fans and artists, no background work), worker (background work, health"
            + " and metrics only) or all (both; the default). Overrides GATEFOLD_ROLE.")
    String role;

    @Override
    public Integer call() {
        Gatefold gatefold;
        try {
            Settings settings = Settings.fromEnvironment(configFile);
            Config config = Config.from(role == null ? settings : settings.with("GATEFOLD_ROLE", role));
            LogSetup.use(config.logFormat());
            PrintStream console = config.logFormat() == LogFormat.JSON ? ConsoleLog.printStream() : System.out;
            gatefold = Gatefold.start(config, console);
        } catch (ConfigException e) {
            System.err.println("gatefold: " + e.getMessage());
            return 2;
        }
        StopSignals.runUntilStopped(gatefold::close, "gatefold-shutdown");
        return 0;
    }
}
