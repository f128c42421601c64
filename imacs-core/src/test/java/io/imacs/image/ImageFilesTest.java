package io.imacs.image;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The formats users bring (TF-Flowers JPEG, EuroSAT/UC Merced TIFF, ...), grey and alpha included, all become RGB in [0,1]. */
class ImageFilesTest {
    @TempDir Path dir;

    private static BufferedImage pattern(int type) {
        BufferedImage img = new BufferedImage(12, 8, type);
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 12; x++) img.setRGB(x, y, 0xff000000 | ((x * 20) << 16) | ((y * 30) << 8) | 200);
        return img;
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "gif", "tiff", "jpg"})
    void readsEveryFormatAsRgb(String format) throws Exception {
        Path f = dir.resolve("img." + format);
        BufferedImage src = pattern(BufferedImage.TYPE_INT_RGB);
        assertTrue(ImageIO.write(src, format.equals("jpg") ? "jpeg" : format, f.toFile()), "JDK writer for " + format);
        assertTrue(ImageFiles.isImage(f));
        PixelImage p = ImageFiles.read(f);
        assertEquals(12, p.width());
        assertEquals(8, p.height());
        // lossless formats give the pixels back exactly; GIF's palette and JPEG's compression come close on average
        boolean lossless = format.equals("png") || format.equals("bmp") || format.equals("tiff");
        double worst = 0, sum = 0;
        for (int y = 0; y < 8; y++)
            for (int x = 0; x < 12; x++) {
                float[] want = {x * 20 / 255f, y * 30 / 255f, 200 / 255f};
                for (int c = 0; c < 3; c++) {
                    double d = Math.abs(want[c] - p.get(c, y, x));
                    worst = Math.max(worst, d);
                    sum += d;
                }
            }
        if (lossless) assertEquals(0, worst, 1e-6, format);
        else assertTrue(sum / (12 * 8 * 3) < 0.03, format + " mean error " + sum / (12 * 8 * 3));
    }

    @Test void greyBecomesThreeEqualChannels() throws Exception {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 2, 0, 128);
        Path f = dir.resolve("grey.png");
        ImageIO.write(grey, "png", f.toFile());
        PixelImage p = ImageFiles.read(f);
        assertEquals(p.get(0, 2, 1), p.get(1, 2, 1));
        assertEquals(p.get(1, 2, 1), p.get(2, 2, 1));
        assertTrue(p.get(0, 2, 1) > 0.1f);
        assertEquals(0f, p.get(0, 0, 0));
    }

    @Test void alphaIsDropped() throws Exception {
        BufferedImage argb = new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x40ff8000);
        Path f = dir.resolve("alpha.png");
        ImageIO.write(argb, "png", f.toFile());
        PixelImage p = ImageFiles.read(f);
        assertEquals(1f, p.get(0, 1, 1), 1e-6);
        assertEquals(128 / 255f, p.get(1, 1, 1), 1e-6);
        assertEquals(0f, p.get(2, 1, 1), 1e-6);
    }

    @Test void unreadableFileNamesItselfAndTheReason() throws Exception {
        Path f = Files.writeString(dir.resolve("notes.png"), "not an image");
        ImageFiles.ImageReadException e = assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(f));
        assertTrue(e.getMessage().contains("notes.png") && e.getMessage().contains("not a supported image format"), e.getMessage());
        assertTrue(assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(dir.resolve("missing.jpg")))
            .getMessage().contains("missing"));
    }
}
