package io.imacs.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The image decoder's front end under random and damaged files (issue 14): {@link ImageFiles#read} either returns an
 * image with a positive size or throws {@link ImageFiles.ImageReadException} (a skipped image in a comparison, exit
 * 2 for {@code attribute --image}); never another exception. Damage: up to eight bytes of a small valid PNG or JPEG
 * replaced, which hits headers, chunk lengths, CRCs and compressed data.
 */
class ImageDecoderFuzzTest {
    private static Path dir;
    private static byte[] png, jpeg;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("imacs-image-fuzz");
        BufferedImage img = new BufferedImage(12, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) for (int x = 0; x < 12; x++) img.setRGB(x, y, (x * 21) << 16 | (y * 28) << 8 | 90);
        png = encode(img, "png");
        jpeg = encode(img, "jpg");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), format);
        return out.toByteArray();
    }

    @Property(tries = 300, seed = "20261128")
    void aDamagedPngIsDecodedOrRefusedCleanly(@ForAll("damagedPng") byte[] bytes) throws IOException { decode("x.png", bytes); }

    @Property(tries = 300, seed = "20261128")
    void aDamagedJpegIsDecodedOrRefusedCleanly(@ForAll("damagedJpeg") byte[] bytes) throws IOException { decode("x.jpg", bytes); }

    @Property(tries = 200, seed = "20261128")
    void randomBytesAreRefusedCleanly(@ForAll("randomBytes") byte[] bytes) throws IOException { decode("x.png", bytes); }

    private static void decode(String name, byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        try {
            PixelImage image = ImageFiles.read(file);
            assertTrue(image.width() > 0 && image.height() > 0, "a decoded image has a size");
            Statistics.collect("decoded");
        } catch (ImageFiles.ImageReadException refused) {
            assertTrue(refused.getMessage().contains(file.getFileName().toString()), "names the file: " + refused.getMessage());
            Statistics.collect("refused");
        }
    }

    @Provide Arbitrary<byte[]> damagedPng() { return damaged(png); }

    @Provide Arbitrary<byte[]> damagedJpeg() { return damaged(jpeg); }

    @Provide Arbitrary<byte[]> randomBytes() { return Arbitraries.bytes().array(byte[].class).ofMaxSize(400); }

    private static Arbitrary<byte[]> damaged(byte[] valid) {
        return Combinators.combine(Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(8),
            Arbitraries.bytes().list().ofSize(8)).as((at, values) -> {
                byte[] b = valid.clone();
                for (int i = 0; i < at.size(); i++) b[at.get(i)] = values.get(i);
                return b;
            });
    }
}
