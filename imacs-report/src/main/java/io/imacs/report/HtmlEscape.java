package io.imacs.report;

/** Escapes text for HTML element content and quoted attribute values (every name from data passes here). */
public final class HtmlEscape {
    private HtmlEscape() {}

    public static String text(Object value) {
        if (value == null) return "\u2014";
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
