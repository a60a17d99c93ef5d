package gatefold.server.cli;

import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import gatefold.server.config.Settings;
import gatefold.server.db.Database;
import gatefold.server.delivery.LinkKeys;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keys", description = "Manage the keys that sign download links.", subcommands = {KeysCommand.Rotate.class})
public final class KeysCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("Use: gatefold keys rotate");
    }

    @Command(name = "rotate", description = "Start signing download links with a new key. Links signed with the old"
            + " key keep working until they expire; running instances sign with the new key within a second."
            + " Works with the server running or stopped.")
    public static final class Rotate implements Callable<Integer> {

        @Option(names = "--config", description = "A properties file with GATEFOLD_* keys; the environment overrides it.")
        Path configFile;

        @Override
        public Integer call() {
            try {
                Config config = Config.from(Settings.fromEnvironment(configFile));
                SecretBox secrets = new SecretBox(MasterKey.load(config.secretKey(), config.dataDir()));
                try (Database database = StoreDatabase.open(config, "keys rotate", StoreDatabase.Beside.JOIN)) {
                    String kid = new LinkKeys(database.jdbi(), secrets).ensure().rotate(config.linkLifetime());
                    System.out.println("Download links are now signed with key " + kid
                            + "; older links stay valid until they expire (" + config.linkLifetime().toHours() + " h at most).");
                }
                return 0;
            } catch (ConfigException e) {
                System.err.println("gatefold: " + e.getMessage());
                return 2;
            }
        }
    }
}
