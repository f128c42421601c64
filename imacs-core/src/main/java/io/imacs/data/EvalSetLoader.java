package io.imacs.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.imacs.image.ImageFiles;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads an evaluation set from an ImageFolder directory ({@code DIR/<class>/<image>}) or a CSV
 * manifest ({@code path,label[,annotation...]}, paths relative to the CSV). Extra CSV columns are
 * annotations; {@code COLUMN=VALUE} filters restrict the set to matching rows.
 */
public final class EvalSetLoader {
    private EvalSetLoader() {}

    public static EvalSet load(Path data, List<String> filters) {
        return load(data, "data", filters);
    }

    /** As {@link #load(Path, List)}; {@code option} is the key of the option that named the data (e.g. {@code dataB}), for messages. */
    public static EvalSet load(Path data, String option, List<String> filters) {
        if (!Files.exists(data)) throw new DataException("`" + option + "` " + data + ": no such file or directory");
        EvalSet all = Files.isDirectory(data) ? imageFolder(data, option) : csv(data, option);
        return filter(all, filters);
    }

    private static EvalSet imageFolder(Path root, String option) {
        List<EvalImage> images = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> classes = Files.list(root)) {
            for (Path dir : classes.filter(Files::isDirectory).sorted().toList()) {
                String label = dir.getFileName().toString();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        String id = root.relativize(f).toString().replace('\\', '/');
                        String badName = ImageFiles.unreadableName(f); // before the cache, which knows files by content alone
                        if (badName != null) skipped.add(id + ": " + badName);
                        else if (ImageFiles.isImage(f)) images.add(new EvalImage(id, f, label, Map.of()));
                        else skipped.add(id + ": not an image file (PNG, JPEG, BMP, GIF, TIFF)");
                    }
                }
            }
        } catch (IOException e) {
            throw new DataException("`" + option + "` " + root + ": cannot list directory: " + e.getMessage());
        }
        if (images.isEmpty())
            throw new DataException("`" + option + "` " + root + ": no images found; expected DIR/<class>/<image> (ImageFolder) or a CSV with path,label");
        images.sort(Comparator.comparing(EvalImage::id));
        return new EvalSet(root.toString(), images, List.of(), skipped);
    }

    private static EvalSet csv(Path file, String option) {
        CsvMapper mapper = new CsvMapper();
        List<EvalImage> images = new ArrayList<>();
        Path base = file.toAbsolutePath().getParent();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            int line = 1;
            while (rows.hasNextValue()) { // unlike hasNext(), throws the IOException itself (e.g. bytes that are not UTF-8)
                line++;
                Map<String, String> row = new LinkedHashMap<>(rows.nextValue());
                String path = row.remove("path"), label = row.remove("label");
                if (path == null || label == null)
                    throw new DataException("`" + option + "` " + file + ": the CSV needs a header with columns 'path' and 'label' (line " + line + ")");
                if (path.isBlank() || label.isBlank())
                    throw new DataException("`" + option + "` " + file + " line " + line + ": empty path or label");
                images.add(new EvalImage(path, base.resolve(path).normalize(), label.strip(), row));
            }
        } catch (CharConversionException e) {
            throw new DataException("`" + option + "` " + file + ": cannot read CSV: " // Jackson's message gives the byte offset
                + e.getMessage().lines().findFirst().orElse("") + "; save the CSV as UTF-8");
        } catch (IOException e) {
            throw new DataException("`" + option + "` " + file + ": cannot read CSV: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (images.isEmpty()) throw new DataException("`" + option + "` " + file + ": the CSV has no rows");
        return new EvalSet(file.toString(), images, List.of(), List.of());
    }

    private static EvalSet filter(EvalSet set, List<String> filters) {
        if (filters.isEmpty()) return set;
        List<EvalImage> kept = new ArrayList<>(set.images());
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) throw new DataException("`filters` " + f + ": expected COLUMN=VALUE");
            String col = f.substring(0, eq), val = f.substring(eq + 1);
            boolean known = col.equals("label") || set.images().stream().anyMatch(i -> i.annotations().containsKey(col));
            if (!known) {
                List<String> cols = set.images().stream().flatMap(i -> i.annotations().keySet().stream()).distinct().sorted().toList();
                throw new DataException("`filters` " + f + ": no column '" + col + "'; columns are: label"
                    + (cols.isEmpty() ? " (annotations need a CSV manifest)" : ", " + String.join(", ", cols)));
            }
            kept.removeIf(i -> !val.equals(col.equals("label") ? i.label() : i.annotations().get(col)));
        }
        if (kept.isEmpty()) throw new DataException("`filters` " + String.join(" ", filters) + ": no image matches");
        return new EvalSet(set.location(), kept, filters, set.skipped());
    }
}
