package cn.dongli.carbonmap.geom.io;

import cn.dongli.carbonmap.support.Gdal;
import static cn.dongli.carbonmap.geom.io.DongliSamples.PARCEL_WKT;
import static cn.dongli.carbonmap.geom.io.DongliSamples.checkSameShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;

import cn.dongli.carbonmap.geom.Crs;

/** GeoPackages as exports write them, checked by GDAL and its validator and read back. */
class GeoPackageWriterTest {

    private static final Crs.Code CM_117E = new Crs.Code(4548, false);

    @TempDir
    Path dir;

    private Path write() throws Exception {
        Path gpkg = dir.resolve("export.gpkg");
        long written = GeoPackageWriter.write(gpkg, "小班", 4548, ExportSamples.COLUMNS, ExportSamples.features());
        assertThat(written).isEqualTo(3);
        return gpkg;
    }

    @Test
    void gdalsValidatorFindsTheGeoPackageConformant() throws Exception {
        Path gpkg = write();
        assertThat(Gdal.validateGeoPackage(gpkg)).doesNotContain("Error", "Warning");
    }

    @Test
    void gdalReadsTheTableWithItsFieldsCrsAndChineseText() throws Exception {
        Path gpkg = write();
        String summary = Gdal.ogrinfo("-ro", "-al", "-so", gpkg);
        assertThat(summary).contains("Layer name: 小班", "Geometry: Multi Polygon", "Feature Count: 3",
                "CGCS2000 / 3-degree Gauss-Kruger CM 117E", "ID[\"EPSG\",4548]", "FID Column = fid",
                "Geometry Column = geom", "名称: String", "canopy_closure: Real", "canopy_closure_2018: Real",
                "株数: Integer64", "公益林: Integer(Boolean)", "调查日期: Date", "备注: String");
        String all = Gdal.ogrinfo("-ro", "-al", gpkg);
        assertThat(all).contains("OGRFeature(小班):101", "OGRFeature(小班):103", "名称 (String) = 东丽湖湿地",
                "canopy_closure (Real) = 0.65", "公益林 (Integer(Boolean)) = 1", "调查日期 (Date) = 2024/05/01",
                "备注 (String) = " + ExportSamples.LONG_REMARK + "\n", "名称 (String) = 无图形记录");
        assertThat(all).doesNotContain("Warning", "ERROR");
    }

    @Test
    void theGeoPackageReadsBackThroughTheImportPath() throws Exception {
        Path gpkg = write();
        SourceDataset data = GeoPackageReader.read(gpkg, null);
        assertThat(data.crs()).isEqualTo(CM_117E);
        List<SourceFeature> f = data.features();
        assertThat(f.get(0).properties()).containsExactly(Map.entry("名称", "东丽湖湿地"),
                Map.entry("canopy_closure", 0.65), Map.entry("canopy_closure_2018", 0.5), Map.entry("株数", 340L),
                Map.entry("公益林", true), Map.entry("调查日期", LocalDate.of(2024, 5, 1)),
                Map.entry("备注", ExportSamples.LONG_REMARK));
        assertThat(f.get(1).properties()).containsEntry("名称", "金钟河防护林带, \"北段\"\n二期")
                .containsEntry("株数", 12L).containsEntry("公益林", false).containsEntry("调查日期", null);
        assertThat(f.get(0).geometry()).as("every polygon is written as a MultiPolygon").isInstanceOf(MultiPolygon.class);
        checkSameShape("MULTIPOLYGON ((" + PARCEL_WKT[0].substring("POLYGON (".length()) + ")",
                f.get(0).geometry(), CM_117E);
        checkSameShape(PARCEL_WKT[1], f.get(1).geometry(), CM_117E);
        assertThat(f.get(2).problem()).isEqualTo("the feature has no geometry");
    }

    @Test
    void theHeaderAndMetadataTablesAreThoseOfGeoPackage12() throws Exception {
        Path gpkg = write();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg)) {
            assertThat(one(c, "PRAGMA application_id")).isEqualTo(List.of(0x47504B47));
            assertThat(one(c, "PRAGMA user_version")).isEqualTo(List.of(10200));
            assertThat(one(c, "SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id")).isEqualTo(
                    List.of(-1, 0, 4326, 4548));
            assertThat(one(c, "SELECT fid FROM \"小班\" ORDER BY fid")).isEqualTo(List.of(101, 102, 103));
            List<Object> extent = one(c, "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents");
            assertThat((Double) extent.get(0)).isBetween(525_000.0, 526_000.0);
            assertThat((Double) extent.get(3)).isBetween(4_338_000.0, 4_342_000.0);
        }
    }

    @Test
    void anExistingFileIsNotOverwritten() throws Exception {
        Path existing = Files.writeString(dir.resolve("survey.gpkg"), "important");
        assertThatThrownBy(() -> GeoPackageWriter.write(existing, "parcels", 4490, List.of(), List.of()))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(existing)).isEqualTo("important");
    }

    @Test
    void aFailedExportLeavesNoFileBehind() throws Exception {
        Path gpkg = dir.resolve("broken.gpkg");
        WritableFeature line = new WritableFeature(1L, DongliSamples.wkt("LINESTRING (117.3 39.1, 117.4 39.2)"),
                Map.of());
        assertThatThrownBy(() -> GeoPackageWriter.write(gpkg, "parcels", 4490, List.of(), List.of(line)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LineString");
        assertThat(gpkg).doesNotExist();
    }

    private static List<Object> one(Connection c, String sql) throws Exception {
        List<Object> values = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getObject(i));
                }
            }
        }
        return values;
    }
}
