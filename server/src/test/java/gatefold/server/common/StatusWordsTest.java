package gatefold.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * States are enums ({@link Named}); comparing one with a word compiles (it is {@code equals(Object)})
 * and is always false, which is how two audience paths once silently stopped working. This reads
 * the production sources and refuses any {@code status()} or {@code state()} compared with a string.
 */
class StatusWordsTest {

    private static final Pattern WORD_COMPARE = Pattern.compile(
            "(status|state)\\(\\)\\s*\\.equals\\(\\s*\"|\"\\w+\"\\s*\\.equals\\([\\w.]*(status|state)\\(\\)\\)");

    @Test
    void noStateIsComparedWithAWord() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    if (WORD_COMPARE.matcher(lines.get(i)).find()) {
                        found.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(found).as("compare the enum constant instead").isEmpty();
    }
}
