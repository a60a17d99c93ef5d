package gatefold.server.media;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns ffmpeg's error output (or an I/O error's message) into one short line an artist can read, without server paths. */
final class FfmpegErrors {

    private static final Pattern CONTEXT = Pattern.compile("^\\[([^\\]@]+?)\\s*@\\s*0x[0-9a-fA-F]+\\]\\s*");
    /** An absolute path left after the known ones are replaced (a temporary file, a cover). */
    private static final Pattern OTHER_PATH = Pattern.compile("(?<=^|[\\s'\"])/[^\\s'\":]+");
    private static final int LONGEST = 160;

    private FfmpegErrors() {
    }

    /**
     * ffmpeg's exit status after SIGTERM or SIGINT (it stops cleanly and exits 255), or the status
     * Java reports for a process killed outright (128 + the signal): the run was stopped, as when the
     * server stops, and says nothing about the file.
     */
    static boolean stoppedBySignal(int exitCode) {
        return exitCode == 255 || exitCode > 128;
    }

    /** The first non-empty error line, cleaned; empty when ffmpeg said nothing. Warnings about a guess ffmpeg made are skipped. */
    static String firstLine(String stderr, Path... files) {
        for (String line : stderr.lines().toList()) {
            if (line.contains("Guessed Channel Layout")) {
                continue;
            }
            String clean = clean(line, files);
            if (!clean.isEmpty()) {
                return clean;
            }
        }
        return "";
    }

    static String clean(String line, Path... files) {
        String text = line.strip();
        Matcher context = CONTEXT.matcher(text);
        String component = "";
        if (context.find()) {
            component = context.group(1).strip();
            text = text.substring(context.end());
        }
        if (text.contains("not on whitelist")) {
            return "it looks like " + component + " data, which is not accepted here";
        }
        for (Path file : files) {
            text = text.replace(file.toAbsolutePath().toString(), "the file").replace(file.toString(), "the file");
        }
        text = OTHER_PATH.matcher(text).replaceAll("a file");
        return text.length() > LONGEST ? text.substring(0, LONGEST) + "…" : text;
    }
}
