package cn.dongli.carbonmap.survey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import cn.dongli.carbonmap.metrics.UnitMetrics;

/** A unit's report as a printable A4 PDF in Chinese, the font embedded (subset). */
final class PdfReport {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth();
    private static final float HEIGHT = PDRectangle.A4.getHeight();

    private PDDocument doc;
    private PDFont font;
    private PDPageContentStream cs;
    private float y;
    private int sections;
    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八"};

    private PdfReport() {
    }

    static byte[] render(ReportData data, Path fontFile, byte[] chartPng) {
        try {
            return new PdfReport().write(data, fontFile, chartPng);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] write(ReportData data, Path fontFile, byte[] chartPng) throws IOException {
        try (PDDocument d = new PDDocument(); FontHolder holder = FontHolder.open(fontFile)) {
            doc = d;
            font = holder.load(d);
            newPage();
            text(data.title(), 18, MARGIN, true);
            y -= 8;
            text("东丽区碳汇与空间规划一张图 · 制表日期 " + data.date(), 10, MARGIN, false);
            y -= 10;

            section("主要指标");
            for (ReportRows.Row r : ReportRows.indicators(data.unit())) {
                row(new String[] {r.label(), r.text()}, new float[] {250, 200});
            }

            if (!data.unit().targets().isEmpty()) {
                section("碳达峰实施方案目标");
                row(new String[] {"指标", "目标", "现状", "完成度", "状态"}, new float[] {190, 70, 70, 60, 60});
                for (UnitMetrics.TargetStatus t : data.unit().targets()) {
                    row(new String[] {t.title().get("zh") + "（" + t.year() + "年）", ReportRows.targetText(t),
                            ReportRows.valueText(t),
                            t.progress() == null ? "—" : String.format(Locale.ROOT, "%.0f%%", t.progress() * 100),
                            ReportRows.status(t.status())}, new float[] {190, 70, 70, 60, 60});
                }
            }

            section("历次调查与碳汇");
            float chartWidth = WIDTH - 2 * MARGIN;
            float chartHeight = chartWidth * ReportChart.HEIGHT / ReportChart.WIDTH;
            need(chartHeight + 10);
            PDImageXObject image = PDImageXObject.createFromByteArray(doc, chartPng, "chart");
            y -= chartHeight;
            cs.drawImage(image, MARGIN, y, chartWidth, chartHeight);
            y -= 12;
            row(new String[] {"调查季", "日期", "森林覆盖率", "蓄积量（m3）", "碳储量（tC）", "年固碳（tC/年）"},
                    new float[] {70, 75, 70, 85, 85, 110});
            for (SurveyFigures.Point p : data.series()) {
                row(new String[] {p.season().equals("current") ? "现状" : p.season(), p.date().toString(),
                        ReportRows.pct(p.figures().forestCover()), ReportRows.fmt(p.figures().forestStockM3(), 0),
                        ReportRows.fmt(p.figures().carbonT(), 1),
                        p.sequestrationTPerYear() == null ? "—" : ReportRows.fmt(p.sequestrationTPerYear(), 1)},
                        new float[] {70, 75, 70, 85, 85, 110});
            }

            section("碳计量参数（材积源生物量法：C = V × D × BEF × (1+R) × CF，CO2 = C × 44/12）");
            row(new String[] {"树种", "D", "BEF", "R", "CF", "来源"}, new float[] {55, 45, 45, 45, 50, 255});
            for (CarbonParameter p : data.parameters()) {
                row(new String[] {p.nameZh(), num(p.woodDensity()), num(p.bef()), num(p.rootShoot()),
                        num(p.carbonFraction()), p.source()}, new float[] {55, 45, 45, 45, 50, 255});
            }
            cs.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Keeps a TrueType collection open while the document that embeds one of its fonts is written. */
    private record FontHolder(Path file, TrueTypeCollection collection) implements AutoCloseable {
        static FontHolder open(Path file) throws IOException {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return new FontHolder(file, name.endsWith(".ttc") ? new TrueTypeCollection(file.toFile()) : null);
        }

        PDFont load(PDDocument doc) throws IOException {
            if (collection == null) {
                return PDType0Font.load(doc, file.toFile());
            }
            List<TrueTypeFont> fonts = new ArrayList<>();
            collection.processAllFonts(fonts::add);
            return PDType0Font.load(doc, fonts.get(0), true);
        }

        @Override
        public void close() throws IOException {
            if (collection != null) {
                collection.close();
            }
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = HEIGHT - MARGIN;
    }

    private void need(float height) throws IOException {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    private void section(String title) throws IOException {
        sections++;
        y -= 14;
        need(40);
        text(NUMERALS[sections - 1] + "、" + title, 13, MARGIN, true);
        y -= 4;
    }

    private void text(String s, float size, float x, boolean bold) throws IOException {
        need(size + 4);
        y -= size + 4;
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(printable(s));
        cs.endText();
        if (bold) {
            // a second pass slightly offset: the embedded font has one weight
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x + 0.4f, y);
            cs.showText(printable(s));
            cs.endText();
        }
    }

    /** One table row; text longer than its column wraps onto more lines. */
    private void row(String[] cells, float[] widths) throws IOException {
        float size = 9.5f;
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> w = wrap(printable(cells[i]), widths[i] - 6, size);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        float height = lines * (size + 3) + 6;
        need(height);
        float x = MARGIN;
        cs.setLineWidth(0.4f);
        for (int i = 0; i < cells.length; i++) {
            cs.addRect(x, y - height, widths[i], height);
            cs.stroke();
            float ty = y - size - 3;
            for (String line : wrapped.get(i)) {
                cs.beginText();
                cs.setFont(font, size);
                cs.newLineAtOffset(x + 3, ty);
                cs.showText(line);
                cs.endText();
                ty -= size + 3;
            }
            x += widths[i];
        }
        y -= height;
    }

    private List<String> wrap(String s, float width, float size) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (font.getStringWidth(line + ch) / 1000 * size > width && line.length() > 0) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(ch);
            i += Character.charCount(cp);
        }
        out.add(line.toString());
        return out;
    }

    /** Replaces characters the embedded fonts may lack (sub- and superscripts) with plain ones. */
    private static String printable(String s) {
        return s == null ? "" : s.replace("₂", "2").replace("³", "3").replace("²", "2").replace("–", "-")
                .replace("—", "-").replace("×", "x");
    }
}
