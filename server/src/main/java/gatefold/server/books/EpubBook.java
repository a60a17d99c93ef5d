package gatefold.server.books;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What preparation needs to know about an EPUB before rewriting it: where its package
 * document is, which zip entries are the chapters of its reading order, and a free name
 * for the ex-libris page. Refuses books that are not EPUBs or carry DRM.
 */
record EpubBook(String opfPath, PackageDocument opf, Set<String> chapters, String exLibrisId, String exLibrisPath) {

    private static final String CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container";
    private static final Set<String> FONT_OBFUSCATION = Set.of("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC");

    static EpubBook read(ZipIndex zip) throws java.io.IOException {
        Map<String, ZipIndex.Entry> entries = new LinkedHashMap<>();
        zip.entries().forEach(e -> entries.putIfAbsent(e.name(), e));
        checkNoDrm(zip, entries);
        ZipIndex.Entry container = entries.get("META-INF/container.xml");
        if (container == null) {
            throw EpubPreparation.unstampable("The EPUB's package file is missing: there is no META-INF/container.xml.");
        }
        String opfPath = rootfile(zip.readAll(container, 1 << 20));
        ZipIndex.Entry opfEntry = entries.get(opfPath);
        if (opfEntry == null) {
            throw EpubPreparation.unstampable("The EPUB's package file is missing: " + opfPath + " is named in container.xml but not in the book.");
        }
        PackageDocument opf;
        try {
            opf = PackageDocument.parse(zip.readAll(opfEntry, 16 << 20));
        } catch (Exception e) {
            throw EpubPreparation.unstampable("The EPUB's package file (" + opfPath + ") could not be read: " + e.getMessage());
        }
        String dir = opfPath.contains("/") ? opfPath.substring(0, opfPath.lastIndexOf('/') + 1) : "";
        Set<String> chapters = new LinkedHashSet<>();
        for (PackageDocument.Item item : opf.spineItems()) {
            if ("application/xhtml+xml".equals(item.mediaType())) {
                String path = resolve(dir, item.href());
                if (!entries.containsKey(path)) {
                    throw EpubPreparation.unstampable("The EPUB lists " + item.href() + " in its reading order, but the book does not contain it.");
                }
                chapters.add(path);
            }
        }
        String name = "gatefold-ex-libris";
        for (int i = 2; entries.containsKey(dir + name + ".xhtml") || opf.manifest().containsKey(name); i++) {
            name = "gatefold-ex-libris-" + i;
        }
        return new EpubBook(opfPath, opf, chapters, name, dir + name + ".xhtml");
    }

    private static void checkNoDrm(ZipIndex zip, Map<String, ZipIndex.Entry> entries) throws java.io.IOException {
        if (entries.containsKey("META-INF/rights.xml")) {
            throw EpubPreparation.unstampable("This EPUB carries DRM (META-INF/rights.xml): upload it without DRM.");
        }
        ZipIndex.Entry encryption = entries.get("META-INF/encryption.xml");
        if (encryption == null) {
            return;
        }
        NodeList methods = parse(zip.readAll(encryption, 16 << 20)).getElementsByTagNameNS("*", "EncryptionMethod");
        for (int i = 0; i < methods.getLength(); i++) {
            if (!FONT_OBFUSCATION.contains(((Element) methods.item(i)).getAttribute("Algorithm"))) {
                throw EpubPreparation.unstampable("This EPUB is encrypted (DRM): upload it without DRM.");
            }
        }
    }

    private static String rootfile(byte[] container) {
        NodeList rootfiles = parse(container).getElementsByTagNameNS(CONTAINER, "rootfile");
        for (int i = 0; i < rootfiles.getLength(); i++) {
            Element rootfile = (Element) rootfiles.item(i);
            if ("application/oebps-package+xml".equals(rootfile.getAttribute("media-type")) && !rootfile.getAttribute("full-path").isEmpty()) {
                return rootfile.getAttribute("full-path");
            }
        }
        throw EpubPreparation.unstampable("The EPUB's package file is missing: container.xml does not name one.");
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw EpubPreparation.unreadable("its META-INF files are not well-formed XML (" + e.getMessage() + ")");
        }
    }

    /** A manifest href as a zip entry name: relative to the package's folder, percent-decoded, dot segments resolved. */
    static String resolve(String dir, String href) {
        String path = href.replaceAll("#.*", "");
        try {
            path = new URI(path).getPath();
        } catch (URISyntaxException e) {
            // not a valid URI reference: take it as it is written
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : (dir + path).split("/")) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }
}
