package cn.dongli.carbonmap.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/**
 * A printable A4 PDF in Chinese, written top to bottom: headings, numbered sections, tables whose cells wrap, and
 * pictures; a new page begins when one is full. The font is embedded (subset). Close it to release the font.
 */
public final class PdfPages implements AutoCloseable {

    /** The page margin, points. */
    public static final float MARGIN = 50;
    /** The width of the page inside the margins, points. */
    public static final float TEXT_WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private final PDDocument doc;
    private final FontHolder holder;
    private final PDFont font;
    private PDPageContentStream cs;
    private float y;
    private int sections;

    /** Starts a document set in the font file (a .ttf, or the first font of a .ttc). */
    public PdfPages(Path fontFile) throws IOException {
        this.doc = new PDDocument();
        this.holder = FontHolder.open(fontFile);
        this.font = holder.load(doc);
        newPage();
    }

    /** A line of text at the left margin ({@code bold}: drawn twice, slightly offset: the font has one weight). */
    public void text(String s, float size, boolean bold) throws IOException {
        text(s, size, MARGIN, bold);
    }

    /** Vertical space, points. */
    public void space(float points) {
        y -= points;
    }

    /** A numbered section heading (一、二、…). */
    public void section(String title) throws IOException {
        sections++;
        y -= 14;
        need(40);
        text((sections <= NUMERALS.length ? NUMERALS[sections - 1] : Integer.toString(sections)) + "、" + title, 13,
                MARGIN, true);
        y -= 4;
    }

    /** One table row; text longer than its column wraps onto more lines, and a line break starts a new one. */
    public void row(String[] cells, float[] widths) throws IOException {
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

    /** A PNG picture across the text width, keeping its proportions (on a new page if it does not fit). */
    public void picture(byte[] png, float widthOverHeight) throws IOException {
        float width = TEXT_WIDTH;
        float height = width / widthOverHeight;
        need(height + 10);
        PDImageXObject image = PDImageXObject.createFromByteArray(doc, png, "picture");
        y -= height;
        cs.drawImage(image, MARGIN, y, width, height);
        y -= 12;
    }

    /** The document so far, as bytes. */
    public byte[] toBytes() throws IOException {
        cs.close();
        cs = null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        try {
            if (cs != null) {
                cs.close();
            }
            doc.close();
        } finally {
            holder.close();
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

    private void text(String s, float size, float x, boolean bold) throws IOException {
        need(size + 4);
        y -= size + 4;
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(printable(s));
        cs.endText();
        if (bold) {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x + 0.4f, y);
            cs.showText(printable(s));
            cs.endText();
        }
    }

    private List<String> wrap(String s, float width, float size) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == '\n') {
                out.add(line.toString());
                line.setLength(0);
                i++;
                continue;
            }
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
