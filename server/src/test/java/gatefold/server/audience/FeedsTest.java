package gatefold.server.audience;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Atom and RSS feeds: well-formed whatever the titles hold, with the elements the specs require. */
class FeedsTest {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    /** U+FFFE is no control character, so the catalog takes it, but XML 1.0 cannot carry it. */
    static final String HOSTILE = "</title><script>alert(1)</script> & \"Q\" ]]> <![CDATA[x]]> \uFFFEend";
    static final String HOSTILE_AS_READ = "</title><script>alert(1)</script> & \"Q\" ]]> <![CDATA[x]]> end";
    static final OsTool PYTHON = new OsTool("python3", "python3");
    @RegisterExtension
    static final TestServer server = TestServer.start();
    static final TestShop shop = new TestShop(server);
    static TestShop.Seller seller;
    static String slug;

    @BeforeAll
    static void start() {
        seller = shop.artist("Feed <Band> & Co");
        slug = shop.api.get("/api/me", seller.token()).text("slug");
        shop.release(seller, HOSTILE, "free");
        String second = shop.release(seller, "Plain Second", "free").id();
        shop.api.patch("/api/releases/" + second, seller.token(), Map.of("releaseDate", "2026-01-15"));
        shop.api.newRelease(seller.token(), Map.of("title", "Secret Draft", "kind", "other", "pricing", "free"));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> children(Element parent, String ns, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getLocalName().equals(name) && (ns == null ? e.getNamespaceURI() == null
                    : ns.equals(e.getNamespaceURI()))) {
                out.add(e);
            }
        }
        return out;
    }

    static String one(Element parent, String ns, String name) {
        List<Element> found = children(parent, ns, name);
        assertThat(found).as(name + " in " + parent.getLocalName()).hasSize(1);
        return found.get(0).getTextContent();
    }

    HttpResponse<String> fetch(String path, String type) {
        HttpResponse<String> res = server.get(path);
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith(type);
        return res;
    }

    @Test
    void theArtistsAtomFeedIsValidAndEscapesHostileTitles() throws Exception {
        String xml = fetch("/a/" + slug + "/feed.atom", "application/atom+xml").body();
        assertThat(xml).doesNotContain("<script>").doesNotContain("\uFFFE");
        Element feed = parse(xml).getDocumentElement();
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(one(feed, ATOM, "id")).isEqualTo(server.gatefold.publicUrl() + "/a/" + slug + "/feed.atom");
        assertThat(one(feed, ATOM, "title")).startsWith("Feed <Band> & Co");
        Instant.parse(one(feed, ATOM, "updated"));
        List<Element> entries = children(feed, ATOM, "entry");
        assertThat(entries).extracting(e -> one(e, ATOM, "title")).containsExactlyInAnyOrder(HOSTILE_AS_READ, "Plain Second");
        for (Element entry : entries) {
            assertThat(one(entry, ATOM, "id")).startsWith("http");
            Instant.parse(one(entry, ATOM, "updated"));
            assertThat(one(children(entry, ATOM, "author").get(0), ATOM, "name")).startsWith("Feed <Band>");
            Element alternate = children(entry, ATOM, "link").stream().filter(l -> l.getAttribute("rel").equals("alternate"))
                    .findFirst().orElseThrow();
            assertThat(server.get(alternate.getAttribute("href").replace(server.gatefold.publicUrl().toString(), ""))
                    .statusCode()).isEqualTo(200);
        }
        // A draft is never in a feed.
        assertThat(xml).doesNotContain("Secret Draft");
    }

    @Test
    void theArtistsRssFeedHasWhatRss2Requires() throws Exception {
        String xml = fetch("/a/" + slug + "/feed.rss", "application/rss+xml").body();
        Element rss = parse(xml).getDocumentElement();
        assertThat(rss.getLocalName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        Element channel = children(rss, null, "channel").get(0);
        assertThat(one(channel, null, "title")).startsWith("Feed <Band> & Co");
        assertThat(one(channel, null, "link")).isEqualTo(server.gatefold.publicUrl() + "/a/" + slug);
        assertThat(one(channel, null, "description")).isNotBlank();
        List<Element> items = children(channel, null, "item");
        assertThat(items).extracting(i -> one(i, null, "title")).containsExactly(HOSTILE_AS_READ, "Plain Second");
        for (Element item : items) {
            ZonedDateTime.parse(one(item, null, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(one(item, null, "link")).startsWith(server.gatefold.publicUrl() + "/r/" + slug + "/");
            assertThat(one(item, null, "guid")).startsWith("http");
        }
    }

    @Test
    void theStoreFeedsListEveryArtistAndAnUnknownArtistIs404() throws Exception {
        TestShop.Seller other = shop.artist("Second Feed Artist");
        shop.release(other, "Other Record", "free");
        Element feed = parse(fetch("/feed.atom", "application/atom+xml").body()).getDocumentElement();
        assertThat(children(feed, ATOM, "entry")).extracting(e -> one(e, ATOM, "title")).contains(HOSTILE_AS_READ, "Other Record");
        Element channel = children(parse(fetch("/feed.rss", "application/rss+xml").body()).getDocumentElement(), null, "channel").get(0);
        assertThat(children(channel, null, "item")).extracting(i -> one(i, null, "title")).contains("Other Record");
        assertThat(ApiClient.JSON.readTree(fetch("/a/" + slug + "/feed.json", "application/feed+json").body())
                .path("items").size()).isEqualTo(2);
        assertThat(server.get("/a/nobody-here/feed.atom").statusCode()).isEqualTo(404);
    }

    @Test
    void theArtistAndReleasePagesNameTheirFeedsForReaders() {
        String artistPage = server.get("/a/" + slug).body();
        assertThat(artistPage).contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
                .contains("href=\"/a/" + slug + "/feed.atom\"").contains("href=\"/a/" + slug + "/feed.rss\"");
        String releaseHref = server.get("/a/" + slug + "/feed.rss").body().replaceAll("(?s).*<link>[^<]*(/r/[^<]+)</link>.*", "$1");
        assertThat(server.get(releaseHref).body()).contains("href=\"/a/" + slug + "/feed.atom\"");
    }

    @Test
    void pythonsXmlParserReadsBothFeeds() throws Exception {
        Path python = PYTHON.require();
        for (String path : List.of("/a/" + slug + "/feed.atom", "/a/" + slug + "/feed.rss")) {
            Path file = Files.createTempFile("feed", ".xml");
            Files.writeString(file, server.get(path).body());
            Process run = new ProcessBuilder(python.toString(), "-c", """
                    import sys, xml.etree.ElementTree as ET
                    root = ET.parse(sys.argv[1]).getroot()
                    titles = [e.text for e in root.iter() if e.tag.endswith('title')]
                    sys.stdout.buffer.write('\\n'.join(titles).encode('utf-8'))
                    """, file.toString()).redirectErrorStream(true).start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(run.waitFor()).as(out).isZero();
            assertThat(out.lines().toList()).contains(HOSTILE_AS_READ, "Plain Second");
            Files.delete(file);
        }
    }
}
