package dev.gkeinference.app.diagram;

import dev.gkeinference.app.diagram.Drawing.Box;
import dev.gkeinference.app.diagram.Drawing.Connector;
import dev.gkeinference.app.diagram.Drawing.Label;
import dev.gkeinference.app.diagram.Drawing.Shape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Paints a {@link Drawing} with Java2D into a PNG (headless; no display needed). Rendered at twice the drawing's
 * size so text stays sharp when the picture is scaled down in a README.
 */
public final class PngWriter {
    static final int SCALE = 2;

    private PngWriter() {
    }

    public static byte[] write(Drawing drawing) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(drawing.width() * SCALE, drawing.height() * SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(SCALE, SCALE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, drawing.width(), drawing.height());
            drawing.shapes().forEach(shape -> paint(g, shape));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the PNG", e);
        }
        return png.toByteArray();
    }

    private static void paint(Graphics2D g, Shape shape) {
        if (shape instanceof Box b) {
            box(g, b);
        } else if (shape instanceof Label l) {
            label(g, l);
        } else {
            connector(g, (Connector) shape);
        }
    }

    private static void box(Graphics2D g, Box b) {
        RoundRectangle2D rect = new RoundRectangle2D.Double(b.x(), b.y(), b.width(), b.height(), 16, 16);
        g.setColor(Color.decode(b.fill()));
        g.fill(rect);
        g.setColor(Color.decode(b.stroke()));
        g.setStroke(stroke(1.5f, b.dashed()));
        g.draw(rect);
    }

    private static void label(Graphics2D g, Label l) {
        g.setFont(new Font(Font.SANS_SERIF, l.bold() ? Font.BOLD : Font.PLAIN, l.size()));
        g.setColor(Color.decode(l.color()));
        float x = l.centered() ? l.x() - g.getFontMetrics().stringWidth(l.text()) / 2f : l.x();
        g.drawString(l.text(), x, l.y());
    }

    private static void connector(Graphics2D g, Connector c) {
        g.setColor(Color.decode(c.color()));
        g.setStroke(stroke(2f, c.dashed()));
        double angle = Math.atan2(c.y2() - c.y1(), c.x2() - c.x1());
        // stop the line at the arrow head's base so the tip stays sharp
        int baseX = (int) Math.round(c.x2() - 8 * Math.cos(angle));
        int baseY = (int) Math.round(c.y2() - 8 * Math.sin(angle));
        g.drawLine(c.x1(), c.y1(), baseX, baseY);
        Polygon head = new Polygon();
        head.addPoint(c.x2(), c.y2());
        head.addPoint((int) Math.round(baseX + 5 * Math.sin(angle)), (int) Math.round(baseY - 5 * Math.cos(angle)));
        head.addPoint((int) Math.round(baseX - 5 * Math.sin(angle)), (int) Math.round(baseY + 5 * Math.cos(angle)));
        g.fillPolygon(head);
    }

    private static BasicStroke stroke(float width, boolean dashed) {
        return dashed ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke(width);
    }
}
