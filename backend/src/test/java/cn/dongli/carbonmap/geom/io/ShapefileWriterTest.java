package cn.dongli.carbonmap.geom.io;

import cn.dongli.carbonmap.support.Gdal;
import static cn.dongli.carbonmap.geom.io.DongliSamples.PARCEL_WKT;
import static cn.dongli.carbonmap.geom.io.DongliSamples.checkSameShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import cn.dongli.carbonmap.geom.Crs;

/** Zipped shapefiles as exports write them, checked by GDAL and read back. */
class ShapefileWriterTest {

    private static final Crs.Code CM_117E = new Crs.Code(4548, false);

    @TempDir
    Path dir;

    private Path writeZip() throws Exception {
        Path zip = dir.resolve("export.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            Map<String, String> names = ShapefileWriter.writeZip(out, "东丽区小班", 4548, ExportSamples.COLUMNS,
                    ExportSamples.features());
            assertThat(names).containsExactly(Map.entry("名称", "名称"), Map.entry("canopy_closure", "canopy_clo"),
                    Map.entry("canopy_closure_2018", "canopy_c_1"), Map.entry("株数", "株数"),
                    Map.entry("公益林", "公益林"), Map.entry("调查日期", "调查日"), Map.entry("备注", "备注"));
        }
        return zip;
    }

    @Test
    void gdalReadsTheZipWithItsFieldsCrsAndChineseText() throws Exception {
        Path zip = writeZip();
        String summary = Gdal.ogrinfo("-ro", "-al", "-so", "/vsizip/" + zip);
        assertThat(summary).contains("Layer name: 东丽区小班", "Geometry: Polygon", "Feature Count: 3",
                "CGCS2000 / 3-degree Gauss-Kruger CM 117E", "ID[\"EPSG\",4548]",
                // widths just fit the data: "-12345.678" needs 10 characters, 3 of them decimals
                "名称: String (38.0)", "canopy_clo: Real (10.3)", "canopy_c_1: Real (3.1)", "株数: Integer (3.0)",
                // GDAL 3.6 shows a logical (L) field as one character of text
                "公益林: String (1.0)", "调查日: Date (10.0)", "备注: String (252.0)");
        String all = Gdal.ogrinfo("-ro", "-al", "/vsizip/" + zip);
        assertThat(all).contains("名称 (String) = 东丽湖湿地", "canopy_clo (Real) = 0.650",
                "canopy_clo (Real) = -12345.678", "株数 (Integer) = 340", "公益林 (String) = T", "公益林 (String) = F",
                "调查日 (Date) = 2024/05/01", "备注 (String) = " + ExportSamples.LONG_REMARK.substring(0, 84) + "\n",
                "名称 (String) = 无图形记录");
        assertThat(all.substring(all.indexOf("OGRFeature(东丽区小班):2"))).as("a null shape")
                .doesNotContain("POLYGON");
        assertThat(all).doesNotContain("Warning", "ERROR");
    }

    @Test
    void gdalFindsTheSameShapes() throws Exception {
        Path zip = writeZip();
        Path geojson = dir.resolve("back.geojson");
        Gdal.ogr2ogr("-f", "GeoJSON", "-t_srs", "EPSG:4490", geojson, "/vsizip/" + zip);
        SourceDataset back;
        try (InputStream in = Files.newInputStream(geojson)) {
            back = GeoJsonReader.read(in);
        }
        Crs.Code lonLat = new Crs.Code(4490, false);
        checkSameShape(PARCEL_WKT[0], back.features().get(0).geometry(), lonLat);
        checkSameShape(PARCEL_WKT[1], back.features().get(1).geometry(), lonLat);
        assertThat(back.features().get(2).problem()).isEqualTo("the feature has no geometry");
    }

    @Test
    void theZipReadsBackThroughTheImportPath() throws Exception {
        Path zip = writeZip();
        Path unzipped = Files.createDirectories(dir.resolve("unzipped"));
        assertThat(SafeZip.extract(zip, unzipped, 10 << 20, 64)).extracting(p -> p.getFileName().toString())
                .containsExactly("东丽区小班.shp", "东丽区小班.shx", "东丽区小班.dbf", "东丽区小班.prj", "东丽区小班.cpg");
        assertThat(Files.readString(unzipped.resolve("东丽区小班.cpg"))).isEqualTo("UTF-8");
        SourceDataset data = ShapefileReader.read(unzipped);
        assertThat(data.crs()).isEqualTo(CM_117E);
        List<SourceFeature> f = data.features();
        assertThat(f.get(0).properties()).containsExactly(Map.entry("名称", "东丽湖湿地"),
                Map.entry("canopy_clo", 0.65), Map.entry("canopy_c_1", 0.5), Map.entry("株数", 340L),
                Map.entry("公益林", true), Map.entry("调查日", LocalDate.of(2024, 5, 1)),
                Map.entry("备注", ExportSamples.LONG_REMARK.substring(0, 84)));
        assertThat(f.get(1).properties()).containsEntry("名称", "金钟河防护林带, \"北段\"\n二期")
                .containsEntry("canopy_clo", -12345.678).containsEntry("canopy_c_1", null)
                .containsEntry("公益林", false).containsEntry("调查日", null);
        checkSameShape(PARCEL_WKT[0], f.get(0).geometry(), CM_117E);
        checkSameShape(PARCEL_WKT[1], f.get(1).geometry(), CM_117E);
        assertThat(f.get(2).problem()).isEqualTo("the record has no geometry");
    }

    @Test
    void outerRingsRunClockwiseAndHolesCounterClockwise() throws Exception {
        Path zip = writeZip();
        Path unzipped = Files.createDirectories(dir.resolve("unzipped"));
        SafeZip.extract(zip, unzipped, 10 << 20, 64);
        // the input had RFC 7946 winding, the opposite
        Geometry g = Crs.fromStorage(4548).apply(DongliSamples.wkt(PARCEL_WKT[0]), 4548);
        assertThat(Orientation.isCCW(((Polygon) g).getExteriorRing().getCoordinateSequence())).isTrue();
        Polygon read = (Polygon) ShapefileReader.read(unzipped).features().get(0).geometry();
        assertThat(Orientation.isCCW(read.getExteriorRing().getCoordinateSequence())).isFalse();
        assertThat(Orientation.isCCW(read.getInteriorRingN(0).getCoordinateSequence())).isTrue();
    }

    @Test
    void longFieldNamesAreCutOnCharacterBoundariesAndKeptDistinct() {
        List<String> names = DbfWriter.fieldNames(List.of(
                new ColumnSpec("canopy_closure", ColumnSpec.Type.DECIMAL),
                new ColumnSpec("canopy_closure_2018", ColumnSpec.Type.DECIMAL),
                new ColumnSpec("CANOPY_CLOSURE_2019", ColumnSpec.Type.DECIMAL),
                new ColumnSpec("森林覆盖率目标", ColumnSpec.Type.DECIMAL),
                new ColumnSpec("森林覆盖率现状", ColumnSpec.Type.DECIMAL)));
        assertThat(names).containsExactly("canopy_clo", "canopy_c_1", "CANOPY_C_2", "森林覆", "森林_1");
        assertThat(names).allMatch(n -> n.getBytes(StandardCharsets.UTF_8).length <= 10);
    }

    @Test
    void aPointIsRefused() {
        WritableFeature point = new WritableFeature(1L, DongliSamples.wkt("POINT (117.4 39.1)"), Map.of());
        assertThatThrownBy(() -> ShapefileWriter.writeZip(new ByteArrayOutputStream(), "points", 4490, List.of(),
                List.of(point))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Point");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingFeatureAndColumn() {
        WritableFeature f = new WritableFeature(7L, null, Map.of("株数", "很多"));
        assertThatThrownBy(() -> ShapefileWriter.writeZip(new ByteArrayOutputStream(), "parcels", 4490,
                List.of(new ColumnSpec("株数", ColumnSpec.Type.INTEGER)), List.of(f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("feature 7", "'很多'", "'株数'", "integer");
    }

    @Test
    void storageCoordinatesGetTheCgcs2000Prj() throws Exception {
        Path zip = dir.resolve("lonlat.zip");
        try (OutputStream out = Files.newOutputStream(zip)) {
            ShapefileWriter.writeZip(out, "parcels", 4490, List.of(), List.of(new WritableFeature(1L,
                    DongliSamples.wkt(PARCEL_WKT[0]), Map.of())));
        }
        assertThat(Gdal.ogrinfo("-ro", "-al", "-so", "/vsizip/" + zip)).contains("ID[\"EPSG\",4490]", "FID: Integer");
    }
}
