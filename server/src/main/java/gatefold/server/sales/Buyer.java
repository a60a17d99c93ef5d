package gatefold.server.sales;

import gatefold.server.common.Refusal;

/** What a business buyer gives for their invoice: name, postal address (several lines) and VAT id. All optional. */
public record Buyer(String name, String address, String taxId) {

    public static final Buyer NONE = new Buyer("", "", "");

    public Buyer {
        name = line(name, "name", 200);
        address = lines(address);
        taxId = line(taxId, "VAT id", 40);
    }

    public boolean isEmpty() {
        return name.isEmpty() && address.isEmpty() && taxId.isEmpty();
    }

    private static String line(String value, String what, int max) {
        String text = value == null ? "" : value.strip();
        if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("The " + what + " is one line of at most " + max + " characters.");
        }
        return text;
    }

    /** Up to ten lines of an address, each trimmed; blank lines dropped. */
    static String lines(String value) {
        String text = value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n').strip();
        String[] lines = text.split("\n");
        if (text.length() > 1000 || lines.length > 10) {
            throw Refusal.invalid("An address is at most ten lines and 1000 characters.");
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String clean = line.strip();
            if (clean.chars().anyMatch(Character::isISOControl)) {
                throw Refusal.invalid("An address holds plain text only.");
            }
            if (!clean.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\n").append(clean);
            }
        }
        return out.toString();
    }

    /** The same rules, for the seller's address. */
    public static String address(String value) {
        return lines(value);
    }
}
