package cn.dongli.carbonmap.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The CSV of a table of figures: text from the data cannot run as a spreadsheet formula; numbers stay numbers. */
class TableFileTest {

    @Test
    void textThatAFormulaWouldStartWithIsDefusedAndNumbersAreNot() {
        List<Object> row = Arrays.asList("=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2", "@SUM(A1)", "\tx",
                "甲街道", -3.5, 42L, null);
        String csv = new String(TableFile.csv(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), List.of(row)),
                StandardCharsets.UTF_8);
        String[] lines = csv.substring(1).split("\r\n");
        assertThat(lines[0]).isEqualTo("a,b,c,d,e,f,g,h,i");
        assertThat(lines[1]).isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,"
                + "甲街道,-3.5,42,");
    }
}
