package io.imacs.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * Synthetic TF-Flowers stand-in drawn with Java2D: five flower kinds that differ in petal shape,
 * colour and texture, on backgrounds (grass, sky, soil, foliage) drawn at random for every class so
 * the background carries no class signal. Drawn in a 64-unit canvas scaled to the requested size.
 */
public final class FlowerScenes implements SceneSource {

    public static final List<String> CLASSES = List.of("daisy", "dandelion", "roses", "sunflowers", "tulips");

    /** The natural backgrounds, in the order the generator draws them. */
    public static final List<String> NATURAL_BACKGROUNDS = List.of("grass", "sky", "soil", "foliage");

    @Override public String id() { return "flowers-v1"; }

    @Override public List<String> classes() { return CLASSES; }

    @Override public BufferedImage image(Split split, int label, int index, int size, long seed) {
        return draw(split, label, index, size, seed, null, null).image;
    }

    /**
     * One scene of the domain-shift study: the same flower as {@link #image} (same generator, same draws),
     * on its natural background or, when {@code backdrop} is given, on a flat studio backdrop of that colour,
     * with the mask of the flower's pixels.
     *
     * @param background what is behind the flower: grass, sky, soil, foliage or studio
     * @param foreground per pixel (row-major), true where the flower (petals, centre, stem, leaves) covers it
     */
    public record Scene(BufferedImage image, String background, boolean[] foreground) {}

    public Scene scene(Split split, int label, int index, int size, long seed, Color backdrop) {
        BufferedImage layer = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Drawn d = draw(split, label, index, size, seed, backdrop, null);
        draw(split, label, index, size, seed, backdrop, layer);
        boolean[] fg = new boolean[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++) fg[y * size + x] = (layer.getRGB(x, y) >>> 24) >= 128;
        return new Scene(d.image, d.background, fg);
    }

    private record Drawn(BufferedImage image, String background) {}

    /**
     * Draws a scene. The background always consumes the same draws (on a scratch canvas under a studio
     * backdrop), so the flower is the same whatever stands behind it. With {@code flowerOnly} the flower
     * alone is drawn onto that transparent layer, for the mask.
     */
    private Drawn draw(Split split, int label, int index, int size, long seed, Color backdrop, BufferedImage flowerOnly) {
        if (label < 0 || label >= CLASSES.size()) throw new IllegalArgumentException("flower class index out of range: " + label);
        // One generator per image, so an image does not depend on how many others are drawn.
        Random rnd = new Random(mix(seed, split.ordinal(), label, index));
        BufferedImage img = flowerOnly != null ? flowerOnly : new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        boolean natural = backdrop == null && flowerOnly == null;
        BufferedImage scratch = natural ? null : new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D bg = natural ? g : canvas(scratch);
        String background = paintBackground(bg, rnd);
        if (!natural) bg.dispose();
        if (backdrop != null && flowerOnly == null) {
            g.setColor(jitter(backdrop, new Random(mix(seed, split.ordinal(), label, index, 0x57D10)), 12));
            g.fillRect(0, 0, 64, 64);
            background = STUDIO;
        }
        double cx = 20 + 24 * rnd.nextDouble(), cy = 20 + 24 * rnd.nextDouble(), r = 13 + 9 * rnd.nextDouble();
        switch (CLASSES.get(label)) {
            case "daisy" -> daisy(g, rnd, cx, cy, r);
            case "dandelion" -> dandelion(g, rnd, cx, cy, r);
            case "roses" -> rose(g, rnd, cx, cy, r);
            case "sunflowers" -> sunflower(g, rnd, cx, cy, r);
            default -> tulip(g, rnd, cx, cy, r);
        }
        g.dispose();
        return new Drawn(img, background);
    }

    /** The name of a flat studio backdrop in {@link Scene#background}. */
    public static final String STUDIO = "studio";

