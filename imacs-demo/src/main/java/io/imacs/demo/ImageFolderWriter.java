package io.imacs.demo;

import io.imacs.image.ImageFiles;
import io.imacs.segment.Box;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes samples as an ImageFolder ({@code <class>/<class>_<n>.png}) plus {@code labels.csv} with
 * columns {@code path,label,watermark,watermark_x,watermark_y,watermark_w,watermark_h}: path relative to the folder, watermark
 * true/false, and the watermark's box in the image's pixels (empty when there is none); when the generator knows
 * what stands behind the objects, a last column {@code background} (grass, sky, soil, foliage, studio).
 */
public record ImageFolderWriter(List<String> classes) {

    public static final String HEADER = "path,label,watermark,watermark_x,watermark_y,watermark_w,watermark_h";

    /** Writes {@code samples} under {@code dir}; returns each one's path in {@code labels.csv}, in order. */
    public List<String> write(List<DemoSample> samples, Path dir) throws IOException {
        List<String> ids = new java.util.ArrayList<>(samples.size());
        Files.createDirectories(dir);
        int[] counters = new int[classes.size()];
        try (Writer csv = Files.newBufferedWriter(dir.resolve("labels.csv"), StandardCharsets.UTF_8)) {
            // the domain-shift study also says what stands behind each flower
            boolean backgrounds = samples.stream().anyMatch(s -> s.background() != null);
            csv.write(HEADER + (backgrounds ? ",background" : "") + "\n");
            for (DemoSample s : samples) {
                String cls = classes.get(s.label());
                String rel = cls + "/" + cls + "_" + String.format("%04d", counters[s.label()]++) + ".png";
                ImageFiles.writePng(s.image(), dir.resolve(rel));
                ids.add(rel);
                Box b = s.watermark();
                csv.write(rel + "," + cls + "," + s.hasWatermark() + ","
                    + (b == null ? ",,," : b.x() + "," + b.y() + "," + b.w() + "," + b.h())
                    + (backgrounds ? "," + (s.background() == null ? "" : s.background()) : "") + "\n");
            }
        }
        return ids;
    }
}
