package io.imacs.demo;

import io.imacs.segment.Box;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * The paper's Figure 3 watermark: white text with a thin dark outline at a random location.
 * The font size is the largest whose outlined text fits {@code maxWidthFraction} of the image width,
 * so on a 64x64 image with a 4x4 grid the text spans about two 16-pixel cells and stays legible.
 */
public record Watermark(String text, double maxWidthFraction) {

    public static final Watermark IMACS = new Watermark("IMACS", 0.47);

    public Watermark {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("watermark text must not be empty");
        if (maxWidthFraction <= 0 || maxWidthFraction > 1)
            throw new IllegalArgumentException("watermark width fraction must be in (0,1], got " + maxWidthFraction);
    }

    /** Draws the watermark at a uniformly random position fully inside the image; returns its box. */
    public Box stamp(BufferedImage image, Random rnd) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            TextLayout layout = layoutFor(image.getWidth(), g.getFontRenderContext());
            java.awt.Rectangle r = layout.getOutline(null).getBounds();
            int pad = 1;  // the outline stroke reaches one pixel past the glyphs
            int bw = r.width + 2 * pad, bh = r.height + 2 * pad;
            if (bw > image.getWidth() || bh > image.getHeight())
                throw new IllegalArgumentException("image " + image.getWidth() + "x" + image.getHeight() + " is too small for the watermark");
            int bx = rnd.nextInt(image.getWidth() - bw + 1), by = rnd.nextInt(image.getHeight() - bh + 1);
            java.awt.Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(bx + pad - r.x, by + pad - r.y));
            g.setColor(new Color(20, 20, 20));
            g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(outline);
            g.setColor(Color.WHITE);
            g.fill(outline);
            return new Box(bx, by, bw, bh);
        } finally {
            g.dispose();
        }
    }

    private TextLayout layoutFor(int imageWidth, FontRenderContext frc) {
        TextLayout best = null;
        for (int size = 6; size <= 200; size++) {
            TextLayout l = new TextLayout(text, new Font(Font.SANS_SERIF, Font.BOLD, size), frc);
            if (l.getOutline(null).getBounds().width + 2 > maxWidthFraction * imageWidth) break;
            best = l;
        }
        return best != null ? best : new TextLayout(text, new Font(Font.SANS_SERIF, Font.BOLD, 6), frc);
    }
}