    @Override public BufferedImage background(int size, Random rnd) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        paintBackground(g, rnd);
        g.dispose();
        return img;
    }

    static long mix(long seed, long... parts) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = (h ^ p) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(img.getWidth() / 64.0, img.getHeight() / 64.0);
        return g;
    }

    /** Paints one of four natural backgrounds and returns its name. */
    private static String paintBackground(Graphics2D g, Random rnd) {
        int kind = rnd.nextInt(4);
        switch (kind) {
            case 0 -> { // grass: green gradient with darker blades
                g.setPaint(new GradientPaint(0, 0, jitter(new Color(110, 170, 70), rnd, 30), 0, 64, jitter(new Color(50, 110, 40), rnd, 30)));
                g.fillRect(0, 0, 64, 64);
                g.setStroke(new BasicStroke(0.8f));
                for (int i = 0; i < 60; i++) {
                    double x = rnd.nextDouble() * 64, y = rnd.nextDouble() * 70;
                    g.setColor(jitter(new Color(40, 90, 30), rnd, 25));
                    g.draw(new Line2D.Double(x, y, x + rnd.nextGaussian() * 2, y - 4 - 5 * rnd.nextDouble()));
                }
            }
            case 1 -> { // sky with clouds
                g.setPaint(new GradientPaint(0, 0, jitter(new Color(90, 140, 220), rnd, 30), 0, 64, jitter(new Color(170, 205, 240), rnd, 20)));
                g.fillRect(0, 0, 64, 64);
                for (int i = 0, n = rnd.nextInt(4); i < n; i++) {
                    g.setColor(new Color(245, 245, 250, 200));
                    double x = rnd.nextDouble() * 64, y = rnd.nextDouble() * 64;
                    g.fill(new Ellipse2D.Double(x - 10, y - 4, 20 + 10 * rnd.nextDouble(), 8 + 4 * rnd.nextDouble()));
                }
            }
            case 2 -> { // soil with speckles
                g.setColor(jitter(new Color(120, 85, 55), rnd, 25));
                g.fillRect(0, 0, 64, 64);
                for (int i = 0; i < 120; i++) {
                    g.setColor(jitter(new Color(90, 60, 40), rnd, 40));
                    g.fill(new Ellipse2D.Double(rnd.nextDouble() * 64, rnd.nextDouble() * 64, 1.5, 1.5));
                }
            }
            default -> { // foliage: overlapping dark leaves
                g.setColor(jitter(new Color(30, 70, 35), rnd, 20));
                g.fillRect(0, 0, 64, 64);
                for (int i = 0; i < 25; i++) {
                    g.setColor(jitter(new Color(60, 120, 60), rnd, 35));
                    ellipseAt(g, rnd.nextDouble() * 64, rnd.nextDouble() * 64, 8 + 6 * rnd.nextDouble(), 4 + 2 * rnd.nextDouble(), rnd.nextDouble() * Math.PI);
                }
            }
        }
        return NATURAL_BACKGROUNDS.get(kind);
    }

    private static void stem(Graphics2D g, Random rnd, double cx, double cy) {
        g.setColor(jitter(new Color(50, 130, 40), rnd, 20));
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(cx, cy, cx + rnd.nextGaussian() * 3, 70));
    }

    private static void daisy(Graphics2D g, Random rnd, double cx, double cy, double r) {
        if (rnd.nextBoolean()) stem(g, rnd, cx, cy);
        int n = 14 + rnd.nextInt(7);
        double a0 = rnd.nextDouble() * Math.PI;
        for (int i = 0; i < n; i++) {
            double a = a0 + 2 * Math.PI * i / n;
            g.setColor(jitter(new Color(245, 245, 240), rnd, 10));
            ellipseAt(g, cx + Math.cos(a) * r * 0.5, cy + Math.sin(a) * r * 0.5, r * 0.5, r * 0.13, a);
        }
        g.setColor(jitter(new Color(240, 200, 30), rnd, 15));
        g.fill(new Ellipse2D.Double(cx - r * 0.22, cy - r * 0.22, r * 0.44, r * 0.44));
    }

    private static void dandelion(Graphics2D g, Random rnd, double cx, double cy, double r) {
        if (rnd.nextBoolean()) stem(g, rnd, cx, cy);
        g.setStroke(new BasicStroke(0.7f));
        for (int i = 0, n = 110 + rnd.nextInt(40); i < n; i++) {
            double a = rnd.nextDouble() * 2 * Math.PI, len = r * (0.55 + 0.45 * rnd.nextDouble());
            g.setColor(jitter(new Color(250, 215, 20), rnd, 25));
            g.draw(new Line2D.Double(cx, cy, cx + Math.cos(a) * len, cy + Math.sin(a) * len));
        }
        g.setColor(jitter(new Color(235, 170, 10), rnd, 15));
        g.fill(new Ellipse2D.Double(cx - r * 0.3, cy - r * 0.3, r * 0.6, r * 0.6));
    }

    private static void rose(Graphics2D g, Random rnd, double cx, double cy, double r) {
        if (rnd.nextBoolean()) stem(g, rnd, cx, cy);
        Color[] shades = {new Color(200, 20, 40), new Color(150, 10, 30), new Color(230, 90, 140)};
        Color base = jitter(shades[rnd.nextInt(shades.length)], rnd, 20);
        for (int i = 0; i < 7; i++) {  // outer rounded petals
            double a = 2 * Math.PI * i / 7 + rnd.nextDouble() * 0.3;
            g.setColor(base.darker());
            g.fill(new Ellipse2D.Double(cx + Math.cos(a) * r * 0.45 - r * 0.4, cy + Math.sin(a) * r * 0.45 - r * 0.4, r * 0.8, r * 0.8));
        }
        g.setColor(base);
        g.fill(new Ellipse2D.Double(cx - r * 0.7, cy - r * 0.7, r * 1.4, r * 1.4));
        g.setColor(base.darker().darker());
        g.setStroke(new BasicStroke(1.1f));
        for (double k = 0.15; k < 0.7; k += 0.13) {  // the spiral of inner petals
            double start = rnd.nextDouble() * 360;
            g.draw(new java.awt.geom.Arc2D.Double(cx - r * k, cy - r * k, 2 * r * k, 2 * r * k, start, 250, java.awt.geom.Arc2D.OPEN));
        }
    }

    private static void sunflower(Graphics2D g, Random rnd, double cx, double cy, double r) {
        if (rnd.nextBoolean()) stem(g, rnd, cx, cy);
        int n = 16 + rnd.nextInt(9);
        double a0 = rnd.nextDouble() * Math.PI;
        for (int i = 0; i < n; i++) {  // pointed petals
            double a = a0 + 2 * Math.PI * i / n, w = Math.PI / n;
            Path2D.Double p = new Path2D.Double();
            p.moveTo(cx + Math.cos(a - w) * r * 0.4, cy + Math.sin(a - w) * r * 0.4);
            p.lineTo(cx + Math.cos(a) * r, cy + Math.sin(a) * r);
            p.lineTo(cx + Math.cos(a + w) * r * 0.4, cy + Math.sin(a + w) * r * 0.4);
            p.closePath();
            g.setColor(jitter(new Color(250, 190, 20), rnd, 20));
            g.fill(p);
        }
        g.setColor(jitter(new Color(80, 45, 20), rnd, 15));
        g.fill(new Ellipse2D.Double(cx - r * 0.45, cy - r * 0.45, r * 0.9, r * 0.9));
        g.setColor(new Color(140, 95, 40));
        for (double dy = -r * 0.4; dy <= r * 0.4; dy += 1.8)  // seed texture
            for (double dx = -r * 0.4; dx <= r * 0.4; dx += 1.8)
                if (dx * dx + dy * dy < r * r * 0.14) g.fill(new Ellipse2D.Double(cx + dx, cy + dy, 0.8, 0.8));
    }

    private static void tulip(Graphics2D g, Random rnd, double cx, double cy, double r) {
        stem(g, rnd, cx, cy);
        g.setColor(jitter(new Color(60, 140, 50), rnd, 20));
        ellipseAt(g, cx - r * 0.4, cy + r * 1.0, r * 0.6, r * 0.15, -1.1);
        ellipseAt(g, cx + r * 0.4, cy + r * 1.2, r * 0.6, r * 0.15, 1.1);
        Color[] shades = {new Color(220, 30, 30), new Color(240, 120, 20), new Color(200, 60, 160), new Color(120, 40, 150)};
        Color c = jitter(shades[rnd.nextInt(shades.length)], rnd, 20);
        g.setColor(c.darker());
        ellipseAt(g, cx - r * 0.3, cy, r * 0.7, r * 0.3, Math.PI / 2 - 0.25);
        ellipseAt(g, cx + r * 0.3, cy, r * 0.7, r * 0.3, Math.PI / 2 + 0.25);
        g.setColor(c);
        ellipseAt(g, cx, cy - r * 0.05, r * 0.75, r * 0.35, Math.PI / 2);
        g.setColor(c.darker().darker());
        g.setStroke(new BasicStroke(0.8f));
        g.draw(new Line2D.Double(cx, cy - r * 0.6, cx, cy + r * 0.5));
    }

    /** An ellipse with semi-axes (a, b) centred at (x, y), rotated by {@code angle} radians. */
    private static void ellipseAt(Graphics2D g, double x, double y, double a, double b, double angle) {
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        t.rotate(angle);
        g.fill(t.createTransformedShape(new Ellipse2D.Double(-a, -b, 2 * a, 2 * b)));
    }

    private static Color jitter(Color c, Random rnd, int amount) {
        return new Color(clamp(c.getRed() + rnd.nextInt(2 * amount + 1) - amount),
            clamp(c.getGreen() + rnd.nextInt(2 * amount + 1) - amount), clamp(c.getBlue() + rnd.nextInt(2 * amount + 1) - amount));
    }

    private static int clamp(int v) { return Math.max(0, Math.min(255, v)); }
}
