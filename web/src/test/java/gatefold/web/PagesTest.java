package gatefold.web;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.web.views.Layout;
import gatefold.web.views.MessagePage;
import org.junit.jupiter.api.Test;

class PagesTest {

    @Test
    void textFromArtistsAndFansIsEscaped() {
        String html = new Pages().render("message.jte", new MessagePage(Layout.of("<script>alert(1)</script>", "Store & Co"),
                "Not found", "<img src=x onerror=alert(1)>", "/", "Go to the store"));
        assertThat(html).doesNotContain("<script>alert(1)</script>").doesNotContain("<img src=x")
                .contains("&lt;script&gt;").contains("Store &amp; Co");
    }
}
