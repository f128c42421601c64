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
        assertTrue(e.getMessage().contains("latin.csv") && e.getMessage().contains("byte #19") && e.getMessage().contains("save the CSV as UTF-8"),
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
}
