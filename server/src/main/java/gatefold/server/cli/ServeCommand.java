package gatefold.server.cli;

import gatefold.server.Gatefold;
import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import gatefold.server.config.Settings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the store. Configuration comes from GATEFOLD_* environment variables"
        + " (see the README) or a properties file with the same keys.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", description = "A properties file with GATEFOLD_* keys; the environment overrides it.")
    Path configFile;

    @Override
    public Integer call() {
        Gatefold gatefold;
        try {
            gatefold = Gatefold.start(Config.from(Settings.fromEnvironment(configFile)), System.out);
        } catch (ConfigException e) {
            System.err.println("gatefold: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gatefold.close();
            stopped.countDown();
        }, "gatefold-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
