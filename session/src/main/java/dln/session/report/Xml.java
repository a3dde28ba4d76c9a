package dln.session.report;

/** Escaping for text and attribute values placed into the HTML page and its inline SVG. */
public final class Xml {
    private Xml() {
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters (other than tab/newline) are not allowed in XML at all,
                    // and a ledger string could carry one; show a replacement mark instead.
                    boolean allowed = cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp != 0x7F
                            && !(cp >= 0xFFFE && cp <= 0xFFFF) && !(cp >= 0xD800 && cp <= 0xDFFF));
                    if (allowed) out.appendCodePoint(cp); else out.append('\uFFFD');
                }
            }
        }
        return out.toString();
    }
}
