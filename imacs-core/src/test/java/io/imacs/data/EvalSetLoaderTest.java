package io.imacs.data;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.BadImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalSetLoaderTest {
    @TempDir Path dir;

    @Test void imageFolderSortedWithNonImagesSkippedAndNamed() throws Exception {
        for (String f : List.of("tulip/b.png", "tulip/a.JPG", "daisy/x.tiff", "daisy/notes.txt"))
            Files.createDirectories(dir.resolve(f).getParent());
        for (String f : List.of("tulip/b.png", "tulip/a.JPG", "daisy/x.tiff", "daisy/notes.txt")) Files.writeString(dir.resolve(f), "");
        EvalSet s = EvalSetLoader.load(dir, List.of());
        assertEquals(List.of("daisy/x.tiff", "tulip/a.JPG", "tulip/b.png"), s.images().stream().map(EvalImage::id).toList());
        assertEquals(List.of("daisy", "tulip"), s.labels());
        assertEquals(1, s.skipped().size());
        assertTrue(s.skipped().get(0).startsWith("daisy/notes.txt"), s.skipped().toString());
    }

    /** Skipped at load, before the cache (which finds files by content alone) could take it for a copy with a good name. */
    @Test void nameThatIsNotUtf8IsSkippedAtLoadNamingTheDirectory() throws Exception {
        Files.createDirectories(dir.resolve("tulip"));
        Path good = Files.writeString(dir.resolve("tulip/a.png"), "");
        Path bad = BadImages.nonUtf8Name(dir.resolve("tulip"), "b", ".png", good);
        Assumptions.assumeTrue(bad != null && !BadImages.nameRoundTrips(bad), "needs a file name that is not valid UTF-8 (sun.jnu.encoding="
            + System.getProperty("sun.jnu.encoding") + ")");
        EvalSet s = EvalSetLoader.load(dir, List.of());
        assertEquals(List.of("tulip/a.png"), s.images().stream().map(EvalImage::id).toList());
        assertEquals(1, s.skipped().size());
        String skip = s.skipped().get(0);
        assertTrue(skip.startsWith("tulip/b\uFFFD.png: the file name is not valid UTF-8") && skip.contains("directory " + dir.resolve("tulip")), skip);
    }

    @Test void csvThatIsNotUtf8NamesTheOffsetAndTheEncoding() throws Exception {
        byte[] head = "path,label\na.png,x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = {'b', (byte) 0xff, '.', 'p', 'n', 'g', ',', 'x', '\n'};
        byte[] all = java.util.Arrays.copyOf(head, head.length + bad.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(dir.resolve("latin.csv"), all);
        DataException e = assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("latin.csv"), List.of()));
        assertTrue(e.getMessage().contains("latin.csv line 3") && e.getMessage().contains("byte 0xFF at byte 2 of the line") && e.getMessage().contains("save it as UTF-8"),
            e.getMessage());
    }

    @Test void csvWithQuotedFieldsAnnotationsAndFilters() throws Exception {
        Files.writeString(dir.resolve("eval.csv"), "path,label,site,note\n"
            + "img/1.png,rose,north,\"has, a comma\"\n"
            + "img/2.png,rose,south,plain\n"
            + "img/3.png,\"sun, flower\",north,\"quote \"\"q\"\"\"\n");
        EvalSet all = EvalSetLoader.load(dir.resolve("eval.csv"), List.of());
        assertEquals(3, all.images().size());
        assertEquals("has, a comma", all.images().get(0).annotations().get("note"));
        assertEquals("quote \"q\"", all.images().get(2).annotations().get("note"));
        assertEquals("sun, flower", all.images().get(2).label());
        assertEquals(dir.resolve("img/1.png"), all.images().get(0).file(), "paths are relative to the CSV");
        EvalSet north = EvalSetLoader.load(dir.resolve("eval.csv"), List.of("site=north", "label=rose"));
        assertEquals(List.of("img/1.png"), north.images().stream().map(EvalImage::id).toList());
        assertEquals(List.of("site=north", "label=rose"), north.filters());
    }

    @Test void problemsNameTheOptionAndWhatToDo() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "file,class\na.png,x\n");
        assertTrue(assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("bad.csv"), List.of()))
            .getMessage().contains("'path' and 'label'"));
        Files.writeString(dir.resolve("ok.csv"), "path,label,site\na.png,x,n\n");
        DataException col = assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("ok.csv"), List.of("colour=red")));
        assertTrue(col.getMessage().contains("`filters` colour=red") && col.getMessage().contains("site"), col.getMessage());
        assertTrue(assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("ok.csv"), List.of("site=s")))
            .getMessage().contains("no image matches"));
        assertTrue(assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("ok.csv"), "dataB", List.of("x")))
            .getMessage().contains("COLUMN=VALUE"));
        assertTrue(assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("none"), "dataB", List.of()))
            .getMessage().startsWith("`dataB` "));
    }

    private String refused(String csv) throws Exception {
        Files.writeString(dir.resolve("bad.csv"), csv);
        return assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("bad.csv"), List.of())).getMessage();
    }

    /** Issue 14: a manifest reaching out of its directory is refused, naming the line and path, unless allowed. */
    @Test void pathsOutsideTheCsvsDirectoryAreRefusedUnlessAllowed() throws Exception {
        Path csv = Files.writeString(dir.resolve("eval.csv"), "path,label\nin/a.png,x\n../x.png,y\n/etc/passwd,y\nin/../b.png,x\n");
        String m = assertThrows(DataException.class, () -> EvalSetLoader.load(csv, "dataB", List.of(), false)).getMessage();
        assertTrue(m.startsWith("`dataB` " + csv + " line 3: path ../x.png is outside"), m);
        assertTrue(m.contains("(and 1 more row)") && m.contains("`allowOutsideData`"), m);
        assertThrows(DataException.class, () -> EvalSetLoader.load(csv, List.of()), "refused by default");
        EvalSet allowed = EvalSetLoader.load(csv, "data", List.of(), true);
        assertEquals(List.of("in/a.png", "../x.png", "/etc/passwd", "in/../b.png"), allowed.images().stream().map(EvalImage::id).toList());
        assertEquals(Path.of("/etc/passwd"), allowed.images().get(2).file());
        assertEquals(dir.resolve("b.png"), allowed.images().get(3).file(), "a path that stays inside is fine as written");
    }

    /** Issue 14: a repeated row would give two images with one id; the second is left out, with a warning. */
    @Test void repeatedRowsAreLeftOutWithAWarningAndContradictingOnesRefused() throws Exception {
        Files.writeString(dir.resolve("eval.csv"), "path,label,site\na.png,x,n\nb.png,y,n\n./a.png,x,s\nb.png,y,n\n");
        EvalSet s = EvalSetLoader.load(dir.resolve("eval.csv"), List.of("site=n"));
        assertEquals(List.of("a.png", "b.png"), s.images().stream().map(EvalImage::id).toList());
        assertEquals(1, s.warnings().size(), "kept through filters: " + s.warnings());
        String w = s.warnings().get(0);
        assertTrue(w.startsWith("`data` " + dir.resolve("eval.csv") + ": 2 rows name an image an earlier row names") && w.contains("line 4 repeats line 2"), w);
        String m = refused("path,label\na.png,x\nb.png,y\na.png,y\n");
        assertTrue(m.contains("line 4: a.png is labelled 'y' here and 'x' on line 2"), m);
    }

    /** Issue 14: a Latin-1 file was an internal error ("Invalid UTF-8 middle byte"); now the line and encoding are named. */
    @Test void nonUtf8TextNamesTheLineAndEncoding() throws Exception {
        byte[] latin1 = "path,label\na.png,x\nb.png,caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("bad.csv"), latin1);
        String m = assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("bad.csv"), List.of())).getMessage();
        assertTrue(m.startsWith("`data` " + dir.resolve("bad.csv") + " line 3: not UTF-8"), m);
        assertTrue(m.contains("0xE9") && m.contains("Latin-1") && m.contains("save it as UTF-8"), m);
        Files.write(dir.resolve("utf16.csv"), "path,label\na.png,x\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertTrue(assertThrows(DataException.class, () -> EvalSetLoader.load(dir.resolve("utf16.csv"), List.of())).getMessage().contains("UTF-16"));
    }

    /** Excel's "CSV UTF-8" starts with a byte order mark; blank lines (often at the end) are no rows. */
    @Test void byteOrderMarkAndBlankLinesAreFine() throws Exception {
        Files.write(dir.resolve("bom.csv"), ("\uFEFFpath,label\r\na.png,caf\u00e9\r\n\r\nb.png,y\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        EvalSet s = EvalSetLoader.load(dir.resolve("bom.csv"), List.of());
        assertEquals(List.of("caf\u00e9", "y"), s.images().stream().map(EvalImage::label).toList());
    }

    /** Issue 14: an unclosed quote was an internal error; now the line where the quoted value starts is named. */
    @Test void unclosedQuoteNamesTheLine() throws Exception {
        String m = refused("path,label\na.png,x\n\"b.png,y\nc.png,z\n");
        assertTrue(m.startsWith("`data` " + dir.resolve("bad.csv") + " line 3: a quoted value"), m);
        assertTrue(m.contains("not closed"), m);
        // a row after a quoted value over two lines is counted by its own line
        m = refused("path,label,note\na.png,x,\"two\nlines\"\nb.png,y\n");
        assertTrue(m.contains(" line 4: 2 values where the header (line 1) has 3 columns (path,label,note)"), m);
    }

    /** Issue 14: a row with too few or too many values is named, not blamed on the header. */
    @Test void raggedRowsAreNamed() throws Exception {
        String m = refused("path,label,site\na.png,x,n\nb.png,y\n");
        assertTrue(m.contains(" line 3: 2 values where the header (line 1) has 3 columns (path,label,site)"), m);
        assertFalse(m.contains("needs a header"), m);
        m = refused("path,label\na.png,x\nb.png,y,z\n");
        assertTrue(m.contains(" line 3: 3 values where the header (line 1) has 2 columns") && m.contains("double quotes"), m);
        m = refused("path,label,path\na.png,x,y\n");
        assertTrue(m.contains("line 1: the header names column 'path' twice"), m);
        assertTrue(refused("\n\n").contains("the CSV is empty"));
    }
}
