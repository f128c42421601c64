package io.imacs.data;

import io.imacs.model.Role;
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
 * @param warnings what loading noticed and the run should report (e.g. duplicate CSV rows left out)
 */
public record EvalSet(String location, List<EvalImage> images, List<String> filters, List<String> skipped, List<String> warnings) {
    public EvalSet {
        images = List.copyOf(images);
        filters = List.copyOf(filters);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    public EvalSet(String location, List<EvalImage> images, List<String> filters, List<String> skipped) {
        this(location, images, filters, skipped, List.of());
    }

    /**
     * Two evaluation sets as one, for comparing a model on two datasets (domain shift, paper section 6.2):
     * ids get the prefix {@code A/} (this set, model A's) or {@code B/} (the other, model B's), so they
     * stay unique and say which set an image came from.
     */
    public EvalSet pairedWith(EvalSet b) {
        List<EvalImage> all = new java.util.ArrayList<>();
        for (EvalImage i : images) all.add(new EvalImage("A/" + i.id(), i.file(), i.label(), i.annotations()));
        for (EvalImage i : b.images) all.add(new EvalImage("B/" + i.id(), i.file(), i.label(), i.annotations()));
        List<String> skip = new java.util.ArrayList<>();
        skipped.forEach(x -> skip.add("A/" + x));
        b.skipped.forEach(x -> skip.add("B/" + x));
        // the warnings name their own option and file
        List<String> warn = new java.util.ArrayList<>(warnings);
        warn.addAll(b.warnings);
        return new EvalSet("A: " + location + "; B: " + b.location, all, filters, skip, warn);
    }

    /** For a set made by {@link #pairedWith}: whether image {@code id} belongs to model {@code role}'s data. */
    public static boolean belongsTo(String id, Role role, boolean paired) {
        return !paired || id.startsWith(role.name() + "/");
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
