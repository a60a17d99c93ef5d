package gatefold.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a fan's browser downloads stays small: all of Gatefold's JavaScript together under 30 KB. */
class StaticBudgetTest {

    static long size(String name) throws IOException {
        try (InputStream in = StaticBudgetTest.class.getResourceAsStream("/gatefold/web/static/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes().length;
        }
    }

    @Test
    void allJavaScriptTogetherStaysUnder30Kilobytes() throws IOException {
        long total = 0;
        for (String script : List.of("embed.js", "frame.js", "upload.js", "formats.js", "player.js")) {
            total += size(script);
        }
        assertThat(total).isLessThan(30 * 1024);
    }
}
