package io.imacs.result;

/**
 * What a cluster is, read from the data's annotations (beyond the paper): the annotation that stands out among the
 * cluster's segments, e.g. "watermark 100%" when every segment overlaps an image's watermark box.
 *
 * @param annotation the CSV column ({@code label} for the class), or a box's name ({@code NAME} of the columns
 *                   {@code NAME_x, NAME_y, NAME_w, NAME_h})
 * @param value      the column's value, or null for a box (the segment overlaps the image's box)
 * @param share      share of the cluster's segments that carry it
 * @param elsewhere  the largest share among the other clusters
 * @param overall    share among all segments of the run
 * @param mixed      whether the share is below {@link #CLEAR}: the cluster holds the concept mixed with others, and a
 *                   higher k may separate them
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "text", allowGetters = true)
public record ClusterLabel(String annotation, String value, double share, double elsewhere, double overall, boolean mixed) {
    /** A label at or above this share names the cluster cleanly; below it the cluster looks mixed. */
    public static final double CLEAR = 0.7;

    /** For example "watermark 56%", "background studio 97%" or "class sunflowers 85%" (result.json carries it as {@code text}). */
    @com.fasterxml.jackson.annotation.JsonProperty("text")
    public String text() {
        String name = value == null ? annotation : (annotation.equals("label") ? "class" : annotation) + " " + value;
        return name + " " + Math.round(100 * share) + "%";
    }

    /** For example "watermark 56%, at most 11% elsewhere". */
    public String describe() {
        return text() + ", at most " + Math.round(100 * elsewhere) + "% elsewhere";
    }
}
