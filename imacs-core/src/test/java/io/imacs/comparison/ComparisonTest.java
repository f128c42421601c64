package io.imacs.comparison;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.model.ModelException;
import io.imacs.model.ModelFormats;
import io.imacs.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder says what is missing, by key, before anything opens; a file of no installed format is named. */
class ComparisonTest {
    @Test void buildNamesEveryMissingInput() {
        OptionException e = assertThrows(OptionException.class, () -> Comparison.builder().setModelA(Path.of("a.pt")).build());
        assertEquals("modelB", e.key());
        for (String key : List.of("`modelB`", "`embedder`", "`data`", "`targetClass`", "`outputDir`"))
            assertTrue(e.getMessage().contains(key), e.getMessage());
        assertFalse(e.getMessage().contains("`modelA`"), e.getMessage());
    }

    @Test void aBuiltComparisonKeepsItsValuesWhenTheBuilderChanges() {
        Comparison.Builder b = Comparison.builder().setModelA(Path.of("a.pt")).setModelB(Path.of("b.pt")).setEmbedder(Path.of("e.onnx"))
            .setData(Path.of("d.csv")).setTargetClass("c").setOutputDir(Path.of("out")).opt(AnalysisOptions.CLUSTERS, 4)
            .optModelFormats(new ModelFormats(List.of()));
        Comparison c = b.build();
        b.opt(AnalysisOptions.CLUSTERS, 9);
        assertEquals(4, c.analysis().get(AnalysisOptions.CLUSTERS));
        assertEquals(9, b.build().analysis().get(AnalysisOptions.CLUSTERS));
    }

    @Test void optionsAreCheckedWhenSet() {
        assertEquals("clusters", assertThrows(OptionException.class, () -> Comparison.builder().opt(AnalysisOptions.CLUSTERS, 0)).key());
    }

    @Test void aModelOfNoInstalledFormatIsNamedWithTheFix(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.pt"), "x"), data = Files.writeString(dir.resolve("d.csv"), "path,label\nx.png,c\n");
        Files.writeString(dir.resolve("x.png"), "not an image");
        Comparison c = Comparison.builder().setModelA(a).setModelB(a).setEmbedder(a).setData(data).setTargetClass("c")
            .setOutputDir(dir.resolve("out")).optModelFormats(new ModelFormats(List.of())).build();
        ModelException e = assertThrows(ModelException.class, () -> c.run(Progress.NONE));
        assertTrue(e.getMessage().startsWith("`modelA` " + a) && e.getMessage().contains("imacs-onnx or imacs-djl"), e.getMessage());
    }

    /** A CSV naming images outside its directory stops the run before any model opens, unless the builder allows it. */
    @Test void dataOutsideTheCsvsDirectoryNeedsOptAllowOutsideData(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.pt"), "x");
        Files.createDirectories(dir.resolve("csv"));
        Path data = Files.writeString(dir.resolve("csv/d.csv"), "path,label\n../x.png,c\n");
        Comparison.Builder b = Comparison.builder().setModelA(a).setModelB(a).setEmbedder(a).setData(data).setTargetClass("c")
            .setOutputDir(dir.resolve("out")).optModelFormats(new ModelFormats(List.of()));
        io.imacs.data.DataException refused = assertThrows(io.imacs.data.DataException.class, () -> b.build().run(Progress.NONE));
        assertTrue(refused.getMessage().contains("`allowOutsideData`"), refused.getMessage());
        Comparison allowed = b.optAllowOutsideData(true).build();
        assertThrows(ModelException.class, () -> allowed.run(Progress.NONE), "past the data, to the models");
    }
}
