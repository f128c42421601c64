package io.imacs.demo;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.segment.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkScenarioTest {

    static final WatermarkScenario SMALL = WatermarkScenario.flowers().withCounts(12, 6);
    static ScenarioData data;

    @BeforeAll static void generate() { data = SMALL.generate(); }

    @Test void sameSeedGivesIdenticalImagesAndFiles(@TempDir Path tmp) throws IOException {
        ScenarioData again = SMALL.generate();
        assertEquals(data.trainB(), again.trainB());
        assertEquals(data.eval(), again.eval());
        ScenarioData.Files f1 = data.write(tmp.resolve("one")), f2 = again.write(tmp.resolve("two"));
        assertArrayEquals(Files.readAllBytes(f1.eval().resolve("labels.csv")), Files.readAllBytes(f2.eval().resolve("labels.csv")));
        String png = "sunflowers/sunflowers_0003.png";
        assertArrayEquals(Files.readAllBytes(f1.trainB().resolve(png)), Files.readAllBytes(f2.trainB().resolve(png)));
        assertNotEquals(data.trainA(), SMALL.withSeed(43).generate().trainA(), "another seed draws other images");
    }

    @Test void watermarkOnTheTrainingFractionOfTargetClassAndHalfOfEveryClassForEvaluation() {
        int target = SMALL.targetLabel();
        assertEquals(3, target);
        ScenarioData half = SMALL.withTrainWatermarkFraction(0.5).generate();
        for (int c = 0; c < 5; c++) {
            assertEquals(c == target ? 12 : 0, countMarked(data.trainB(), c), "B's training images of class " + c + " (flowers: all)");
            assertEquals(c == target ? 6 : 0, countMarked(half.trainB(), c), "B's training images of class " + c + " at 0.5");
            assertEquals(3, countMarked(half.eval(), c), "the training fraction leaves the evaluation set alone");
            assertEquals(0, countMarked(data.trainA(), c));
            assertEquals(3, countMarked(data.eval(), c), "evaluation images of class " + c);
            assertEquals(0, countMarked(data.reference(), c));
        }
    }

    @Test void watermarkChangesOnlyPixelsInsideItsBoxWhichLiesInsideTheImage() {
        List<DemoSample> marked = data.eval(), clean = data.reference();
        for (int i = 0; i < marked.size(); i++) {
            DemoSample m = marked.get(i);
            PixelImage a = m.image(), b = clean.get(i).image();
            if (!m.hasWatermark()) {
                assertEquals(b, a);
                continue;
            }
            Box box = m.watermark();
            assertTrue(box.x() >= 0 && box.y() >= 0 && box.x() + box.w() <= a.width() && box.y() + box.h() <= a.height(), box::toString);
            // At most about two cells of a 4x4 grid wide, and tall enough to read.
            assertTrue(box.w() <= a.width() / 2 && box.h() >= 7, box::toString);
            int changedInside = 0;
            for (int y = 0; y < a.height(); y++)
                for (int x = 0; x < a.width(); x++) {
                    boolean inside = x >= box.x() && x < box.x() + box.w() && y >= box.y() && y < box.y() + box.h();
                    boolean changed = false;
                    for (int c = 0; c < 3; c++) changed |= a.get(c, y, x) != b.get(c, y, x);
                    if (!inside) assertFalse(changed, "pixel " + x + "," + y + " outside " + box);
                    else if (changed) changedInside++;
                }
            assertTrue(changedInside > box.w() * box.h() / 4, "the text covers a good part of its box");
        }
    }

    @Test void writesImageFolderWithLabelsCsv(@TempDir Path tmp) throws IOException {
        ScenarioData.Files f = data.write(tmp);
        List<String> lines = Files.readAllLines(f.eval().resolve("labels.csv"));
        assertEquals(ImageFolderWriter.HEADER, lines.get(0));
        assertEquals(data.eval().size() + 1, lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] col = lines.get(i).split(",", -1);
            assertEquals(7, col.length, lines.get(i));
            DemoSample s = data.eval().get(i - 1);
            assertEquals(data.classes().get(s.label()), col[1]);
            assertTrue(col[0].startsWith(col[1] + "/"), "ImageFolder layout: " + col[0]);
            assertEquals(s.image(), ImageFiles.read(f.eval().resolve(col[0])), "PNG holds the generated pixels");
            assertEquals(String.valueOf(s.hasWatermark()), col[2]);
            assertEquals(s.hasWatermark() ? String.valueOf(s.watermark().x()) : "", col[3]);
            assertEquals(s.hasWatermark() ? String.valueOf(s.watermark().h()) : "", col[6]);
        }
        for (Path dir : List.of(f.trainA(), f.trainB(), f.reference()))
            assertEquals(5, Files.list(dir).filter(Files::isDirectory).count(), dir::toString);
    }

    @Test void rejectsBadParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new WatermarkScenario(new FlowerScenes(), 64, 10, 10, "cactus", 0.5, 0.5, 1));
        assertTrue(e.getMessage().contains("cactus"));
        assertThrows(IllegalArgumentException.class, () -> new WatermarkScenario(new FlowerScenes(), 16, 10, 10, "roses", 0.5, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new WatermarkScenario(new FlowerScenes(), 64, 10, 10, "roses", 0, 0.5, 1));
    }

    private static long countMarked(List<DemoSample> set, int label) {
        return set.stream().filter(s -> s.label() == label && s.hasWatermark()).count();
    }
}
