package io.imacs.data;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labelled evaluation images after loading and filtering.
 *
 * @param location the directory or CSV as given
 * @param images   images in a stable order (sorted by id)
 * @param filters  COLUMN=VALUE filters applied
 * @param skipped  entries left out before decoding (e.g. not an image file), each "id: reason"
 */
public record EvalSet(String location, List<EvalImage> images, List<String> filters, List<String> skipped) {
    public EvalSet {
        images = List.copyOf(images);
        filters = List.copyOf(filters);
        skipped = List.copyOf(skipped);
    }

    public List<String> labels() {
        return images.stream().map(EvalImage::label).distinct().sorted().toList();
    }

    public Map<String, Integer> perLabel() {
        Map<String, Integer> m = new TreeMap<>();
        for (EvalImage i : images) m.merge(i.label(), 1, Integer::sum);
        return m;
    }
}
