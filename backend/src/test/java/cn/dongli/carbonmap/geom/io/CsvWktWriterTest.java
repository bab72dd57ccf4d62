package cn.dongli.carbonmap.geom.io;

import cn.dongli.carbonmap.support.Gdal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV exports with WKT geometry, for Excel in Chinese and for GDAL. */
class CsvWktWriterTest {

    @TempDir
    Path dir;

    private static byte[] write() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = CsvWktWriter.write(out, ExportSamples.COLUMNS, ExportSamples.features());
        assertThat(written).isEqualTo(3);
        return out.toByteArray();
    }

    @Test
    void theFileStartsWithAByteOrderMarkForExcelAndTheWktColumn() throws Exception {
        byte[] csv = write();
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("WKT,名称,canopy_closure,canopy_closure_2018,株数,公益林,调查日期,备注\r\n\"POLYGON ((");
    }

    @Test
    void fieldsAreQuotedAsRfc4180SaysAndFormulasAreDefused() throws Exception {
        String text = new String(write(), StandardCharsets.UTF_8);
        assertThat(text).contains(",0.65,0.5,340,true,2024-05-01," + ExportSamples.LONG_REMARK + "\r\n");
        assertThat(text).contains(",\"金钟河防护林带, \"\"北段\"\"\n二期\",-12345.678,,12,false,,"
                + "\"'=HYPERLINK(\"\"http://example.com\"\")\"\r\n");
        assertThat(text).endsWith("\r\n,无图形记录,,,,,,\r\n");
    }

    @Test
    void gdalReadsTheGeometriesAndTheChineseText() throws Exception {
        Path csv = Files.write(dir.resolve("小班.csv"), write());
        String all = Gdal.ogrinfo("-ro", "-al", csv);
        assertThat(all).contains("Feature Count: 3", "名称 (String) = 东丽湖湿地",
                "名称 (String) = 金钟河防护林带, \"北段\"\n二期", "备注 (String) = " + ExportSamples.LONG_REMARK,
                "MULTIPOLYGON (((525951.325129483 4329648.4768247,", "POLYGON ((");
        assertThat(all).doesNotContain("Warning", "ERROR");
    }
}
