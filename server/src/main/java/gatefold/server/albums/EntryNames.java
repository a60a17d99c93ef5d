package gatefold.server.albums;

import gatefold.server.common.FileNames;
import gatefold.server.common.Refusal;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The rule for a name inside an album zip: a relative path of folders separated by
 * {@code /}, each part already as {@link FileNames#safe} would make it, so the zip unpacks
 * the same on Windows, macOS and Linux and can never write outside the folder it is
 * unpacked into. Names are compared after NFC and ignoring case, because two names that
 * differ only there land on the same file on Windows and macOS.
 */
final class EntryNames {

    private final Map<String, String> seen = new HashMap<>();

    /** The name in NFC; refuses a name that is unsafe or that collides with one checked before. */
    String check(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (nfc.isEmpty()) {
            throw Refusal.invalid("A zip entry needs a name.");
        }
        if (nfc.startsWith("/") || nfc.contains("\\") || (nfc.length() > 1 && nfc.charAt(1) == ':')) {
            throw Refusal.invalid("The zip entry \"" + name + "\" must be a relative path with / between folders.");
        }
        for (String part : nfc.split("/", -1)) {
            checkPart(name, part);
        }
        if (ZipItem.utf8(nfc).length > EntryPlan.MAX_16) {
            throw Refusal.invalid("The zip entry name starting \"" + nfc.substring(0, 40) + "\" is too long.");
        }
        String previous = seen.putIfAbsent(nfc.toLowerCase(Locale.ROOT), nfc);
        if (previous != null) {
            throw Refusal.invalid("The zip would hold \"" + previous + "\" and \"" + nfc
                    + "\", which are the same file on Windows and macOS.");
        }
        return nfc;
    }

    private static void checkPart(String name, String part) {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
            throw Refusal.invalid("The zip entry \"" + name + "\" has an empty, \".\" or \"..\" part.");
        }
        String safe = FileNames.safe(part);
        if (!safe.equals(part)) {
            throw Refusal.invalid("The zip entry \"" + name + "\" has a part that some systems cannot save: \"" + part
                    + "\" (as a safe name: \"" + safe + "\").");
        }
    }
}
