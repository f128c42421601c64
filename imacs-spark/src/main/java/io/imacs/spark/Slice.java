package io.imacs.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's work: the items from position {@code first} of the stage's list. Slices hold whole batches, so
 * a worker's model calls see the batches that one process's calls see, whatever the number of partitions.
 */
record Slice<T extends Serializable>(int first, List<T> items) implements Serializable {

    /** {@code items} cut into slices of a multiple of {@code batch} items, about {@code parts} of them. */
    static <T extends Serializable> List<Slice<T>> of(List<T> items, int batch, int parts) {
        int batches = (items.size() + batch - 1) / batch;
        int size = batch * Math.max(1, (batches + parts - 1) / Math.max(1, parts));
        List<Slice<T>> out = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size)
            out.add(new Slice<>(from, new ArrayList<>(items.subList(from, Math.min(items.size(), from + size)))));
        return out;
    }
}
