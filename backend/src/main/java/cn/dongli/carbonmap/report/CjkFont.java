package cn.dongli.carbonmap.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * The font the reports are set in: a font with Chinese glyphs installed on the machine (Debian: fonts-wqy-microhei or
 * fonts-noto-cjk), or the file named by {@code carbonmap.reports-font}. Without one, reports are refused with a clear
 * message rather than printed with empty boxes.
 */
public final class CjkFont {

    static final List<String> CANDIDATES = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc");

    private CjkFont() {
    }

    /**
     * The font file.
     *
     * @param configured the configured file, or null
     * @throws ProblemException 503 if no font with Chinese glyphs is installed
     */
    public static Path locate(String configured) {
        List<String> tried = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            tried.add(configured);
        }
        tried.addAll(CANDIDATES);
        for (String candidate : tried) {
            Path p = Path.of(candidate);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        throw new ProblemException(503, "no-cjk-font", "No Chinese font",
                "reports need a font with Chinese glyphs: install fonts-wqy-microhei (Debian) or set "
                        + "carbonmap.reports-font to a .ttf/.ttc file");
    }
}
