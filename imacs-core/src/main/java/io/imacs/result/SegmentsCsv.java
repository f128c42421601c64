package io.imacs.result;

import io.imacs.files.OutputFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes {@code segments.csv}: one row per scored segment, for spreadsheets and pandas. */
public final class SegmentsCsv {
    private SegmentsCsv() {}

    public static final List<String> COLUMNS = List.of("model", "image", "label", "predicted", "outcome", "segment", "rank",
        "x", "y", "w", "h", "attribution", "standard_error", "cluster", "distance", "tile");

    /** Writes through a temporary file and a rename, as every output ({@link OutputFiles#write}). */
    public static void write(ImacsResult result, Path file) throws IOException {
        OutputFiles.write(file, tmp -> writeTo(result, tmp));
    }

    private static void writeTo(ImacsResult result, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            for (SegmentEntry s : result.segments()) {
                w.write(String.join(",", List.of(s.model().name(), quote(s.image()), quote(s.label()), quote(s.predicted()),
                    s.outcome().name(), Integer.toString(s.segment()), Integer.toString(s.rank()),
                    Integer.toString(s.box().x()), Integer.toString(s.box().y()), Integer.toString(s.box().w()), Integer.toString(s.box().h()),
                    num(s.attribution()), num(s.standardError()), Integer.toString(s.cluster()), num(s.distance()), quote(s.tile()))));
                w.write('\n');
            }
        }
    }

    /** Full precision, locale-independent: the CSV agrees with result.json to the last digit. */
    private static String num(double v) { return Double.toString(v).toLowerCase(Locale.ROOT); }

    /** RFC 4180 quoting when a field needs it. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
