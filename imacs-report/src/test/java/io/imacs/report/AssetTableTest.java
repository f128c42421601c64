package io.imacs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each asset's pixel size: a PNG's from its header, other formats through ImageIO. */
class AssetTableTest {
    @TempDir Path dir;

    @Test void sizesComeFromPngHeadersAndFromImageIoForOtherFormats() throws Exception {
        ImageIO.write(new BufferedImage(37, 21, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("wide.png").toFile());
        ImageIO.write(new BufferedImage(13, 300, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("tall.png").toFile());
        ImageIO.write(new BufferedImage(11, 9, BufferedImage.TYPE_INT_RGB), "jpg", dir.resolve("photo.jpg").toFile());
        AssetTable assets = new AssetTable(dir);
        assertArrayEquals(new int[] {37, 21}, assets.size(assets.add("wide.png", "tile")));
        assertArrayEquals(new int[] {13, 300}, assets.size(assets.add("tall.png", "tile")));
        assertArrayEquals(new int[] {11, 9}, assets.size(assets.add("photo.jpg", "thumbnail")));
    }
}
