package gatefold.server.catalog;

import java.nio.charset.StandardCharsets;

/**
 * The content type of a file from its first bytes, never from what the uploader claims:
 * a renamed executable stays {@code application/octet-stream}.
 */
public final class ContentSniffer {

    /** How many leading bytes {@link #sniff} looks at. */
    public static final int HEAD_BYTES = 64;
    public static final String UNKNOWN = "application/octet-stream";

    private ContentSniffer() {
    }

    public static String sniff(byte[] head) {
        if (starts(head, 0, "fLaC")) {
            return "audio/flac";
        }
        if (starts(head, 0, "RIFF") && starts(head, 8, "WAVE")) {
            return "audio/wav";
        }
        if (starts(head, 0, "RIFF") && starts(head, 8, "WEBP")) {
            return "image/webp";
        }
        if (starts(head, 0, "FORM") && (starts(head, 8, "AIFF") || starts(head, 8, "AIFC"))) {
            return "audio/aiff";
        }
        if (starts(head, 0, "ID3") || (head.length > 1 && (head[0] & 0xff) == 0xff && (head[1] & 0xe0) == 0xe0
                && (head[1] & 0x06) != 0)) {
            return "audio/mpeg";
        }
        if (starts(head, 0, "OggS")) {
            return oggType(head);
        }
        if (starts(head, 4, "ftyp")) {
            return isoType(head);
        }
        if (bytes(head, 0, 0x1a, 0x45, 0xdf, 0xa3)) {
            return new String(head, StandardCharsets.ISO_8859_1).contains("webm") ? "video/webm" : "video/x-matroska";
        }
        if (starts(head, 0, "%PDF-")) {
            return "application/pdf";
        }
        if (bytes(head, 0, 0x50, 0x4b, 0x03, 0x04)) {
            return starts(head, 30, "mimetypeapplication/epub+zip") ? "application/epub+zip" : "application/zip";
        }
        if (bytes(head, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return "image/png";
        }
        if (bytes(head, 0, 0xff, 0xd8, 0xff)) {
            return "image/jpeg";
        }
        if (starts(head, 0, "GIF87a") || starts(head, 0, "GIF89a")) {
            return "image/gif";
        }
        return UNKNOWN;
    }

    private static String oggType(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.contains("OpusHead")) {
            return "audio/opus";
        }
        if (text.contains("theora")) {
            return "video/ogg";
        }
        return "audio/ogg";
    }

    private static String isoType(byte[] head) {
        String brand = head.length >= 12 ? new String(head, 8, 4, StandardCharsets.ISO_8859_1) : "";
        return switch (brand) {
            case "M4A ", "M4B ", "M4P " -> "audio/mp4";
            case "qt  " -> "video/quicktime";
            default -> "video/mp4";
        };
    }

    private static boolean starts(byte[] head, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.ISO_8859_1);
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (head[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean bytes(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
