package io.imacs.summarize;

import io.imacs.result.ClusterLabel;
import io.imacs.result.ImageEntry;
import io.imacs.result.SegmentEntry;
import io.imacs.segment.Box;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Names clusters from the data's annotations (beyond the paper, which reads clusters by eye): per cluster, the share
 * of segments that overlap each box annotation or come from an image with each annotation value, and the one that
 * stands out.
 *
 * <p>A box annotation is declared by four CSV columns {@code NAME_x, NAME_y, NAME_w, NAME_h} (pixels of the original
 * image; blank where the image has none): a segment carries it when its box overlaps the image's. Any other column
 * with at most {@link #MAX_VALUES} distinct values, and the class label ({@code label}), is a category: a segment
 * carries {@code COLUMN VALUE} of its image. Values that say "absent" ({@code no, false, 0, none}) name nothing and
 * are skipped.
 *
 * <p>A trait stands out in a cluster when at least {@link #MIN_SHARE} of its segments carry it, that share is at
 * least {@link #MIN_LIFT} times its share among all segments (another cluster may carry it too: the label says how
 * much, "at most N% elsewhere"); of those, the label is the one furthest above its
 * overall share (a box first on a tie: it says where in the image, a category only which image).
 */
public final class ClusterLabeler {
    private ClusterLabeler() {}

    public static final double MIN_SHARE = 0.3, MIN_LIFT = 2;
    public static final int MAX_VALUES = 20;
    private static final Set<String> ABSENT = Set.of("", "no", "false", "0", "none", "n");

    /** A trait a segment can carry: a box it overlaps (value null) or a column's value. */
    private record Trait(String annotation, String value) {}

    /** What each segment carries, read once from the annotations and reused for every k the run clusters with. */
    public static final class SegmentTraits {
        private final List<List<Trait>> perSegment;

        private SegmentTraits(List<List<Trait>> perSegment) { this.perSegment = perSegment; }
    }

    /** The traits of every segment, in the order of {@code segments}; {@code images} gives their annotations. */
    public static SegmentTraits traits(List<SegmentEntry> segments, List<ImageEntry> images) {
        Map<String, ImageEntry> byId = new HashMap<>();
        for (ImageEntry i : images) byId.put(i.id(), i);
        Set<String> boxes = boxNames(images), categories = categoryColumns(images, boxes);
        List<List<Trait>> out = new ArrayList<>(segments.size());
        for (SegmentEntry s : segments) out.add(traits(s, byId.get(s.image()), boxes, categories));
        return new SegmentTraits(out);
    }

    /**
     * The label of every cluster that has one, by cluster id. {@code assignment[i]} is the cluster of {@code segments[i]}
     * ({@code k} clusters); {@code images} gives each segment's image annotations.
     */
    public static Map<Integer, ClusterLabel> label(List<SegmentEntry> segments, int[] assignment, int k, List<ImageEntry> images) {
        return label(traits(segments, images), assignment, k);
    }

    /** As {@link #label(List, int[], int, List)}, from traits read once. */
    public static Map<Integer, ClusterLabel> label(SegmentTraits traits, int[] assignment, int k) {
        int segments = traits.perSegment.size();
        if (assignment.length != segments)
            throw new IllegalArgumentException(assignment.length + " cluster ids for " + segments + " segments");
        int[] size = new int[k];
        Map<Trait, int[]> carried = new TreeMap<>(java.util.Comparator.comparing(Trait::annotation)
            .thenComparing(t -> t.value() == null ? "" : t.value()));
        for (int s = 0; s < segments; s++) {
            size[assignment[s]]++;
            for (Trait t : traits.perSegment.get(s)) carried.computeIfAbsent(t, x -> new int[k])[assignment[s]]++;
        }
        Map<Integer, ClusterLabel> labels = new TreeMap<>();
        for (int c = 0; c < k; c++) {
            if (size[c] == 0) continue;
            ClusterLabel best = null;
            double bestExcess = 0;
            for (var e : carried.entrySet()) {
                int[] n = e.getValue();
                double share = (double) n[c] / size[c], overall = (double) sum(n) / segments, elsewhere = 0;
                for (int o = 0; o < k; o++) if (o != c && size[o] > 0) elsewhere = Math.max(elsewhere, (double) n[o] / size[o]);
                // not "share >= elsewhere": a 92% watermark cluster stays "watermark" beside a 7-segment one at 100%
                if (share < MIN_SHARE || share < MIN_LIFT * overall) continue;
                double excess = share - overall;
                boolean better = best == null || excess > bestExcess + 1e-12
                    || Math.abs(excess - bestExcess) <= 1e-12 && best.value() != null && e.getKey().value() == null;
                if (better) {
                    best = new ClusterLabel(e.getKey().annotation(), e.getKey().value(), share, elsewhere, overall, share < ClusterLabel.CLEAR);
                    bestExcess = excess;
                }
            }
            if (best != null) labels.put(c, best);
        }
        return labels;
    }

    private static int sum(int[] n) {
        int s = 0;
        for (int v : n) s += v;
        return s;
    }

    /** NAME for every NAME_x column whose NAME_y, NAME_w and NAME_h exist too. */
    static Set<String> boxNames(List<ImageEntry> images) {
        Set<String> columns = new TreeSet<>(), names = new TreeSet<>();
        for (ImageEntry i : images) if (i.annotations() != null) columns.addAll(i.annotations().keySet());
        for (String c : columns)
            if (c.endsWith("_x")) {
                String name = c.substring(0, c.length() - 2);
                if (!name.isEmpty() && columns.containsAll(List.of(name + "_y", name + "_w", name + "_h"))) names.add(name);
            }
        return names;
    }

    /** The other columns with at most MAX_VALUES distinct values, and the class label. */
    private static Set<String> categoryColumns(List<ImageEntry> images, Set<String> boxes) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (ImageEntry i : images)
            if (i.annotations() != null) i.annotations().forEach((col, v) -> values.computeIfAbsent(col, x -> new TreeSet<>()).add(v));
        Set<String> out = new TreeSet<>();
        values.forEach((col, v) -> {
            boolean coordinate = boxes.stream().anyMatch(b -> List.of(b + "_x", b + "_y", b + "_w", b + "_h").contains(col));
            if (!coordinate && !col.equals("label") && v.size() <= MAX_VALUES) out.add(col);
        });
        out.add("label");
        return out;
    }

    private static List<Trait> traits(SegmentEntry s, ImageEntry image, Set<String> boxes, Set<String> categories) {
        List<Trait> out = new ArrayList<>();
        Map<String, String> a = image == null || image.annotations() == null ? Map.of() : image.annotations();
        for (String b : boxes) {
            Box box = box(a, b);
            if (box != null && s.box() != null && s.box().overlap(box) > 0) out.add(new Trait(b, null));
        }
        for (String c : categories) {
            String v = c.equals("label") ? (image == null ? s.label() : image.label()) : a.get(c);
            if (v != null && !ABSENT.contains(v.trim().toLowerCase(java.util.Locale.ROOT))) out.add(new Trait(c, v.trim()));
        }
        return out;
    }

    /** The image's NAME box, or null when its columns are blank or not whole numbers. */
    static Box box(Map<String, String> a, String name) {
        try {
            int x = Integer.parseInt(a.getOrDefault(name + "_x", "").trim()), y = Integer.parseInt(a.getOrDefault(name + "_y", "").trim());
            int w = Integer.parseInt(a.getOrDefault(name + "_w", "").trim()), h = Integer.parseInt(a.getOrDefault(name + "_h", "").trim());
            return w > 0 && h > 0 ? new Box(x, y, w, h) : null;
        } catch (NumberFormatException e) {
            return null;   // blank: the image has no such box
        }
    }
}
