package io.imacs.image;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.fixtures.BadImages;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Assumptions;
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

    // ---------------------------------------------------------------- files that claim to be huge

    @Test void oversizedHeaderIsRefusedBeforeDecoding() throws Exception {
        // 20000x20000 would need 1.6 GB as ARGB ints alone, and the float planes 4.8 GB: far above the test heap
        Path f = BadImages.hugeHeaderPng(dir.resolve("huge.png"), 20000, 20000);
        assertTrue(Files.size(f) < 100, "small on disk: " + Files.size(f));
        ImageFiles.ImageReadException e = assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(f));
        assertTrue(e.getMessage().contains("huge.png") && e.getMessage().contains("20000x20000")
            && e.getMessage().contains("400.0 megapixels") && e.getMessage().contains("limit of 50 megapixels"), e.getMessage());
        // the function is never called: nothing was decoded
        assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(f, img -> fail("decoded " + img.width())));
    }

    @Test void theLimitIsFiftyMegapixels() throws Exception {
        assertEquals(50_000_000L, ImageFiles.MAX_PIXELS);
        Path above = BadImages.hugeHeaderPng(dir.resolve("above.png"), 10000, 5001);
        assertTrue(assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(above)).reason().contains("limit"));
        // exactly at the limit the header is accepted and decoding starts (and fails here: the pixel data is 1x1)
        Path at = BadImages.hugeHeaderPng(dir.resolve("at.png"), 10000, 5000);
        String reason = assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(at)).reason();
        assertTrue(reason.startsWith("cannot decode") && !reason.contains("limit"), reason);
    }

    @Test void headerWithinTheLimitButNoPixelsIsACleanDecodeError() throws Exception {
        Path f = BadImages.hugeHeaderPng(dir.resolve("liar.png"), 4000, 3000);
        ImageFiles.ImageReadException e = assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(f));
        assertTrue(e.getMessage().contains("liar.png") && e.getMessage().contains("cannot decode"), e.getMessage());
    }

    @Test void readsGiveTheirShareOfTheHeapBack() throws Exception {
        // each 9-megapixel decode holds 180 MB of a budget of half the heap: a share not given back, by a
        // failed decode or a refused header, would soon block every later read
        // (a leak shows as a read that never returns, hence the timeout)
        Path bad = BadImages.hugeHeaderPng(dir.resolve("bad.png"), 3000, 3000);
        Path huge = BadImages.hugeHeaderPng(dir.resolve("huge.png"), 20000, 20000);
        long share = (long) (Runtime.getRuntime().maxMemory() * ImageFiles.DECODE_HEAP_SHARE);
        long rounds = share / (9_000_000L * ImageFiles.BYTES_PER_PIXEL) + 2;
        Path f = dir.resolve("plain.png");
        ImageIO.write(pattern(BufferedImage.TYPE_INT_RGB), "png", f.toFile());
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
            for (int i = 0; i < rounds; i++) {
                assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(bad));
                assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(huge));
            }
            List<Integer> widths = java.util.stream.IntStream.range(0, 200).parallel().mapToObj(i -> ImageFiles.read(f, PixelImage::width)).toList();
            assertTrue(widths.stream().allMatch(w -> w == 12));
        });
    }

    // ---------------------------------------------------------------- file names that are not valid UTF-8

    @Test void nameThatIsNotUtf8IsBlamedNotTheImage() throws Exception {
        Path src = dir.resolve("src.png");
        ImageIO.write(pattern(BufferedImage.TYPE_INT_RGB), "png", src.toFile());
        Path f = BadImages.nonUtf8Name(dir.resolve("circle"), "bad", ".png", src);
        Assumptions.assumeTrue(f != null, "this system cannot make a file whose name is not valid UTF-8 (no /bin/sh, or the file system refuses it)");
        Assumptions.assumeFalse(BadImages.nameRoundTrips(f), "the JVM's file-name encoding (sun.jnu.encoding="
            + System.getProperty("sun.jnu.encoding") + ") reads every byte: such a name opens like any other");
        ImageFiles.ImageReadException e = assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(f));
        assertFalse(e.getMessage().contains("Can't read input file"), e.getMessage());
        assertTrue(e.reason().contains("the file name") && e.reason().contains("not valid UTF-8")
            && e.reason().contains("directory " + dir.resolve("circle")), e.reason());
    }

    @Test void directoryNameThatIsNotUtf8IsNamed() throws Exception {
        Path src = dir.resolve("src.png");
        ImageIO.write(pattern(BufferedImage.TYPE_INT_RGB), "png", src.toFile());
        Path marker = BadImages.nonUtf8Name(dir, "cls", "", src);
        Assumptions.assumeTrue(marker != null && !BadImages.nameRoundTrips(marker), "needs a name that is not valid UTF-8");
        Files.delete(marker);
        Files.createDirectory(marker);
        Path f = Files.copy(src, marker.resolve("ok.png"));
        ImageFiles.ImageReadException e = assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(f));
        assertTrue(e.reason().contains("the name of a directory") && e.reason().contains("directory " + dir), e.reason());
    }

    @Test void missingNameWithReplacementCharacterHintsAtTheEncoding() {
        ImageFiles.ImageReadException e = assertThrows(ImageFiles.ImageReadException.class, () -> ImageFiles.read(dir.resolve("bad\uFFFD.png")));
        assertTrue(e.reason().contains("missing") && e.reason().contains("not valid UTF-8"), e.reason());
    }

    // ---------------------------------------------------------------- CMYK JPEGs

    private static final Path FIXTURES = Path.of("..", "fixtures", "bad").toAbsolutePath().normalize();

    /** fixtures/bad/cmyk.jpg against Pillow's conversion of it (fixtures/bad/cmyk_pillow.png): every pixel, every channel. */
    @Test void cmykJpegDecodesToPillowsColours() {
        PixelImage got = ImageFiles.read(FIXTURES.resolve("cmyk.jpg"));
        PixelImage pillow = ImageFiles.read(FIXTURES.resolve("cmyk_pillow.png"));
        assertEquals(pillow.width(), got.width());
        assertEquals(pillow.height(), got.height());
        assertTrue(maxDiff(got, pillow) <= 4 / 255.0, "max difference to Pillow " + maxDiff(got, pillow) * 255 + "/255");
        // the orange quadrant: Pillow 195,103,27 (the JDK alone gives 227,171,91)
        assertEquals(195 / 255.0, got.get(0, 4, 4), 4 / 255.0);
        assertEquals(103 / 255.0, got.get(1, 4, 4), 4 / 255.0);
        assertEquals(27 / 255.0, got.get(2, 4, 4), 4 / 255.0);
    }

    /** The same inks written as YCCK (Adobe transform 2) decode to the same colours as the CMYK file. */
    @Test void ycckJpegDecodesLikeCmyk() throws Exception {
        int[][] inks = {{0, 120, 220, 60}, {200, 30, 0, 20}, {40, 200, 90, 120}, {10, 10, 10, 0}};
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        WritableRaster ycck = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++) {
                int[] ink = inks[x / 8 + 2 * (y / 8)];
                int c = 255 - ink[0], m = 255 - ink[1], ye = 255 - ink[2], k = 255 - ink[3]; // Adobe: inverted
                cmyk.setPixel(x, y, new int[] {c, m, ye, k});
                double r = 255 - c, g = 255 - m, b = 255 - ye; // libjpeg's cmyk_ycck_convert
                ycck.setPixel(x, y, new int[] {clamp(0.299 * r + 0.587 * g + 0.114 * b),
                    clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b), clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b), k});
            }
        Path fc = writeAdobeJpeg(cmyk, 0, dir.resolve("cmyk.jpg")), fy = writeAdobeJpeg(ycck, 2, dir.resolve("ycck.jpg"));
        PixelImage a = ImageFiles.read(fc), b = ImageFiles.read(fy);
        assertTrue(maxDiff(a, b) <= 6 / 255.0, "YCCK vs CMYK: " + maxDiff(a, b) * 255 + "/255");
        for (int q = 0; q < 4; q++) {
            int[] ink = inks[q];
            int x = (q % 2) * 8 + 4, y = (q / 2) * 8 + 4;
            for (int ch = 0; ch < 3; ch++) {
                double want = (1 - ink[ch] / 255.0) * (1 - ink[3] / 255.0);
                assertEquals(want, b.get(ch, y, x), 6 / 255.0, "quadrant " + q + " channel " + ch);
            }
        }
    }

    private static int clamp(double v) { return (int) Math.max(0, Math.min(255, Math.round(v))); }

    /** A 4-channel raster as a JPEG with an Adobe APP14 marker of the given transform (the JDK writes the components as given). */
    private static Path writeAdobeJpeg(Raster raster, int transform, Path file) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        var param = w.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.98f);
        Path plain = file.resolveSibling("plain-" + file.getFileName());
        try (ImageOutputStream out = ImageIO.createImageOutputStream(plain.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(raster, null, null), param);
        }
        // the JDK makes no default metadata for a raster: take the plain file's and add the marker
        ImageReader r = ImageIO.getImageReadersByFormatName("jpeg").next();
        IIOMetadata md;
        try (ImageInputStream in = ImageIO.createImageInputStream(plain.toFile())) {
            r.setInput(in);
            md = r.getImageMetadata(0);
        }
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(format);
        IIOMetadataNode seq = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
        adobe.setAttribute("transform", Integer.toString(transform));
        seq.insertBefore(adobe, seq.getFirstChild());
        md.setFromTree(format, root);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(raster, null, md), param);
        }
        w.dispose();
        r.dispose();
        return file;
    }

    private static double maxDiff(PixelImage a, PixelImage b) {
        double worst = 0;
        for (int i = 0; i < a.size(); i++) worst = Math.max(worst, Math.abs(a.chw()[i] - b.chw()[i]));
        return worst;
    }
}
