package gatefold.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A program the tests need from the operating system (ffmpeg, qpdf, pdftotext, nginx,
 * chromium). {@code .ci/run} installs them; anywhere else a test that needs a missing one
 * fails with the line that installs it, so no test passes by not running.
 */
public record OsTool(String command, String debianPackage) {

    public static final OsTool FFMPEG = new OsTool("ffmpeg", "ffmpeg");
    public static final OsTool FFPROBE = new OsTool("ffprobe", "ffmpeg");
    public static final OsTool QPDF = new OsTool("qpdf", "qpdf");
    public static final OsTool PDFTOTEXT = new OsTool("pdftotext", "poppler-utils");
    public static final OsTool NGINX = new OsTool("nginx", "nginx");
    public static final OsTool CHROMIUM = new OsTool("chromium", "chromium");
    public static final OsTool CHROMEDRIVER = new OsTool("chromedriver", "chromium-driver");
    public static final OsTool UNZIP = new OsTool("unzip", "unzip");
    public static final OsTool ARIA2C = new OsTool("aria2c", "aria2");

    /** Where the program is, searching PATH, /usr/bin and /usr/sbin. */
    public Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public boolean present() {
        return find().isPresent();
    }

    /** The program's path; fails the calling test with how to install it when it is missing. */
    public Path require() {
        return find().orElseThrow(() -> new AssertionError(command + " is not installed; this test needs it: "
                + "apt-get install -y " + debianPackage + " (bash .ci/run installs every tool the tests use)"));
    }

    /** Fails the calling test unless every tool is present. */
    public static void requireAll(OsTool... tools) {
        for (OsTool tool : tools) {
            tool.require();
        }
    }
}
