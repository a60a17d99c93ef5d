package gatefold.server.storefront;

import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * An artist's release description, written in Markdown, as HTML safe to put on a page.
 * Raw HTML in the Markdown is shown as text; the rendered HTML then passes an allow-list
 * sanitizer, so only basic formatting and http(s)/mailto links (nofollow, noopener) survive;
 * a link to anything else keeps its text and loses its target.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
                    "h2", "h3", "h4", "a")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
            .allowAttributes("href").matching(Pattern.compile("(?i)\\s*(https?:|mailto:)\\S+")).onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            .requireRelsOnLinks("nofollow", "noopener")
            .toFactory();

    private Markdown() {
    }

    /** Sanitized HTML for {@code markdown}; empty for null or blank text. */
    public static String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        // Headings step down one level: the release title is the page's only h1.
        String html = RENDERER.render(PARSER.parse(markdown))
                .replaceAll("<(/?)h[1]>", "<$1h2>").replaceAll("<(/?)h[56]>", "<$1h4>");
        return POLICY.sanitize(html);
    }
}
