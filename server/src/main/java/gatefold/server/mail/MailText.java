package gatefold.server.mail;

/** Text a person typed (titles, names), made safe to place on one line of a plain-text mail. */
public final class MailText {

    private MailText() {
    }

    /** Control characters (line breaks included) become spaces; long text is cut with an ellipsis. */
    public static String line(String value, int maxLength) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength + 1));
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
        String clean = out.toString().strip().replaceAll(" {2,}", " ");
        return clean.length() <= maxLength ? clean : clean.substring(0, maxLength - 1) + "…";
    }
}
