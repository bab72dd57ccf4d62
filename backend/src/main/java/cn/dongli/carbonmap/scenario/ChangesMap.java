package cn.dongli.carbonmap.scenario;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * The map of a comparison report, drawn with Java2D: the streets and the ecological barrier as outlines, and what each
 * scenario changes in its own colour (filled; deletions dashed), with a legend, a scale bar and north. A PNG, for
 * the PDF.
 */
final class ChangesMap {

    static final int WIDTH = 1400;
    static final int HEIGHT = 1100;
    /** One colour per compared scenario (the live state has none: it is the base map). */
    static final Color[] COLOURS = {new Color(0x6a1b9a), new Color(0xef6c00), new Color(0x00838f),
        new Color(0xc62828), new Color(0x2e7d32), new Color(0x1565c0), new Color(0x6d4c41), new Color(0xad1457)};

    private ChangesMap() {
    }

    /** What one scenario changes: its name and the features, with whether each is a deletion. */
    record Layer(String name, List<Geometry> added, List<Geometry> deleted) {
    }

    static byte[] png(List<Geometry> streets, Geometry barrier, List<Layer> scenarios, Path fontFile) {
        Font base;
        try {
            base = Font.createFonts(fontFile.toFile())[0];
        } catch (IOException | FontFormatException e) {
            throw new UncheckedIOException(new IOException("cannot read the font " + fontFile, e));
        }
        Envelope extent = new Envelope();
        streets.forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
        if (barrier != null) {
            extent.expandToInclude(barrier.getEnvelopeInternal());
        }
        if (extent.isNull()) {
            extent.init(117.2, 117.6, 38.95, 39.3);
        }
        double k = Math.cos(Math.toRadians(extent.centre().y));
        double margin = 60;
        double scale = Math.min((WIDTH - 2 * margin) / (extent.getWidth() * k),
                (HEIGHT - 2 * margin - 60) / extent.getHeight());
        double ox = (WIDTH - extent.getWidth() * k * scale) / 2;
        double oy = margin + 60;
        Projection p = c -> new double[] {ox + (c.x - extent.getMinX()) * k * scale,
            oy + (extent.getMaxY() - c.y) * scale};

        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(0x9e9e9e));
        g.setStroke(new BasicStroke(1.5f));
        streets.forEach(s -> g.draw(path(s, p)));
        if (barrier != null) {
            g.setColor(new Color(0x1b5e20));
            g.setStroke(new BasicStroke(3f));
            g.draw(path(barrier, p));
        }
        float[] dash = {8f, 6f};
        for (int i = 0; i < scenarios.size(); i++) {
            Color c = COLOURS[i % COLOURS.length];
            Color fill = new Color(c.getRed(), c.getGreen(), c.getBlue(), 150);
            for (Geometry a : scenarios.get(i).added()) {
                Path2D shape = path(a, p);
                g.setColor(fill);
                g.fill(shape);
                g.setColor(c);
                g.setStroke(new BasicStroke(1.2f));
                g.draw(shape);
            }
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            g.setColor(c);
            for (Geometry d : scenarios.get(i).deleted()) {
                g.draw(path(d, p));
            }
        }

        // legend
        g.setFont(base.deriveFont(Font.PLAIN, 24f));
        int lx = 30;
        int ly = 40;
        g.setColor(Color.BLACK);
        g.drawString("各规划情景新增或改变的要素（虚线：情景中删除）", lx, ly);
        ly += 16;
        g.setFont(base.deriveFont(Font.PLAIN, 20f));
        int x = lx;
        for (int i = 0; i < scenarios.size(); i++) {
            Color c = COLOURS[i % COLOURS.length];
            g.setColor(c);
            g.fillRect(x, ly + 8, 26, 18);
            g.setColor(Color.BLACK);
            String label = scenarios.get(i).name();
            g.drawString(label, x + 34, ly + 24);
            x += 34 + g.getFontMetrics().stringWidth(label) + 30;
        }
        g.setColor(new Color(0x1b5e20));
        g.setStroke(new BasicStroke(3f));
        g.drawLine(x, ly + 17, x + 26, ly + 17);
        g.setColor(Color.BLACK);
        g.drawString("生态屏障区", x + 34, ly + 24);
        x += 34 + g.getFontMetrics().stringWidth("生态屏障区") + 30;
        g.setColor(new Color(0x9e9e9e));
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(x, ly + 17, x + 26, ly + 17);
        g.setColor(Color.BLACK);
        g.drawString("街道界", x + 34, ly + 24);

        // scale bar: 5 km, and north
        double metresPerPixel = 111_320.0 / scale;
        int bar = (int) Math.round(5000 / metresPerPixel);
        int by = HEIGHT - 40;
        g.setStroke(new BasicStroke(3f));
        g.drawLine(40, by, 40 + bar, by);
        g.drawLine(40, by - 8, 40, by + 2);
        g.drawLine(40 + bar, by - 8, 40 + bar, by + 2);
        g.drawString("5 km", 40 + bar + 10, by + 6);
        g.drawString("北", WIDTH - 60, HEIGHT - 90);
        g.drawLine(WIDTH - 50, HEIGHT - 80, WIDTH - 50, HEIGHT - 30);
        g.drawLine(WIDTH - 50, HEIGHT - 80, WIDTH - 58, HEIGHT - 66);
        g.drawLine(WIDTH - 50, HEIGHT - 80, WIDTH - 42, HEIGHT - 66);
        g.setFont(base.deriveFont(Font.PLAIN, 16f));
        g.drawString("CGCS2000 · 东丽区碳汇与空间规划一张图", WIDTH - 380, by + 6);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Projection {
        double[] apply(Coordinate c);
    }

    private static Path2D path(Geometry geometry, Projection p) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Geometry part = geometry.getGeometryN(i);
            if (part instanceof Polygon poly) {
                ring(path, poly.getExteriorRing(), p);
                for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                    ring(path, poly.getInteriorRingN(h), p);
                }
            }
        }
        return path;
    }

    private static void ring(Path2D.Double path, LineString ring, Projection p) {
        Coordinate[] cs = ring.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
            double[] xy = p.apply(cs[i]);
            if (i == 0) {
                path.moveTo(xy[0], xy[1]);
            } else {
                path.lineTo(xy[0], xy[1]);
            }
        }
        path.closePath();
    }
}
