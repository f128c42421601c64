package io.imacs.segment;

import java.util.ArrayList;
import java.util.List;

/** Turns a label map (any int per pixel) into segments numbered by first appearance in row-major order. */
final class LabelSegments {
    private LabelSegments() {}

    static List<Segment> of(int[] labels, int width, int height) {
        java.util.Map<Integer, Integer> index = new java.util.LinkedHashMap<>();
        for (int l : labels) index.putIfAbsent(l, index.size());
        List<boolean[]> masks = new ArrayList<>(index.size());
        for (int i = 0; i < index.size(); i++) masks.add(new boolean[labels.length]);
        for (int p = 0; p < labels.length; p++) masks.get(index.get(labels[p]))[p] = true;
        List<Segment> out = new ArrayList<>(masks.size());
        for (int i = 0; i < masks.size(); i++) out.add(Segment.ofMask(i, width, height, masks.get(i)));
        return out;
    }
}
