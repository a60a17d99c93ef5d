package gatefold.server.http;

/** Escaping for the few pages the server writes without templates. */
public final class Html {

    private Html() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A small, self-contained page: no scripts, no outside resources. */
    public static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + escape(title) + "</title>"
                + "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:38rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}"
                + "a{color:#0b57d0}label{display:block;margin:.8rem 0 .2rem}input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}"
                + "button{font:inherit;padding:.6rem 1.2rem;margin-top:1rem;background:#0b57d0;color:#fff;border:0;border-radius:4px}"
                + ".test{background:#ffe08a;border:3px dashed #9a6700;padding:1rem;font-weight:bold}"
                + "table{border-collapse:collapse}td{padding:.3rem .6rem;border-bottom:1px solid #ddd}</style></head><body>"
                + body + "</body></html>";
    }
}
