package gatefold.server.cli.demo;

import gatefold.server.cli.StopSignals;
import gatefold.server.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = "Start a store with a demo artist, a few releases (music, a book, a film) and"
        + " test payments, to try buying and downloading within a minute. Nothing here is for real sales.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "./gatefold-demo", description = "Where the demo keeps its files (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "7070", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--seeds", description = "The seeds directory with catalog.json (default: ./seeds, or the source tree's).")
    Path seeds;

    @Option(names = "--fresh", description = "Throw away an earlier demo in the data dir and start over.")
    boolean fresh;

    @Override
    public Integer call() {
        Demo demo;
        try {
            demo = Demo.start(new Demo.Options(dataDir, host, port, seeds, fresh), System.out);
        } catch (ConfigException | Demo.DemoException e) {
            System.err.println("gatefold demo: " + e.getMessage());
            return 2;
        }
        demo.banner(dataDir).forEach(System.out::println);
        System.out.flush();
        StopSignals.runUntilStopped(demo::close, "gatefold-demo-shutdown");
        return 0;
    }
}
