package gatefold.storage;

import java.text.Normalizer;

/**
 * The Content-Disposition that makes a browser save a download under its real name:
 * an ASCII {@code filename} for old clients and the exact UTF-8 name in {@code filename*}.
 */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    /** {@code attachment; filename="..."; filename*=UTF-8''...}, or plain "attachment" without a name. */
    public static String attachment(String filename) {
        if (filename == null || filename.isBlank()) {
            return "attachment";
        }
        return "attachment; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''"
                + PercentEncoding.encode(filename);
    }

    /** "Ünïcødé.flac" becomes "Unic_de.flac": accents dropped, anything else outside ASCII as '_'. */
    static String asciiFallback(String filename) {
        String decomposed = Normalizer.normalize(filename, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
            out.append(plain ? c : '_');
        }
        return out.toString();
    }
}
