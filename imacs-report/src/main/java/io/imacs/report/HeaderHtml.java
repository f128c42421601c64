package io.imacs.report;

import static io.imacs.report.HtmlEscape.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imacs.result.ImacsResult;
import io.imacs.result.RunManifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's header (run provenance) rendered on the server side, so it reads even with scripts off: models,
 * dataset, target class, every parameter, sampled counts with shortfalls highlighted, accuracy and warnings. The
 * markup is the template resource {@code header.html}; this class fills its fragments.
 */
final class HeaderHtml {
    private HeaderHtml() {}

    private static final List<String> OUTCOMES = List.of("TP", "FP", "FN", "TN");

    /** Markup that a fragment produced: the only thing {@link #fill} inserts without escaping it. */
    private record Html(String markup) {}

    private static final Html NONE = new Html("");

    private static final Pattern FRAGMENT = Pattern.compile("<!-- fragment ([\\w-]+) -->");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final Map<String, String> FRAGMENTS = fragments(ReportWriter.resource("header.html"));

    /** A short always-visible banner: what was compared, and anything the reader must not miss. */
    static String banner(ImacsResult r) {
        RunManifest m = r.manifest();
        Html counts = m == null
            ? fill("counts", "images", r.images().size(), "segments", r.segments().size(), "clusters", r.clusters().size())
            : fill("counts-and-tool", "images", r.images().size(), "segments", r.segments().size(), "clusters", r.clusters().size(),
                "tool", m.tool(), "version", m.version());
        // the run's warnings already carry its sampling shortfalls; a set keeps each one once
        LinkedHashSet<String> alertSet = new LinkedHashSet<>();
        if (m != null && m.sampling() != null)
            m.sampling().forEach((model, s) -> {
                if (s.shortfalls() != null) alertSet.addAll(s.shortfalls());
            });
        if (m != null && m.warnings() != null) alertSet.addAll(m.warnings());
        List<String> alerts = new ArrayList<>(alertSet);
        Html alertsBox = alerts.isEmpty() ? NONE
            : fill("alerts", "count", alerts.size(), "noun", alerts.size() == 1 ? "warning" : "warnings",
                "first", alerts.get(0), "more", alerts.size() > 1 ? " \u2026" : "",
                "items", each(alerts, a -> fill("warning", "text", a)));
        return fill("banner", "targetClass", m == null ? null : m.targetClass(), "counts", counts, "alerts", alertsBox).markup();
    }

    static String runView(ImacsResult r) {
        RunManifest m = r.manifest();
        if (m == null) return fill("run-without-manifest").markup();
        Set<String> outcomes = outcomes(m);
        return fill("run",
            "models", m.models() == null ? NONE : each(new TreeMap<>(m.models()).entrySet(), e -> model(e.getKey(), e.getValue())),
            "dataset", dataset(m),
            "accuracy", m.accuracy() == null ? NONE : each(new TreeMap<>(m.accuracy()).entrySet(), e -> {
                RunManifest.AccuracyRecord a = e.getValue();
                return fill("accuracy", "model", e.getKey().name(), "overall", pct(a.overall()), "oneVsRest", pct(a.targetOneVsRest()),
                    "recall", pct(a.targetRecall()));
            }),
            "outcomes", each(outcomes, o -> fill("outcome", "outcome", o)),
            "sampling", m.sampling() == null ? NONE
                : each(new TreeMap<>(m.sampling()).entrySet(), e -> sampling(e.getKey().name(), e.getValue(), outcomes)),
            "shortfalls", m.sampling() == null ? NONE : each(new TreeMap<>(m.sampling()).entrySet(), e -> shortfalls(e.getKey().name(), e.getValue())),
            "parameters", m.parameters() == null ? NONE : each(new TreeMap<>(m.parameters()).entrySet(),
                e -> fill("parameter", "name", e.getKey(), "value", value(e.getValue()))),
            "warnings", m.warnings() == null || m.warnings().isEmpty() ? fill("no-warnings")
                : fill("warnings", "items", each(m.warnings(), w -> fill("warning", "text", w)))).markup();
    }

    private static Html model(String role, RunManifest.ModelRecord x) {
        return fill("model", "role", role, "path", x.path(), "format", x.format(), "inputSize", x.inputSize(),
            "classes", x.classes() == null ? null : x.classes().size() + ": " + String.join(", ", x.classes()),
            "sha256", x.sha256());
    }

