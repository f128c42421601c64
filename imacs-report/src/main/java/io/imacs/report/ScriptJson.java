package io.imacs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON that is safe inside an HTML {@code <script>} element: besides JSON's own escaping, the characters that
 * could close the element or start markup ({@code < > &}) and the JavaScript line terminators U+2028/U+2029 are
 * written as {@code \\uXXXX}. In JSON these characters can only occur inside strings, so replacing them
 * everywhere keeps the value identical for {@code JSON.parse}.
 */
final class ScriptJson {
    private ScriptJson() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static String of(Object value) {
        String json;
        try {
            json = MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("report data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
