package io.imacs.report;

import static io.imacs.report.HtmlEscape.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imacs.result.ImacsResult;
import io.imacs.result.RunManifest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's header (run provenance) rendered on the server side, so it reads even with scripts off: models,
 * dataset, target class, every parameter, sampled counts with shortfalls highlighted, accuracy and warnings.
 */
final class HeaderHtml {
    private HeaderHtml() {}

    private static final List<String> OUTCOMES = List.of("TP", "FP", "FN", "TN");

    /** A short always-visible banner: what was compared, and anything the reader must not miss. */
    static String banner(ImacsResult r) {
        RunManifest m = r.manifest();
        StringBuilder b = new StringBuilder();
        b.append("<header id=\"banner\"><h1>IMACS comparison &middot; target class <span id=\"target-class\">")
            .append(text(m == null ? null : m.targetClass())).append("</span></h1>");
        b.append("<p class=\"sub\">").append(r.images().size()).append(" images &middot; ")
            .append(r.segments().size()).append(" segments &middot; ").append(r.clusters().size()).append(" clusters");
        if (m != null) b.append(" &middot; ").append(text(m.tool())).append(' ').append(text(m.version()));
        b.append("</p>");
        // the run's warnings already carry its sampling shortfalls; a set keeps each one once
        java.util.LinkedHashSet<String> alertSet = new java.util.LinkedHashSet<>();
        if (m != null && m.sampling() != null)
            m.sampling().forEach((model, s) -> {
                if (s.shortfalls() != null) alertSet.addAll(s.shortfalls());
            });
        if (m != null && m.warnings() != null) alertSet.addAll(m.warnings());
        List<String> alerts = new ArrayList<>(alertSet);
        if (!alerts.isEmpty()) {
            // collapsed to one line so the views stay in sight; the Run tab lists them in full
            b.append("<details id=\"alerts-box\"><summary class=\"warning\">\u26a0 ").append(alerts.size())
                .append(alerts.size() == 1 ? " warning" : " warnings").append(" (sampling shortfalls and run warnings): ")
                .append(text(alerts.get(0))).append(alerts.size() > 1 ? " \u2026" : "").append("</summary><ul id=\"alerts\">");
            for (String a : alerts) b.append("<li class=\"warning\">").append(text(a)).append("</li>");
            b.append("</ul></details>");
        }
        return b.append("</header>").toString();
    }

    static String runView(ImacsResult r) {
        RunManifest m = r.manifest();
        StringBuilder b = new StringBuilder("<section id=\"view-run\" class=\"view\" data-view=\"run\" role=\"tabpanel\" aria-labelledby=\"tab-run\"><div class=\"run-grid\">");
        if (m == null) return b.append("<p>This result has no manifest.</p></div></section>").toString();
        models(b, m);
        dataset(b, m);
        accuracy(b, m);
        sampling(b, m);
        parameters(b, m);
        b.append("<div class=\"card\" id=\"warnings\"><h3>Warnings</h3>");
        if (m.warnings() == null || m.warnings().isEmpty()) b.append("<p>None.</p>");
        else {
            b.append("<ul>");
            for (String w : m.warnings()) b.append("<li class=\"warning\">").append(text(w)).append("</li>");
            b.append("</ul>");
        }
        return b.append("</div></div></section>").toString();
    }

    private static void models(StringBuilder b, RunManifest m) {
        b.append("<div class=\"card wide\" id=\"models\"><h3>Models</h3><table><tr><th>role</th><th>path</th>"
            + "<th>format</th><th>input size</th><th>classes</th><th>SHA-256</th></tr>");
        if (m.models() != null)
            new TreeMap<>(m.models()).forEach((role, x) -> b.append("<tr><td class=\"role role-").append(text(role)).append("\">")
                .append(text(role)).append("</td><td class=\"path\">").append(text(x.path())).append("</td><td>")
                .append(text(x.format())).append("</td><td>").append(text(x.inputSize())).append("</td><td>")
                .append(x.classes() == null ? "\u2014" : x.classes().size() + ": " + text(String.join(", ", x.classes())))
                .append("</td><td class=\"hash\">").append(text(x.sha256())).append("</td></tr>"));
        b.append("</table></div>");
    }

