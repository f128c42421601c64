package io.imacs.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.imacs.image.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads an evaluation set from an ImageFolder directory ({@code DIR/<class>/<image>}) or a CSV
 * manifest ({@code path,label[,annotation...]}, UTF-8, paths relative to the CSV and inside its directory). Extra CSV
 * columns are annotations; {@code COLUMN=VALUE} filters restrict the set to matching rows.
 */
public final class EvalSetLoader {
    private EvalSetLoader() {}

    public static EvalSet load(Path data, List<String> filters) {
        return load(data, "data", filters);
    }

    /** As {@link #load(Path, List)}; {@code option} is the key of the option that named the data (e.g. {@code dataB}), for messages. */
    public static EvalSet load(Path data, String option, List<String> filters) {
        return load(data, option, filters, false);
    }

    /**
     * As {@link #load(Path, String, List)}; with {@code allowOutsideData} a CSV may name files outside its own
     * directory ({@code ../x.png}, {@code /abs/x.png}), which are refused otherwise.
     */
    public static EvalSet load(Path data, String option, List<String> filters, boolean allowOutsideData) {
        requireExists(data, option);
        EvalSet all = Files.isDirectory(data) ? imageFolder(data, option) : csv(data, option, allowOutsideData);
        return filter(all, filters);
    }

    /** The check {@link #load} makes first, for a caller that must fail early (before starting a cluster, say). */
    public static void requireExists(Path data, String option) {
        if (!Files.exists(data)) throw new DataException("`" + option + "` " + data + ": no such file or directory");
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

    /** Where a CSV row first named an image file, to tell a repeated row from a contradicting one. */
    private record Row(int line, String label) {}

    private static EvalSet csv(Path file, String option, boolean allowOutsideData) {
        String where = "`" + option + "` " + file;
        String text = utf8(file, where);
        Path base = file.toAbsolutePath().normalize().getParent();
        List<EvalImage> images = new ArrayList<>();
        List<String> outside = new ArrayList<>(), repeated = new ArrayList<>();
        Map<Path, Row> seen = new HashMap<>();
        List<String> header = null;
        int headerLine = 0, line = 0;
        try (MappingIterator<List<String>> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).readValues(text)) {
            while (true) {
                // where the next row starts: a quoted value may span lines, so rows are not counted
                line = rows.getCurrentLocation().getLineNr();
                if (!rows.hasNext()) break;
                List<String> row = rows.next();
                if (row.isEmpty() || row.size() == 1 && row.get(0).isBlank()) continue;  // blank lines, e.g. at the end
                if (header == null) {
                    header = header(row, where, line);
                    headerLine = line;
                    continue;
                }
                if (row.size() != header.size())
                    throw new DataException(where + " line " + line + ": " + row.size() + (row.size() == 1 ? " value" : " values")
                        + " where the header (line " + headerLine + ") has " + header.size() + " columns (" + String.join(",", header) + ")"
                        + (row.size() > header.size() ? "; a value with a comma in it needs double quotes" : ""));
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) values.put(header.get(i), row.get(i));
                String path = values.remove("path"), label = values.remove("label").strip();
                if (path.isBlank() || label.isBlank())
                    throw new DataException(where + " line " + line + ": empty path or label");
                Path f;
                try {
                    f = base.resolve(path).normalize();
                } catch (InvalidPathException e) {
                    throw new DataException(where + " line " + line + ": path " + path + " is not a file path (" + e.getReason() + ")");
                }
                // a manifest names images beside it; one reaching elsewhere (../, /etc/...) is refused unless the user says so
                if (!allowOutsideData && !f.startsWith(base)) outside.add("line " + line + ": path " + path);
                Row first = seen.putIfAbsent(f, new Row(line, label));
                if (first == null) images.add(new EvalImage(path, f, label, values));
                else if (!first.label().equals(label))
                    throw new DataException(where + " line " + line + ": " + path + " is labelled '" + label + "' here and '"
                        + first.label() + "' on line " + first.line() + "; give each image one label");
                else repeated.add("line " + line + " repeats line " + first.line() + " (" + path + ")");
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw malformed(where, line, e);
        }
        if (header == null) throw new DataException(where + ": the CSV is empty; it needs a header with columns 'path' and 'label'");
        if (images.isEmpty()) throw new DataException(where + ": the CSV has no rows");
        if (!outside.isEmpty())
            throw new DataException(where + " " + outside.get(0) + " is outside the CSV's directory " + base
                + (outside.size() == 2 ? " (and 1 more row)" : outside.size() > 2 ? " (and " + (outside.size() - 1) + " more rows)" : "")
                + "; move the images under it, or allow paths outside it with `allowOutsideData`");
        List<String> warnings = repeated.isEmpty() ? List.of() : List.of(where + ": " + repeated.size()
            + (repeated.size() == 1 ? " row names" : " rows name") + " an image an earlier row names, and " + (repeated.size() == 1 ? "is" : "are")
            + " left out (each image counts once); e.g. " + repeated.get(0));
        return new EvalSet(file.toString(), images, List.of(), List.of(), warnings);
    }

    /** The header's column names; it must name 'path' and 'label', each column once. */
    private static List<String> header(List<String> row, String where, int line) {
        List<String> names = row.stream().map(String::strip).toList();
        if (!names.contains("path") || !names.contains("label"))
            throw new DataException(where + ": the CSV needs a header with columns 'path' and 'label' (line " + line + " is "
                + String.join(",", names) + ")");
        for (String n : names)
            if (names.indexOf(n) != names.lastIndexOf(n))
                throw new DataException(where + " line " + line + ": the header names column '" + n + "' twice");
        return names;
    }

    /** A parse failure as the line of the row it is in; Jackson's own message gives the place of the end of the file. */
    private static DataException malformed(String where, int line, Exception e) {
        JsonProcessingException parse = null;
        for (Throwable t = e; t != null && parse == null; t = t.getCause()) if (t instanceof JsonProcessingException j) parse = j;
        String why = parse != null ? parse.getOriginalMessage() : String.valueOf(e.getMessage());
        if (why.contains("closing quote"))
            return new DataException(where + " line " + line + ": a quoted value (starting with \") is not closed; "
                + "end it with \", or write a \" inside a quoted value as \"\"");
        return new DataException(where + " line " + line + ": not valid CSV: " + why.lines().findFirst().orElse(""));
    }

    /**
     * The file's text, read as UTF-8 (a byte order mark is dropped). Any other encoding is refused with the line of
     * its first non-UTF-8 byte: decoding it as UTF-8 would change labels and paths without notice.
     */
    private static String utf8(Path file, String where) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(where + ": cannot read CSV: " + e.getMessage());
        }
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))
            throw new DataException(where + ": the CSV is UTF-16 text; save it as UTF-8");
        for (int i = 0; i < Math.min(bytes.length, 8192); i++)
            if (bytes[i] == 0) throw new DataException(where + ": not a text file; expected an ImageFolder directory or a CSV with path,label");
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult r = utf8.decode(in, out, true);
        if (!r.isError()) r = utf8.flush(out);
        if (r.isError()) {
            int at = in.position(), line = 1, lineStart = 0;
            for (int i = 0; i < at; i++) if (bytes[i] == '\n') { line++; lineStart = i + 1; }
            throw new DataException(where + " line " + line + ": not UTF-8 text (byte 0x" + String.format("%02X", bytes[at] & 0xFF)
                + " at byte " + (at - lineStart + 1) + " of the line); it is probably Latin-1 or Windows-1252: save it as UTF-8");
        }
        return out.flip().toString();
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
        return new EvalSet(set.location(), kept, filters, set.skipped(), set.warnings());
    }
}
