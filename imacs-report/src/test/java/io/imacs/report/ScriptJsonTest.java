package io.imacs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {
    @Test
    void escapesMarkupAndLineSeparatorsButKeepsTheValue() throws Exception {
        String hostile = "</script><!-- & \u2028 \u2029 \"q\" 'a' \\ \u00e9";
        Map<String, Object> value = Map.of("k</script>", List.of(hostile, 1.5));
        String json = ScriptJson.of(value);
        for (String bad : List.of("<", ">", "&", "\u2028", "\u2029")) assertFalse(json.contains(bad), bad);
        assertEquals(value, JsonMapper.builder().build().readValue(json, Map.class));
    }

    @Test
    void htmlEscapeCoversTextAndAttributes() {
        assertEquals("&lt;b title=&quot;x&quot;&gt;it&#39;s &amp;&lt;/b&gt;", HtmlEscape.text("<b title=\"x\">it's &</b>"));
        assertEquals("\u2014", HtmlEscape.text(null));
    }
}
