package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Where a table's writes live (the rule in {@code db/package-info.java}): a table one class keeps
 * to itself is written by that class; a table several classes write is written through one
 * SqlObject DAO, which is then its only writer. This reads the production sources for
 * {@code INSERT INTO}, {@code UPDATE}, {@code DELETE FROM} and {@code MERGE INTO} and fails on a
 * table with writers in more than one class, unless they are that table's DAO and the named
 * exceptions below.
 */
class TableHomesTest {

    private static final Pattern CREATE = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern WRITE = Pattern.compile("\\b(?:INSERT INTO|UPDATE|DELETE FROM|MERGE INTO)\\s+(\\w+)\\b");

    /**
     * Classes that may write beside a table's home, and why: a figure or a whole-store walk, never a
     * convenience. (An import's inserts name their table at run time, so the scan does not see them.)
     */
    private static final Map<String, String> ALSO_WRITE = Map.of(
            "delivery/DownloadLog.java", "plain JDBC batches for the download counts, measured by the link figure of bench/run",
            "privacy/FanErasure.java", "erasing a fan walks every table that holds their address");

    @Test
    void everyTableIsWrittenFromOneHome() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path script : scripts.toList()) {
                Matcher m = CREATE.matcher(Files.readString(script));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        Path root = Path.of("src/main/java/gatefold/server");
        Map<String, Set<String>> writers = new TreeMap<>();
        try (Stream<Path> sources = Files.walk(root)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = root.relativize(source).toString();
                for (String line : Files.readAllLines(source)) {
                    String code = line.strip();
                    if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                        continue;
                    }
                    Matcher m = WRITE.matcher(code);
                    while (m.find()) {
                        String table = m.group(1).toLowerCase(Locale.ROOT);
                        if (tables.contains(table) && !ALSO_WRITE.containsKey(name)) {
                            writers.computeIfAbsent(table, t -> new TreeSet<>()).add(name);
                        }
                    }
                }
            }
        }
        List<String> shared = new ArrayList<>();
        writers.forEach((table, classes) -> {
            if (classes.size() > 1) {
                shared.add(table + " is written by " + classes);
            }
        });
        assertThat(shared).as("give each table one home: the class that keeps it, or one DAO").isEmpty();
        assertThat(writers).as("the scan finds the tables' writers").containsKeys("releases", "purchases", "jobs");
    }
}
