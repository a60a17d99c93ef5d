package gatefold.server.cli.demo;

import gatefold.server.Gatefold;
import gatefold.server.config.Config;
import gatefold.server.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A running demo store: a data dir of its own, test payments on, and (on first start) the seed
 * catalog loaded. What a newcomer needs to sign in is kept in the data dir's demo.properties so
 * a second start reuses the store and prints the same sign-in.
 */
public final class Demo implements AutoCloseable {

    static final String MARKER = "demo.properties";

    public record Options(Path dataDir, String host, int port, Path seeds, boolean fresh) {
    }

    /** How to sign in to the demo store. */
    public record SignIn(String email, String password, String apiToken, String artistSlug) {
    }

    /** What the banner points to beyond the sign-in: the discography bundle (or null), and the admin token for the outbox. */
    record Extras(String discographyPath, String adminToken) {
    }

    private final Gatefold gatefold;
    private final SignIn signIn;
    private final Extras extras;

    private Demo(Gatefold gatefold, SignIn signIn, Extras extras) {
        this.gatefold = gatefold;
        this.signIn = signIn;
        this.extras = extras;
    }

    public static Demo start(Options options, PrintStream console) {
        Path dir = options.dataDir().toAbsolutePath().normalize();
        Path marker = dir.resolve(MARKER);
        if (options.fresh() && Files.exists(marker)) {
            deleteTree(dir);
        }
        boolean existing = Files.exists(marker);
        if (!existing && Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new DemoException(dir + " already holds files that are not a Gatefold demo; choose another --data-dir.");
        }
        SeedCatalog catalog = existing ? null : SeedCatalog.read(seedsDir(options.seeds()));
        Gatefold gatefold = Gatefold.start(Config.from(Settings.of(Map.of(
                "GATEFOLD_DATA_DIR", dir.toString(),
                "GATEFOLD_HOST", options.host(),
                "GATEFOLD_PORT", Integer.toString(options.port()),
                "GATEFOLD_PAYMENTS_TEST", "true"))), console);
        try {
            Properties saved = existing ? readMarker(marker) : seed(gatefold, catalog, options.host(), marker);
            return new Demo(gatefold, new SignIn(saved.getProperty("email"), saved.getProperty("password"),
                    saved.getProperty("apiToken"), saved.getProperty("artistSlug")),
                    new Extras(saved.getProperty("discography"), saved.getProperty("adminToken")));
        } catch (RuntimeException e) {
            gatefold.close();
            throw e;
        }
    }

    private static Properties seed(Gatefold gatefold, SeedCatalog catalog, String host, Path marker) {
        String loopback = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        String base = "http://" + (loopback.contains(":") ? "[" + loopback + "]" : loopback) + ":" + gatefold.port();
        String adminToken = gatefold.adminTokenShownOnce()
                .orElseThrow(() -> new DemoException("this data dir already has an admin; start over with --fresh"));
        DemoSeeder.Seeded seeded = new DemoSeeder(base).seed(catalog, adminToken);
        Properties p = new Properties();
        p.setProperty("email", catalog.artist.email());
        p.setProperty("password", catalog.artist.password());
        p.setProperty("apiToken", seeded.apiToken());
        p.setProperty("artistSlug", seeded.artistSlug());
        // A demo has no mail server: the admin token is kept so the banner can show where mail waits (the outbox).
        p.setProperty("adminToken", adminToken);
        seeded.bundlePaths().stream().findFirst().ifPresent(path -> p.setProperty("discography", path));
        try (OutputStream out = Files.newOutputStream(marker)) {
            p.store(out, "Gatefold demo store: the demo artist's sign-in");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static Properties readMarker(Path marker) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(marker)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The seeds/ directory: as given, else ./seeds, else the one in the source tree the jar was built in. */
    static Path seedsDir(Path given) {
        if (given != null) {
            if (!Files.isRegularFile(given.resolve("catalog.json"))) {
                throw new DemoException(given + " has no catalog.json.");
            }
            return given;
        }
        Path here = Path.of("seeds");
        if (Files.isRegularFile(here.resolve("catalog.json"))) {
            return here;
        }
        try {
            Path location = Path.of(Demo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = location.getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("seeds").resolve("catalog.json"))) {
                    return p.resolve("seeds");
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the message below
        }
        throw new DemoException("cannot find seeds/catalog.json; run from the Gatefold source tree or pass --seeds DIR.");
    }

    public Gatefold gatefold() {
        return gatefold;
    }

    public SignIn signIn() {
        return signIn;
    }

    Extras extras() {
        return extras;
    }

    /** What a newcomer reads after starting the demo. */
    public List<String> banner(Path dataDir) {
        String url = gatefold.publicUrl().toString();
        List<String> lines = new java.util.ArrayList<>(List.of(
                "",
                "Gatefold demo store is running, with TEST payments (no money moves).",
                "  Store:      " + url + "/",
                "  Artist:     " + url + "/a/" + signIn.artistSlug(),
                "  Dashboard:  " + url + "/dashboard  (sign in as " + signIn.email() + " / " + signIn.password() + ")",
                "  API token:  " + signIn.apiToken(),
                "  Try it:     open a release, press Buy, then \"Pay (test mode)\", and download from the receipt.",
                "  Embed:      <script src=\"" + url + "/embed.js\" async></script> plus <a data-gatefold href=\"RELEASE URL\">Buy</a>",
                "  Data:       " + dataDir.toAbsolutePath().normalize() + " (run again to reuse it; --fresh starts over)"));
        if (extras.discographyPath() != null) {
            lines.add("  Everything: " + url + extras.discographyPath() + "  (the discography bundle: releases to come are added to buyers' libraries)");
        }
        lines.add("  Audience:   follow the band on its artist page, pre-order \"Coming Soon\", publish the draft \"Encore\" from the dashboard");
        if (extras.adminToken() != null) {
            lines.add("  Mail:       no mail server in the demo; every mail waits in " + url + "/api/admin/outbox"
                    + " (Authorization: Bearer " + extras.adminToken() + ")");
        }
        lines.addAll(List.of("Stop with Ctrl+C.", ""));
        return lines;
    }

    @Override
    public void close() {
        gatefold.close();
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old demo in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A problem the person starting the demo can fix; printed as one line. */
    public static final class DemoException extends RuntimeException {
        public DemoException(String message) {
            super(message);
        }
    }
}
