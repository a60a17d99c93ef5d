package gatefold.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Embeds talk only to the page they belong to: no postMessage is ever addressed to "*". */
class EmbedMessagesTest {

    static final Pattern POST = Pattern.compile("postMessage\\(([^;]*)\\)");

    @Test
    void noScriptPostsAMessageToEveryOrigin() throws IOException {
        for (String script : List.of("embed.js", "frame.js", "upload.js")) {
            String text;
            try (InputStream in = getClass().getResourceAsStream("/gatefold/web/static/" + script)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher call = POST.matcher(text);
            while (call.find()) {
                assertThat(call.group(1)).as(script).doesNotContain("\"*\"").doesNotContain("'*'");
            }
            // Neither is a target that may be "*" chosen in a variable.
            assertThat(text.replaceAll("//[^\\n]*", "")).as(script).doesNotContain(": \"*\"").doesNotContain("? host : \"*\"");
        }
    }
}
