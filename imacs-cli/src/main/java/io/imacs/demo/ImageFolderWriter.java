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
 * columns {@code path,label,watermark,wm_x,wm_y,wm_w,wm_h}: path relative to the folder, watermark
 * true/false, and the watermark's box in the image's pixels (empty when there is none).
 */
public record ImageFolderWriter(List<String> classes) {

    public static final String HEADER = "path,label,watermark,wm_x,wm_y,wm_w,wm_h";

    public void write(List<DemoSample> samples, Path dir) throws IOException {
        Files.createDirectories(dir);
        int[] counters = new int[classes.size()];
        try (Writer csv = Files.newBufferedWriter(dir.resolve("labels.csv"), StandardCharsets.UTF_8)) {
            csv.write(HEADER + "\n");
            for (DemoSample s : samples) {
                String cls = classes.get(s.label());
                String rel = cls + "/" + cls + "_" + String.format("%04d", counters[s.label()]++) + ".png";
                ImageFiles.writePng(s.image(), dir.resolve(rel));
                Box b = s.watermark();
                csv.write(rel + "," + cls + "," + s.hasWatermark() + ","
                    + (b == null ? ",,," : b.x() + "," + b.y() + "," + b.w() + "," + b.h()) + "\n");
            }
        }
    }
}
