package gatefold.server.books;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An EPUB's package document (the OPF): read with a parser to learn its version, manifest,
 * spine and cover, then changed as text so everything the author wrote stays byte for
 * byte: a dc:rights entry (the buyer field), the ex-libris page in the manifest, and its
 * itemref after the cover in the spine.
 */
final class PackageDocument {

    static final String OPF = "http://www.idpf.org/2007/opf";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String MARKER = "GATEFOLD-RIGHTS-FIELD-4b9e";

    record Item(String id, String href, String mediaType, String properties) {
    }

    record Stamped(byte[] before, FieldSpec field, byte[] after) {
    }

    private final String text;
    private final boolean epub3;
    private final Map<String, Item> manifest;
    private final List<String> spine;
    private final String coverHref;
    private final String language;

    private PackageDocument(String text, boolean epub3, Map<String, Item> manifest, List<String> spine, String coverHref, String language) {
        this.text = text;
        this.epub3 = epub3;
        this.manifest = manifest;
        this.spine = spine;
        this.coverHref = coverHref;
        this.language = language;
    }

    static PackageDocument parse(byte[] bytes) throws Exception {
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe || (bytes[0] & 0xff) == 0xff)) {
            throw new IOException("it is not UTF-8");
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setExpandEntityReferences(false);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        Element root = doc.getDocumentElement();
        if (!OPF.equals(root.getNamespaceURI()) || !"package".equals(root.getLocalName())) {
            throw new IOException("its root element is not an OPF package");
        }
        Map<String, Item> manifest = new LinkedHashMap<>();
        NodeList items = doc.getElementsByTagNameNS(OPF, "item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            manifest.put(item.getAttribute("id"), new Item(item.getAttribute("id"), item.getAttribute("href"),
                    item.getAttribute("media-type"), item.getAttribute("properties")));
        }
        List<String> spine = new ArrayList<>();
        NodeList refs = doc.getElementsByTagNameNS(OPF, "itemref");
        for (int i = 0; i < refs.getLength(); i++) {
            spine.add(((Element) refs.item(i)).getAttribute("idref"));
        }
        String cover = null;
        NodeList guide = doc.getElementsByTagNameNS(OPF, "reference");
        for (int i = 0; i < guide.getLength(); i++) {
            Element reference = (Element) guide.item(i);
            if ("cover".equalsIgnoreCase(reference.getAttribute("type"))) {
                cover = reference.getAttribute("href").replaceAll("#.*", "");
            }
        }
        NodeList languages = doc.getElementsByTagNameNS(DC, "language");
        String language = languages.getLength() > 0 ? languages.item(0).getTextContent().strip() : "";
        boolean epub3 = root.getAttribute("version").startsWith("3");
        return new PackageDocument(new String(bytes, StandardCharsets.UTF_8), epub3, manifest, spine, cover, language);
    }

    boolean epub3() {
        return epub3;
    }

    String language() {
        return language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*") ? language : "";
    }

    Map<String, Item> manifest() {
        return manifest;
    }

    /** The spine's items in reading order. */
    List<Item> spineItems() {
        return spine.stream().map(manifest::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The spine item the ex-libris page follows: the guide's cover page, else the first
     * item if its id or file name says it is a cover; null puts the page first.
     */
    String coverIdref() {
        for (String idref : spine) {
            Item item = manifest.get(idref);
            if (item != null && coverHref != null && item.href().equals(coverHref)) {
                return idref;
            }
        }
        if (!spine.isEmpty()) {
            Item first = manifest.get(spine.get(0));
            String words = (spine.get(0) + " " + (first == null ? "" : first.href())).toLowerCase(Locale.ROOT);
            if (words.contains("cover")) {
                return spine.get(0);
            }
        }
        return null;
    }

    /** The package with the rights field, the manifest item and the spine entry added. */
    Stamped stamp(String id, String href, int rightsWidth) throws IOException {
        String withSpine = insertInSpine(text, id);
        String item = "<item id=\"" + id + "\" href=\"" + href + "\" media-type=\"application/xhtml+xml\"/>\n";
        String withManifest = insertBefore(withSpine, closing("manifest"), item, "manifest");
        String rights = "<dc:rights xmlns:dc=\"" + DC + "\">" + MARKER + "\n";
        Matcher legacy = Pattern.compile("</dc-metadata\\s*>").matcher(withManifest);
        String stamped = legacy.find() ? insertAt(withManifest, legacy.start(), rights)
                : insertBefore(withManifest, closing("metadata"), rights, "metadata");
        int at = stamped.indexOf(MARKER);
        return new Stamped(stamped.substring(0, at).getBytes(StandardCharsets.UTF_8),
                FieldSpec.xml(FieldKind.XML_LINE, rightsWidth, "</dc:rights>"),
                stamped.substring(at + MARKER.length()).getBytes(StandardCharsets.UTF_8));
    }

    private String insertInSpine(String s, String id) throws IOException {
        String cover = coverIdref();
        String itemref = "<itemref idref=\"" + id + "\"/>";
        if (cover != null) {
            Pattern p = Pattern.compile("<((?:[A-Za-z_][\\w.-]*:)?)itemref\\b[^>]*\\bidref\\s*=\\s*([\"'])" + Pattern.quote(cover)
                    + "\\2[^>]*>(\\s*</\\1itemref\\s*>)?");
            Matcher m = p.matcher(s);
            if (m.find()) {
                return insertAt(s, m.end(), prefixed(m.group(1), itemref));
            }
        }
        Matcher open = Pattern.compile("<((?:[A-Za-z_][\\w.-]*:)?)spine\\b[^>]*?(/?)>").matcher(s);
        if (!open.find() || !open.group(2).isEmpty()) {
            throw new IOException("its spine is missing or empty");
        }
        return insertAt(s, open.end(), prefixed(open.group(1), itemref));
    }

    private static Pattern closing(String element) {
        return Pattern.compile("</((?:[A-Za-z_][\\w.-]*:)?)" + element + "\\s*>");
    }

    private static String insertBefore(String s, Pattern closing, String insert, String what) throws IOException {
        Matcher m = closing.matcher(s);
        if (!m.find()) {
            throw new IOException("its " + what + " is missing");
        }
        return insertAt(s, m.start(), prefixed(m.group(1), insert));
    }

    /** Gives an OPF element the prefix the package uses for it ("opf:item"), if any. */
    private static String prefixed(String prefix, String element) {
        if (prefix.isEmpty() || element.startsWith("<dc:")) {
            return element;
        }
        return element.replaceFirst("^<", "<" + prefix);
    }

    private static String insertAt(String s, int at, String insert) {
        return s.substring(0, at) + insert + s.substring(at);
    }
}
