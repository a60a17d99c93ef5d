package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.storage.ContentDisposition;
import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void asciiNamesPassThroughAndNonAsciiNamesGetAnRfc5987Twin() {
        assertThat(ContentDisposition.attachment("Album.zip")).startsWith("attachment; filename=\"Album.zip\"");
        assertThat(ContentDisposition.attachment("Björk – Vespertine.flac"))
                .startsWith("attachment; filename=\"Bjork _ Vespertine.flac\"")
                .endsWith("filename*=UTF-8''Bj%C3%B6rk%20%E2%80%93%20Vespertine.flac");
    }

    @Test
    void quotesAndControlCharactersCannotBreakTheHeader() {
        String header = ContentDisposition.attachment("a\"b\r\nSet-Cookie: x.txt");
        assertThat(header).doesNotContain("\r").doesNotContain("\n");
        assertThat(header.substring(0, header.indexOf("; filename*"))).isEqualTo("attachment; filename=\"a_b__Set-Cookie: x.txt\"");
    }
}