    private static void dataset(StringBuilder b, RunManifest m) {
        RunManifest.DatasetRecord d = m.dataset();
        b.append("<div class=\"card\" id=\"dataset\"><h3>Dataset</h3>");
        if (d == null) {
            b.append("<p>\u2014</p></div>");
            return;
        }
        b.append("<dl><dt>location</dt><dd class=\"path\">").append(text(d.location())).append("</dd>")
            .append("<dt>images</dt><dd>").append(d.images()).append(" (").append(d.usable()).append(" usable)</dd>")
            .append("<dt>target class</dt><dd>").append(text(m.targetClass())).append("</dd>");
        if (d.perLabel() != null && !d.perLabel().isEmpty()) {
            b.append("<dt>per label</dt><dd>");
            new TreeMap<>(d.perLabel()).forEach((k, v) -> b.append(text(k)).append(": ").append(v).append("<br>"));
            b.append("</dd>");
        }
        if (d.filters() != null && !d.filters().isEmpty())
            b.append("<dt>filters</dt><dd>").append(text(String.join("; ", d.filters()))).append("</dd>");
        b.append("</dl>");
        if (d.skipped() != null && !d.skipped().isEmpty()) {
            b.append("<details><summary class=\"warning\">").append(d.skipped().size()).append(" skipped files</summary><ul>");
            for (String s : d.skipped()) b.append("<li>").append(text(s)).append("</li>");
            b.append("</ul></details>");
        }
        b.append("</div>");
    }

    private static void accuracy(StringBuilder b, RunManifest m) {
        b.append("<div class=\"card\" id=\"accuracy\"><h3>Accuracy</h3><table><tr><th>model</th><th>overall</th>"
            + "<th>target one-vs-rest</th><th>target recall</th></tr>");
        if (m.accuracy() != null)
            new TreeMap<>(m.accuracy()).forEach((role, a) -> b.append("<tr><td class=\"role role-").append(text(role.name())).append("\">")
                .append(text(role.name())).append("</td><td>").append(pct(a.overall())).append("</td><td>")
                .append(pct(a.targetOneVsRest())).append("</td><td>").append(pct(a.targetRecall())).append("</td></tr>"));
        b.append("</table></div>");
    }

    private static void sampling(StringBuilder b, RunManifest m) {
        b.append("<div class=\"card\" id=\"sampling\"><h3>Sampled images per outcome</h3>"
            + "<p class=\"note\">sampled / requested (available); shortfalls highlighted</p><table><tr><th>model</th>");
        Set<String> cells = new LinkedHashSet<>(OUTCOMES);
        if (m.sampling() != null) m.sampling().values().forEach(s -> {
            if (s.requested() != null) cells.addAll(new TreeMap<>(s.requested()).keySet());
        });
        for (String c : cells) b.append("<th>").append(text(c)).append("</th>");
        b.append("</tr>");
        if (m.sampling() != null)
            new TreeMap<>(m.sampling()).forEach((role, s) -> {
                String model = role.name();
                b.append("<tr><td class=\"role role-").append(text(model)).append("\">").append(text(model)).append("</td>");
                for (String c : cells) {
                    int got = get(s.sampled(), c), want = get(s.requested(), c), avail = get(s.available(), c);
                    boolean shortfall = got < want;
                    b.append("<td data-model=\"").append(text(model)).append("\" data-outcome=\"").append(text(c)).append('"')
                        .append(shortfall ? " class=\"shortfall\"" : "").append('>').append(got).append(" / ").append(want)
                        .append(" <span class=\"note\">(").append(avail).append(")</span></td>");
                }
                b.append("</tr>");
            });
        b.append("</table>");
        if (m.sampling() != null)
            new TreeMap<>(m.sampling()).forEach((role, s) -> {
                if (s.shortfalls() != null)
                    for (String x : s.shortfalls())
                        b.append("<p class=\"warning\">Model ").append(text(role.name())).append(": ").append(text(withoutModel(x, role.name()))).append("</p>");
            });
        b.append("</div>");
    }

    private static void parameters(StringBuilder b, RunManifest m) {
        b.append("<div class=\"card\" id=\"parameters\"><h3>Parameters</h3><table>");
        if (m.parameters() != null)
            new TreeMap<>(m.parameters()).forEach((k, v) -> b.append("<tr><th>").append(text(k)).append("</th><td>")
                .append(text(value(v))).append("</td></tr>"));
        b.append("</table></div>");
    }

    /** The sampler writes "A: FN has 3 images, 25 asked"; after "Model A: " the model is said once, not twice. */
    static String withoutModel(String shortfall, String model) {
        String prefix = model + ": ";
        return shortfall.startsWith(prefix) ? shortfall.substring(prefix.length()) : shortfall;
    }

    private static int get(Map<String, Integer> map, String key) {
        if (map == null) return 0;
        Integer v = map.get(key);
        return v == null ? 0 : v;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Strings as they are, structured values (lists, maps) as JSON. */
    private static String value(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) return String.valueOf(v);
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }
}