    private static Html dataset(RunManifest m) {
        RunManifest.DatasetRecord d = m.dataset();
        if (d == null) return fill("no-dataset");
        return fill("dataset", "location", d.location(), "images", d.images(), "usable", d.usable(), "targetClass", m.targetClass(),
            "perLabel", d.perLabel() == null || d.perLabel().isEmpty() ? NONE
                : fill("per-label", "labels", each(new TreeMap<>(d.perLabel()).entrySet(),
                    e -> fill("label", "label", e.getKey(), "count", e.getValue()))),
            "filters", d.filters() == null || d.filters().isEmpty() ? NONE
                : fill("filters", "filters", String.join("; ", d.filters())),
            "skipped", d.skipped() == null || d.skipped().isEmpty() ? NONE
                : fill("skipped", "count", d.skipped().size(), "files", each(d.skipped(), f -> fill("skipped-file", "file", f))));
    }

    /** The sampled table's columns: the four outcomes, then any other cell a model asked for. */
    private static Set<String> outcomes(RunManifest m) {
        Set<String> cells = new LinkedHashSet<>(OUTCOMES);
        if (m.sampling() != null) m.sampling().values().forEach(s -> {
            if (s.requested() != null) cells.addAll(new TreeMap<>(s.requested()).keySet());
        });
        return cells;
    }

    private static Html sampling(String model, RunManifest.SamplingRecord s, Set<String> outcomes) {
        return fill("sampling", "model", model, "cells", each(outcomes, c -> {
            int got = get(s.sampled(), c), want = get(s.requested(), c), avail = get(s.available(), c);
            return fill(got < want ? "sampled-short" : "sampled", "model", model, "outcome", c, "sampled", got, "requested", want,
                "available", avail);
        }));
    }

    private static Html shortfalls(String model, RunManifest.SamplingRecord s) {
        if (s.shortfalls() == null) return NONE;
        return each(s.shortfalls(), x -> fill("shortfall", "model", model, "shortfall", withoutModel(x, model)));
    }

    /**
     * The fragment {@code name} with each {@code {{key}}} replaced by its value in {@code keysAndValues} (key, value,
     * key, value...): escaped with {@link HtmlEscape#text}, unless it is markup a fragment produced. A key the fragment
     * lacks or a placeholder without a value fails, so the template and this class cannot drift apart unnoticed.
     */
    private static Html fill(String name, Object... keysAndValues) {
        String fragment = FRAGMENTS.get(name);
        if (fragment == null) throw new IllegalStateException("header.html has no fragment " + name);
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        Set<String> unused = new HashSet<>(values.keySet());
        StringBuilder b = new StringBuilder(fragment.length() + 64);
        Matcher p = PLACEHOLDER.matcher(fragment);
        int at = 0;
        while (p.find()) {
            String key = p.group(1);
            if (!values.containsKey(key)) throw new IllegalStateException("no value for {{" + key + "}} in header.html's " + name);
            unused.remove(key);
            Object v = values.get(key);
            b.append(fragment, at, p.start()).append(v instanceof Html h ? h.markup() : text(v));
            at = p.end();
        }
        if (!unused.isEmpty()) throw new IllegalStateException("header.html's " + name + " has no place for " + unused);
        return new Html(b.append(fragment, at, fragment.length()).toString());
    }

    /** One fragment per item, one after the other. */
    private static <T> Html each(Collection<T> items, Function<T, Html> fragment) {
        StringBuilder b = new StringBuilder();
        for (T item : items) b.append(fragment.apply(item).markup());
        return new Html(b.toString());
    }

    /** The template's fragments by name: lines trimmed and joined, whole-line comments dropped (header.html says why). */
    private static Map<String, String> fragments(String template) {
        Map<String, String> fragments = new HashMap<>();
        String name = null;
        for (String line : template.split("\n")) {
            String t = line.strip();
            Matcher start = FRAGMENT.matcher(t);
            if (start.matches()) {
                name = start.group(1);
                if (fragments.putIfAbsent(name, "") != null) throw new IllegalStateException("header.html has two fragments " + name);
            } else if (name != null && !(t.startsWith("<!--") && t.endsWith("-->"))) {
                fragments.merge(name, t, String::concat);
            }
        }
        return Map.copyOf(fragments);
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
