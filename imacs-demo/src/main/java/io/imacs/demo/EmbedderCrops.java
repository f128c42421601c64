package io.imacs.demo;

import io.imacs.image.ImageFiles;
import io.imacs.image.PixelImage;
import io.imacs.image.Resize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The embedder's broader task: crops shaped like IMACS's grid cells (one cell or 2x2 cells of a
 * 4x4 grid), resized to {@link DemoNets#EMBEDDER_INPUT}, labelled by what they show: an object of
 * each source class, plain background, text (random letters and digits in several fonts and
 * colours, never the word "IMACS"), or geometric marks. Because text is a kind of its own, crops
 * holding the watermark embed away from flower-part crops, which is what lets k-means put the
 * watermark into a cluster of its own.
 */
public record EmbedderCrops(SceneSource source, int imageSize, long seed) {

    public static final String BACKGROUND = "background", TEXT = "text", MARKS = "marks";
    private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};
    private static final String GLYPHS = "ABCDEFGHJKLMNOPQRSTUVWXYZ0123456789";

    /** One labelled crop at the embedder's input size. */
    public record Crop(PixelImage image, int kind) {}

    public List<String> kinds() {
        List<String> k = new ArrayList<>(source.classes());
        k.addAll(List.of(BACKGROUND, TEXT, MARKS));
        return k;
    }

    /** {@code perKind} crops of every kind, interleaved by kind; {@code stream} separates training from held-out sets. */
    public List<Crop> generate(int perKind, int stream) {
        Random rnd = new Random(FlowerScenes.mix(seed, 0xE3BEDL, stream));
        int classes = source.classes().size(), kinds = classes + 3;
        List<Crop> out = new ArrayList<>(perKind * kinds);
        for (int i = 0; i < perKind; i++) {
            for (int k = 0; k < kinds; k++) {
                int cell = imageSize / 4, side = rnd.nextBoolean() ? cell : 2 * cell;
                BufferedImage img;
                double px, py;  // a point the crop must be centred near
                if (k < classes) {
                    // Objects sit near the middle in both sources; a central crop shows object parts.
                    img = source.image(SceneSource.Split.TRAIN, k, (stream * 100_000 + i) % available(k), imageSize, FlowerScenes.mix(seed, 0xC0DE, stream));
                    px = imageSize * (0.3 + 0.4 * rnd.nextDouble());
                    py = imageSize * (0.3 + 0.4 * rnd.nextDouble());
                } else {
                    img = base(rnd);
                    double[] p = k == classes ? new double[] {rnd.nextDouble() * imageSize, rnd.nextDouble() * imageSize}
                        : k == classes + 1 ? drawText(img, rnd) : drawMarks(img, rnd);
                    px = p[0];
                    py = p[1];
                }
                // Text crops may hold only an edge of the text, as grid cells that clip a watermark do.
                out.add(new Crop(crop(img, px, py, side, k == classes + 1 ? side / 2.0 : side / 4.0, rnd), k));
            }
        }
        return out;
    }

    private int available(int label) {
        return Math.min(source.available(SceneSource.Split.TRAIN, label), Integer.MAX_VALUE / 2);
    }

    /** Half plain backgrounds, half object images, so text and marks appear on both. */
    private BufferedImage base(Random rnd) {
        if (rnd.nextBoolean()) return source.background(imageSize, rnd);
        int c = rnd.nextInt(source.classes().size());
        BufferedImage img = source.image(SceneSource.Split.TRAIN, c, rnd.nextInt(Math.min(1000, available(c))), imageSize, FlowerScenes.mix(seed, 0xBA5E));
        BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(img, 0, 0, null);
        return copy;
    }

    private PixelImage crop(BufferedImage img, double px, double py, int side, double jitter, Random rnd) {
        int x = clamp((int) Math.round(px - side / 2.0 + (rnd.nextDouble() * 2 - 1) * jitter), imageSize - side);
        int y = clamp((int) Math.round(py - side / 2.0 + (rnd.nextDouble() * 2 - 1) * jitter), imageSize - side);
        PixelImage c = ImageFiles.fromBuffered(img.getSubimage(x, y, side, side));
        return Resize.bilinear(c, DemoNets.EMBEDDER_INPUT, DemoNets.EMBEDDER_INPUT);
    }

    private static int clamp(int v, int max) { return Math.max(0, Math.min(max, v)); }

    /** Random glyphs about the watermark's size; returns a point inside the text. */
    private double[] drawText(BufferedImage img, Random rnd) {
        Graphics2D g = graphics(img);
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 3 + rnd.nextInt(4); i < n; i++) s.append(GLYPHS.charAt(rnd.nextInt(GLYPHS.length())));
        if (s.toString().equals("IMACS")) s.setCharAt(0, 'X');
        float size = imageSize * (0.11f + 0.08f * rnd.nextFloat());
        g.setFont(new Font(FONTS[rnd.nextInt(FONTS.length)], rnd.nextBoolean() ? Font.BOLD : Font.PLAIN, 1).deriveFont(size));
        Rectangle2D r = g.getFontMetrics().getStringBounds(s.toString(), g);
        double x = rnd.nextDouble() * Math.max(1, imageSize - r.getWidth()), y = -r.getY() + rnd.nextDouble() * Math.max(1, imageSize - r.getHeight());
        java.awt.Shape outline = g.getFont().createGlyphVector(g.getFontRenderContext(), s.toString()).getOutline((float) x, (float) y);
        if (rnd.nextBoolean()) {  // outlined like the watermark, in a random contrast colour
            g.setColor(randomColour(rnd));
            g.setStroke(new BasicStroke(1.6f));
            g.draw(outline);
        }
        g.setColor(rnd.nextInt(3) == 0 ? Color.WHITE : randomColour(rnd));
        g.fill(outline);
        g.dispose();
        Rectangle2D b = outline.getBounds2D();
        return new double[] {b.getX() + rnd.nextDouble() * b.getWidth(), b.getY() + rnd.nextDouble() * b.getHeight()};
    }

    /** Lines, rectangles and rings; returns a point on the last mark drawn. */
    private double[] drawMarks(BufferedImage img, Random rnd) {
        Graphics2D g = graphics(img);
        double[] p = null;
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            g.setColor(randomColour(rnd));
            g.setStroke(new BasicStroke(1 + 2 * rnd.nextFloat()));
            double x = rnd.nextDouble() * imageSize, y = rnd.nextDouble() * imageSize, w = 6 + rnd.nextDouble() * imageSize / 3;
            switch (rnd.nextInt(3)) {
                case 0 -> g.draw(new java.awt.geom.Line2D.Double(x, y, x + w * Math.cos(i), y + w * Math.sin(i + 1)));
                case 1 -> g.draw(new Rectangle2D.Double(x - w / 2, y - w / 2, w, w * 0.7));
                default -> g.draw(new java.awt.geom.Ellipse2D.Double(x - w / 2, y - w / 2, w, w));
            }
            p = new double[] {x, y - w / 2};
        }
        g.dispose();
        return p;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    private static Color randomColour(Random rnd) { return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)); }
}
