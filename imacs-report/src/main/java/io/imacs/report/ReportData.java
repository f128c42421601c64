package io.imacs.report;

import io.imacs.model.Role;
import io.imacs.result.Finding;
import io.imacs.result.AlternativeClustering;
import io.imacs.result.ClusterSummary;
import io.imacs.result.ImacsResult;
import io.imacs.result.ImageEntry;
import io.imacs.result.ModelPrediction;
import io.imacs.result.RunManifest;
import io.imacs.result.SegmentEntry;
import io.imacs.segment.Box;
import io.imacs.summarize.FindingWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data the report's script draws from: images as indices into the {@link AssetTable}. Maps are sorted so equal
 * results give equal bytes. Statistics shown in the views are recomputed in the browser from the segments, so that
 * filters apply to every plot alike.
 *
 * <p>The keys are a contract with {@code report.js}, which reads this map as {@code D}: renaming one here means
 * renaming its reads there. They are named after the fields of the records they come from ({@link SegmentEntry},
 * {@link ImageEntry}, {@link ModelPrediction}, {@link AlternativeClustering}), except where the value differs:
 * a segment's {@code image} and {@code tile} and an image's {@code thumbnail} are indices (into {@code images} and
 * {@code assets}), and a clustering's {@code clusterOfSegment} and {@code distanceOfSegment} are per segment, in the
 * order of {@code segs}.
 */
final class ReportData {
    private ReportData() {}

    static Map<String, Object> build(ImacsResult result, Path outDir) {
        AssetTable assets = new AssetTable(outDir);
        RunManifest m = result.manifest();

        List<Map<String, Object>> images = new ArrayList<>();
        Map<String, Integer> imageIndex = new HashMap<>();
        List<int[]> workingSize = new ArrayList<>();
        for (ImageEntry e : result.images()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", e.id());
            o.put("label", e.label());
            o.put("annotations", e.annotations() == null ? Map.of() : new TreeMap<>(e.annotations()));
            int thumb = e.thumbnail() == null ? -1 : assets.add(e.thumbnail(), "thumbnail of image " + e.id());
            int[] size = thumb < 0 ? new int[] {0, 0} : assets.size(thumb);
            o.put("thumbnail", thumb);
            o.put("thumbnailWidth", size[0]);
            o.put("thumbnailHeight", size[1]);
            o.put("width", e.width());
            o.put("height", e.height());
            Map<String, Object> preds = new TreeMap<>();
            if (e.predictions() != null) e.predictions().forEach((role, p) -> preds.put(role.name(), prediction(p)));
            o.put("predictions", preds);
            imageIndex.putIfAbsent(e.id(), images.size());
            images.add(o);
            workingSize.add(size);
        }

        List<Map<String, Object>> segs = new ArrayList<>(result.segments().size());
        for (SegmentEntry s : result.segments()) {
            Map<String, Object> o = new LinkedHashMap<>();
            Integer im = imageIndex.get(s.image());
            o.put("id", s.id());
            o.put("model", s.model() == null ? null : s.model().name());
            o.put("image", im == null ? -1 : im);
            o.put("outcome", s.outcome() == null ? null : s.outcome().name());
            o.put("attribution", s.attribution());
            o.put("standardError", s.standardError());
            o.put("cluster", s.cluster());
            o.put("distance", s.distance());
            o.put("rank", s.rank());
            o.put("predicted", s.predicted());
            o.put("tile", assets.add(s.tile(), "tile of segment " + s.id()));
            Box wb = s.workingBox();
            o.put("workingBox", wb == null ? null : new int[] {wb.x(), wb.y(), wb.w(), wb.h()});
            o.put("normalisedBox", normalisedBox(s, im == null ? null : workingSize.get(im), im == null ? null : result.images().get(im)));
            segs.add(o);
        }

        // other ks, as compare clustered them: the page switches between these and never clusters itself
        List<Map<String, Object>> clusterings = new ArrayList<>();
        for (AlternativeClustering a : result.clusterings()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("k", a.k());
            o.put("clusterOfSegment", a.cluster());
            o.put("distanceOfSegment", a.distance());
            o.put("clusters", clusters(a.clusters()));
            clusterings.add(o);
        }

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", m == null ? null : m.targetClass());
        data.put("models", java.util.Arrays.stream(Role.values()).map(Role::name).toList());
        data.put("outcomes", List.of("TP", "FP", "FN", "TN"));
        data.put("edges", m == null || m.histogramEdges() == null ? defaultEdges(result) : m.histogramEdges());
        data.put("images", images);
        data.put("segs", segs);
        data.put("clusters", clusters(result.clusters()));
        data.put("clusterings", clusterings);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("cluster", f.cluster());
            o.put("more", f.more() == null ? null : f.more().name());
            o.put("text", f.text());
            o.put("tiles", f.tiles());
            findings.add(o);
        }
        data.put("findings", findings);
        data.put("findingsNone", FindingWriter.NONE);
        data.put("output", m == null || m.parameters() == null ? null : m.parameters().get("output"));
        data.put("assets", assets.uris());
        return data;
    }

    private static List<Map<String, Object>> clusters(List<ClusterSummary> summaries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ClusterSummary c : summaries) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", c.id());
            o.put("order", c.order());
            o.put("size", c.size());
            o.put("count", byName(c.count()));
            o.put("mean", byName(c.mean()));
            o.put("imbalance", c.imbalance());
            o.put("difference", c.difference());
            if (c.label() != null) o.put("label", new TreeMap<>(Map.of("text", c.label().text(), "describe", c.label().describe(), "mixed", c.label().mixed())));
            out.add(o);
        }
        return out;
    }

    /** The script's keys are the roles' names, sorted. */
    private static <V> Map<String, V> byName(Map<Role, V> perRole) {
        Map<String, V> out = new TreeMap<>();
        if (perRole != null) perRole.forEach((role, v) -> out.put(role.name(), v));
        return out;
    }

    private static Map<String, Object> prediction(ModelPrediction p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("predicted", p.predicted());
        o.put("targetProbability", p.targetProbability());
        o.put("outcome", p.outcome() == null ? null : p.outcome().name());
        o.put("sampled", p.sampled());
        return o;
    }

    /** Segment box as fractions [x0, y0, x1, y1] of its image, for the location heat maps. */
    private static double[] normalisedBox(SegmentEntry s, int[] working, ImageEntry image) {
        Box b;
        double w, h;
        if (s.workingBox() != null && working != null && working[0] > 0) {
            b = s.workingBox();
            w = working[0];
            h = working[1];
        } else if (s.box() != null && image != null && image.width() > 0) {
            b = s.box();
            w = image.width();
            h = image.height();
        } else {
            return null;
        }
        return new double[] {clamp(b.x() / w), clamp(b.y() / h), clamp((b.x() + b.w()) / w), clamp((b.y() + b.h()) / h)};
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Twenty equal bins over the observed range, only for results written without shared edges. */
    private static double[] defaultEdges(ImacsResult r) {
        double lo = r.segments().stream().mapToDouble(SegmentEntry::attribution).min().orElse(-1);
        double hi = r.segments().stream().mapToDouble(SegmentEntry::attribution).max().orElse(1);
        if (hi <= lo) hi = lo + 1;
        double[] e = new double[21];
        for (int i = 0; i <= 20; i++) e[i] = lo + (hi - lo) * i / 20;
        return e;
    }
}
