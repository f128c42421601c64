package io.imacs.attribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Occlusion: replace a group of features (a sliding window, a segment) by the fill's values and take
 * the drop in the explained output, f(x) - f(x with the group filled). Needs only forward passes, so it
 * serves models without gradients. The original and all occluded inputs of all tasks share batches.
 */
public final class Occlusion {
    /** Explain {@code target} at {@code input}; each group lists flat feature indices. */
    public record Task(float[] input, float[] fill, int target, List<int[]> groups) {}

    private final int batchSize;

    public Occlusion(int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("`batchSize` must be at least 1, got " + batchSize);
        this.batchSize = batchSize;
    }

    /** The drop per group of each task. */
    public List<double[]> groupDrops(List<Task> tasks, ModelFunction model) {
        List<float[]> inputs = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (Task t : tasks) {
            inputs.add(t.input());
            targets.add(t.target());
            for (int[] group : t.groups()) {
                float[] x = t.input().clone();
                for (int i : group) x[i] = t.fill()[i];
                inputs.add(x);
                targets.add(t.target());
            }
        }
        double[] v = model.batched(inputs, targets.stream().mapToInt(Integer::intValue).toArray(), batchSize);
        List<double[]> out = new ArrayList<>(tasks.size());
        int k = 0;
        for (Task t : tasks) {
            double original = v[k++];
            double[] drops = new double[t.groups().size()];
            for (int g = 0; g < drops.length; g++) drops[g] = original - v[k++];
            out.add(drops);
        }
        return out;
    }

    /** Per-feature map: each feature accumulates the drops of the groups covering it (as PAIR's sliding window). */
    public List<float[]> attribute(List<Task> tasks, ModelFunction model) {
        List<double[]> drops = groupDrops(tasks, model);
        List<float[]> out = new ArrayList<>(tasks.size());
        for (int t = 0; t < tasks.size(); t++) {
            float[] map = new float[tasks.get(t).input().length];
            List<int[]> groups = tasks.get(t).groups();
            for (int g = 0; g < groups.size(); g++) for (int i : groups.get(g)) map[i] += (float) drops.get(t)[g];
            out.add(map);
        }
        return out;
    }

    /** Square windows of {@code size} pixels every {@code stride} pixels over a CHW image, all channels. */
    public static List<int[]> windows(int width, int height, int size, int stride) {
        if (size < 1 || stride < 1) throw new IllegalArgumentException("occlusion window size and stride must be at least 1");
        List<int[]> out = new ArrayList<>();
        for (int y0 = 0; y0 + size <= height; y0 += stride)
            for (int x0 = 0; x0 + size <= width; x0 += stride) {
                boolean[] m = new boolean[width * height];
                for (int y = y0; y < y0 + size; y++) for (int x = x0; x < x0 + size; x++) m[y * width + x] = true;
                out.add(channelsOf(m));
            }
        return out;
    }

    /** CHW feature indices of a pixel mask, in all three channels. */
    public static int[] channelsOf(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) if (b) n++;
        int[] idx = new int[3 * n];
        int k = 0;
        for (int c = 0; c < 3; c++) for (int i = 0; i < mask.length; i++) if (mask[i]) idx[k++] = c * mask.length + i;
        return idx;
    }
}
