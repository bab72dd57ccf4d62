package cn.dongli.carbonmap.survey;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * The time-series chart of a report, drawn with Java2D: carbon stock (t C) per season as bars, forest cover (%) as a
 * line on the right-hand axis. A PNG, so that the PDF and the workbook show the same picture.
 */
final class ReportChart {

    static final int WIDTH = 1000;
    static final int HEIGHT = 420;

    private ReportChart() {
    }

    static byte[] png(List<SurveyFigures.Point> series, Path fontFile) {
        Font base;
        try {
            base = Font.createFonts(fontFile.toFile())[0];
        } catch (IOException | FontFormatException e) {
            throw new UncheckedIOException(new IOException("cannot read the font " + fontFile, e));
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int left = 90;
        int right = WIDTH - 80;
        int top = 60;
        int bottom = HEIGHT - 70;
        g.setFont(base.deriveFont(Font.BOLD, 20f));
        g.setColor(new Color(0x1f2d3d));
        g.drawString("碳储量与森林覆盖率（按调查季）", left, 34);
        g.setFont(base.deriveFont(14f));
        double maxCarbon = series.stream().mapToDouble(p -> p.figures().carbonT()).max().orElse(1);
        maxCarbon = niceCeiling(Math.max(maxCarbon, 1));
        double maxCover = series.stream().mapToDouble(p -> p.figures().forestCover() == null ? 0
                : p.figures().forestCover()).max().orElse(0.3);
        maxCover = Math.max(0.05, Math.ceil(maxCover * 20) / 20);
        // axes and grid
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 5; i++) {
            int y = bottom - (bottom - top) * i / 5;
            g.drawLine(left, y, right, y);
        }
        g.setColor(new Color(0x333333));
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        g.drawLine(right, top, right, bottom);
        for (int i = 0; i <= 5; i++) {
            int y = bottom - (bottom - top) * i / 5;
            String c = String.format(Locale.ROOT, "%,.0f", maxCarbon * i / 5);
            g.drawString(c, left - 8 - g.getFontMetrics().stringWidth(c), y + 5);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", maxCover * i / 5 * 100), right + 8, y + 5);
        }
        g.drawString("t C", left - 40, top - 12);
        g.drawString("森林覆盖率", right - 20, top - 12);
        int n = series.size();
        double slot = (double) (right - left) / Math.max(n, 1);
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i < n; i++) {
            SurveyFigures.Point p = series.get(i);
            int cx = (int) (left + slot * (i + 0.5));
            int h = (int) ((bottom - top) * p.figures().carbonT() / maxCarbon);
            int w = (int) Math.min(80, slot * 0.5);
            g.setColor(new Color(0x2e8b57));
            g.fillRect(cx - w / 2, bottom - h, w, h);
            g.setColor(new Color(0x1f2d3d));
            String v = String.format(Locale.ROOT, "%,.0f", p.figures().carbonT());
            g.drawString(v, cx - g.getFontMetrics().stringWidth(v) / 2, bottom - h - 6);
            String label = p.season().equals("current") ? "现状" : p.season();
            g.drawString(label, cx - g.getFontMetrics().stringWidth(label) / 2, bottom + 22);
            g.drawString(p.date().toString(), cx - g.getFontMetrics().stringWidth(p.date().toString()) / 2, bottom + 42);
            if (p.figures().forestCover() != null) {
                int y = bottom - (int) ((bottom - top) * p.figures().forestCover() / maxCover);
                g.setColor(new Color(0xd2691e));
                g.setStroke(new BasicStroke(3f));
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, cx, y);
                }
                g.fillOval(cx - 5, y - 5, 10, 10);
                prevX = cx;
                prevY = y;
                g.setStroke(new BasicStroke(1f));
            }
        }
        // legend
        g.setColor(new Color(0x2e8b57));
        g.fillRect(right - 300, 18, 16, 16);
        g.setColor(new Color(0x1f2d3d));
        g.drawString("碳储量（t C）", right - 278, 32);
        g.setColor(new Color(0xd2691e));
        g.fillOval(right - 150, 20, 12, 12);
        g.setColor(new Color(0x1f2d3d));
        g.drawString("森林覆盖率", right - 132, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
