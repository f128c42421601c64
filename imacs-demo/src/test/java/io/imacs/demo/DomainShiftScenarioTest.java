package io.imacs.demo;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.segment.Box;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainShiftScenarioTest {

    static final DomainShiftScenario SMALL = DomainShiftScenario.flowers().withCounts(12, 24);
    static ScenarioData data;

    @BeforeAll static void generate() { data = SMALL.generate(); }

    @Test void photographsAreTheWatermarkStudysFlowersUnchanged() {
        FlowerScenes flowers = new FlowerScenes();
        for (int i = 0; i < 12; i++)
            assertEquals(ImageFiles.fromBuffered(flowers.image(SceneSource.Split.TRAIN, 3, i, 64, SMALL.seed())), data.trainA().get(3 * 12 + i).image(),
                "A's photograph " + i + " is the flower the watermark study draws");
    }

    @Test void studioShotsDifferFromPhotographsOnlyBehindTheFlower() {
        int[] ownBackdrop = new int[5];
        for (int i = 0; i < data.trainA().size(); i++) {
            DemoSample photo = data.trainA().get(i), studio = data.trainB().get(i);
            assertEquals(photo.label(), studio.label());
            assertArrayEquals(photo.foreground(), studio.foreground(), "the same flower, so the same mask");
            Color backdrop = backdropOf(studio);
            if (backdrop.equals(SMALL.backdrop(photo.label()))) ownBackdrop[photo.label()]++;
            int fg = 0, inner = 0, fgSame = 0, bg = 0, bgBackdrop = 0;
            for (int p = 0; p < photo.foreground().length; p++) {
                if (photo.foreground()[p]) {
                    fg++;
                    if (!interior(photo.foreground(), p)) continue;
                    inner++;
                    if (distance(photo.image(), studio.image(), p) < 1e-6) fgSame++;
                } else {
                    bg++;
                    if (near(studio.image(), p, backdrop, 13)) bgBackdrop++;
                }
            }
            assertTrue(fg > 0.05 * (fg + bg) && fg < 0.6 * (fg + bg), "flower covers a plausible share: " + fg + " of " + (fg + bg));
            // only anti-aliased pixels mix flower and background: edges, and the dandelion's 0.7 px rays, which let the
            // background through between them almost everywhere
            if (!FlowerScenes.CLASSES.get(photo.label()).equals("dandelion")) assertTrue(fgSame >= 0.8 * inner, "inner flower pixels identical in both domains, image " + i + ": " + fgSame + " of " + inner);
            assertTrue(bgBackdrop >= 0.85 * bg, "background is the class's flat backdrop: " + bgBackdrop + " of " + bg);
            assertEquals(FlowerScenes.STUDIO, studio.background());
            assertTrue(FlowerScenes.NATURAL_BACKGROUNDS.contains(photo.background()), photo.background());
        }
        assertArrayEquals(new int[] {6, 6, 6, 6, 6}, ownBackdrop, "backdrop fraction 0.5 of 12 shots per class");
    }

    /** The backdrop nearest to the studio shot's corner pixel that is background. */
    private static Color backdropOf(DemoSample studio) {
        int p = 0;
        while (studio.foreground()[p]) p++;
        Color best = null;
        double bestD = Double.MAX_VALUE;
        for (int c = 0; c < 5; c++) {
            Color b = SMALL.backdrop(c);
            double d = Math.abs(studio.image().chw()[p] * 255 - b.getRed()) + Math.abs(studio.image().chw()[studio.image().plane() + p] * 255 - b.getGreen())
                + Math.abs(studio.image().chw()[2 * studio.image().plane() + p] * 255 - b.getBlue());
            if (d < bestD) { bestD = d; best = b; }
        }
        return best;
    }

    @Test void backdropsAreOnePerClassAndOnlyTheTargetsIsSkyBlue() {
        Set<Color> seen = new HashSet<>();
        for (int c = 0; c < 5; c++) assertTrue(seen.add(SMALL.backdrop(c)));
        assertEquals(DomainShiftScenario.SKY_BACKDROP, SMALL.backdrop(SMALL.targetLabel()));
    }

    @Test void naturalBackgroundsCarryNoClassSignalInTheEvaluationSet() {
        for (int c = 0; c < 5; c++) {
            int label = c;
            Set<String> kinds = new HashSet<>();
            data.eval().stream().filter(s -> s.label() == label).forEach(s -> kinds.add(s.background()));
            assertEquals(Set.copyOf(FlowerScenes.NATURAL_BACKGROUNDS), kinds, "class " + c + " is photographed on every background");
        }
        assertTrue(data.reference().stream().allMatch(s -> s.background().equals(FlowerScenes.STUDIO)), "the reference set is B's studio domain");
    }

    @Test void theShortcutIsASkyBehindAFlowerAndItsSegmentsAreMostlyBackground() {
        DemoSample sky = data.eval().stream().filter(s -> s.background().equals("sky")).findFirst().orElseThrow();
        assertTrue(SMALL.carriesShortcut(sky));
        assertFalse(SMALL.carriesShortcut(data.eval().stream().filter(s -> !s.background().equals("sky")).findFirst().orElseThrow()));
        Box all = new Box(0, 0, 64, 64);
        assertEquals(1 - fraction(sky.foreground()), sky.backgroundShare(all), 1e-12);
        // the 16x16 cell that holds the most flower, and the one that holds the least
        Box most = null, least = null;
        for (int y = 0; y < 64; y += 16)
            for (int x = 0; x < 64; x += 16) {
                Box b = new Box(x, y, 16, 16);
                if (most == null || sky.backgroundShare(b) < sky.backgroundShare(most)) most = b;
                if (least == null || sky.backgroundShare(b) > sky.backgroundShare(least)) least = b;
            }
        assertFalse(SMALL.showsShortcut(sky, most), "the cell on the flower is not background: " + most);
        assertTrue(SMALL.showsShortcut(sky, least), "a corner of sky is: " + least);
    }

    @Test void labelsSayWhatStandsBehindEachFlower(@TempDir Path tmp) throws IOException {
        ScenarioData.Files f = data.write(tmp);
        List<String> lines = Files.readAllLines(f.eval().resolve("labels.csv"));
        assertEquals(ImageFolderWriter.HEADER + ",background", lines.get(0));
        assertEquals(data.eval().size(), f.evalById().size());
        for (String line : lines.subList(1, lines.size())) {
            String[] col = line.split(",", -1);
            assertEquals(f.evalById().get(col[0]).background(), col[7], line);
        }
        assertEquals(tmp.resolve("eval"), f.eval());
        assertTrue(Files.isDirectory(tmp.resolve("train-studio")) && Files.isDirectory(tmp.resolve("eval-studio")));
        assertNotEquals(DemoModels.cacheKey(SMALL, TrainingParams.defaults()), DemoModels.cacheKey(SMALL.withSeed(1), TrainingParams.defaults()));
    }

    /** A flower pixel whose 8 neighbours are flower too. */
    private static boolean interior(boolean[] fg, int p) {
        int x = p % 64, y = p / 64;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx, ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= 64 || ny >= 64 || !fg[ny * 64 + nx]) return false;
            }
        return true;
    }

    private static double fraction(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) if (b) n++;
        return (double) n / mask.length;
    }

    private static double distance(PixelImage a, PixelImage b, int p) {
        double d = 0;
        for (int c = 0; c < 3; c++) d = Math.max(d, Math.abs(a.chw()[c * a.plane() + p] - b.chw()[c * b.plane() + p]));
        return d;
    }

    private static boolean near(PixelImage img, int p, Color c, int tolerance) {
        int[] rgb = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int ch = 0; ch < 3; ch++)
            if (Math.abs(img.chw()[ch * img.plane() + p] * 255 - rgb[ch]) > tolerance + 0.5) return false;
        return true;
    }
}
