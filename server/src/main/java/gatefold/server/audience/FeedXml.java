package gatefold.server.audience;

import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Atom (RFC 4287) and RSS 2.0 from a {@link Feed}. An XML writer escapes every text and
 * attribute, and characters XML 1.0 cannot carry at all (control characters an artist pasted
 * into a title) are dropped first, so no title can break the document.
 */
final class FeedXml {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String MEDIA = "http://search.yahoo.com/mrss/";
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private FeedXml() {
    }

    static String atom(Feed feed) {
        return write(xml -> {
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            text(xml, "id", feed.self());
            text(xml, "title", feed.title());
            text(xml, "subtitle", feed.subtitle());
            text(xml, "updated", feed.updated().toString());
            link(xml, "alternate", "text/html", feed.page());
            link(xml, "self", "application/atom+xml", feed.self());
            text(xml, "generator", "Gatefold");
            for (Feed.Entry e : feed.entries()) {
                xml.writeStartElement("entry");
                text(xml, "id", e.id());
                text(xml, "title", e.title());
                link(xml, "alternate", "text/html", e.link());
                if (e.cover() != null) {
                    link(xml, "enclosure", "image/jpeg", e.cover());
                }
                xml.writeStartElement("author");
                text(xml, "name", e.author());
                xml.writeEndElement();
                text(xml, "published", e.published().toString());
                text(xml, "updated", e.updated().toString());
                xml.writeStartElement("summary");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(clean(e.summary()));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    static String rss(Feed feed) {
        return write(xml -> {
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("atom", ATOM);
            xml.writeNamespace("media", MEDIA);
            xml.writeStartElement("channel");
            text(xml, "title", feed.title());
            text(xml, "link", feed.page());
            text(xml, "description", feed.subtitle());
            xml.writeEmptyElement("atom", "link", ATOM);
            xml.writeAttribute("href", clean(feed.self()));
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("type", "application/rss+xml");
            text(xml, "lastBuildDate", RFC_822.format(feed.updated()));
            text(xml, "generator", "Gatefold");
            for (Feed.Entry e : feed.entries()) {
                xml.writeStartElement("item");
                text(xml, "title", e.title());
                text(xml, "link", e.link());
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "true");
                xml.writeCharacters(clean(e.id()));
                xml.writeEndElement();
                text(xml, "pubDate", RFC_822.format(e.published()));
                text(xml, "description", e.summary());
                if (e.cover() != null) {
                    xml.writeEmptyElement("media", "thumbnail", MEDIA);
                    xml.writeAttribute("url", clean(e.cover()));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** Text without the characters XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE/F). */
    static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000;
            if (allowed) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write a feed", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(clean(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", clean(href));
    }
}
