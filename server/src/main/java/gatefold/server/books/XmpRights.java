package gatefold.server.books;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The PDF's XMP packet with dc:rights set to the stamp line: the author's packet with any
 * old dc:rights replaced (XMP allows one), or a fresh packet when there is none or it does
 * not parse. The line is a fixed-width field that ends with the closing {@code </rdf:li>},
 * so the padding after it is whitespace between elements, and the value reads back exact.
 */
final class XmpRights {

    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String MARKER = "GATEFOLD-RIGHTS-FIELD-6d1f";
    private static final String TAIL = "</rdf:li>";
    private static final int MAX_ORIGINAL = 1024 * 1024;

    /** The packet split around its field. */
    record Packet(byte[] before, FieldSpec field, byte[] after) {
    }

    private XmpRights() {
    }

    static Packet build(byte[] original, String title, String author, int width) {
        FieldSpec field = FieldSpec.xml(FieldKind.XML_LINE, width, TAIL);
        String text = null;
        if (original != null && original.length <= MAX_ORIGINAL) {
            text = merged(original);
        }
        if (text == null) {
            text = fresh(title, author);
        }
        int at = text.indexOf(MARKER + TAIL);
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + MARKER.length() + TAIL.length()).getBytes(StandardCharsets.UTF_8);
        return new Packet(before, field, after);
    }

    /** The author's packet with our dc:rights, or null when it cannot be read. */
    private static String merged(byte[] original) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(original));
            NodeList rdfs = doc.getElementsByTagNameNS(RDF, "RDF");
            if (rdfs.getLength() != 1) {
                return null;
            }
            NodeList old = doc.getElementsByTagNameNS(DC, "rights");
            for (int i = old.getLength() - 1; i >= 0; i--) {
                old.item(i).getParentNode().removeChild(old.item(i));
            }
            Element rdf = (Element) rdfs.item(0);
            Element description = doc.createElementNS(RDF, "rdf:Description");
            description.setAttributeNS(RDF, "rdf:about", aboutOf(doc));
            description.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:dc", DC);
            Element rights = doc.createElementNS(DC, "dc:rights");
            Element alt = doc.createElementNS(RDF, "rdf:Alt");
            Element li = doc.createElementNS(RDF, "rdf:li");
            li.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "x-default");
            li.setTextContent(MARKER);
            alt.appendChild(li);
            rights.appendChild(alt);
            description.appendChild(rights);
            rdf.appendChild(description);
            String text = serialize(doc);
            return text.contains(MARKER + TAIL) ? text : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String aboutOf(Document doc) {
        NodeList descriptions = doc.getElementsByTagNameNS(RDF, "Description");
        return descriptions.getLength() > 0 ? ((Element) descriptions.item(0)).getAttributeNS(RDF, "about") : "";
    }

    private static String serialize(Document doc) throws Exception {
        Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.setOutputProperty(OutputKeys.INDENT, "no");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        transformer.transform(new DOMSource(doc), new StreamResult(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String fresh(String title, String author) {
        StringBuilder x = new StringBuilder();
        x.append("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
                .append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"").append(RDF).append("\">\n")
                .append("<rdf:Description rdf:about=\"\" xmlns:dc=\"").append(DC).append("\">\n");
        if (title != null && !title.isBlank()) {
            x.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(FieldValues.escapeXml(StampText.clean(title)))
                    .append("</rdf:li></rdf:Alt></dc:title>\n");
        }
        if (author != null && !author.isBlank()) {
            x.append("<dc:creator><rdf:Seq><rdf:li>").append(FieldValues.escapeXml(StampText.clean(author)))
                    .append("</rdf:li></rdf:Seq></dc:creator>\n");
        }
        x.append("<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(MARKER).append(TAIL).append("</rdf:Alt></dc:rights>\n")
                .append("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        return x.toString();
    }
}
