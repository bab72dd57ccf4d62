package cn.dongli.carbonmap.geom.io;

import cn.dongli.carbonmap.support.Gdal;
import static cn.dongli.carbonmap.geom.io.DongliSamples.PARCELS;
import static cn.dongli.carbonmap.geom.io.DongliSamples.PARCEL_WKT;
import static cn.dongli.carbonmap.geom.io.DongliSamples.checkSameShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import cn.dongli.carbonmap.geom.Crs;

/** Reading GeoPackages written by GDAL's ogr2ogr. */
class GeoPackageReaderTest {

    @TempDir
    Path dir;

    /** Writes {@link DongliSamples#PARCELS} into a GeoPackage table with GDAL, projected as asked. */
    private Path geoPackage(String table, int epsg, String... more) throws Exception {
        Path in = DongliSamples.geojson(dir, "parcels.geojson", PARCELS);
        // a name with Chinese and a space, which the read-only URI must escape
        Path gpkg = dir.resolve("东丽 survey.gpkg");
        List<Object> args = new ArrayList<>(List.of("-f", "GPKG", "-nln", table, "-s_srs", "EPSG:4490",
                "-t_srs", "EPSG:" + epsg));
        args.addAll(List.of((Object[]) more));
        args.add(gpkg);
        args.add(in);
        Gdal.ogr2ogr(args.toArray());
        return gpkg;
    }

    @Test
    void aGeoPackageInCm117eReadsBackAsWritten() throws Exception {
        Path gpkg = geoPackage("小班", 4548);
        SourceDataset data = GeoPackageReader.read(gpkg, null);
        Crs.Code crs = new Crs.Code(4548, false);
        assertThat(data.format()).isEqualTo("GeoPackage");
        assertThat(data.crs()).isEqualTo(crs);
        List<SourceFeature> f = data.features();
        assertThat(f).hasSize(3);
        assertThat(f.get(0).properties()).containsExactly(
                Map.entry("名称", "东丽湖湿地"), Map.entry("地类", "湿地"),
                Map.entry("面积", 12.5), Map.entry("株数", 340L),
                Map.entry("调查日期", LocalDate.of(2024, 5, 1)));
        assertThat(f.get(0).geometry()).isInstanceOf(Polygon.class);
        checkSameShape(PARCEL_WKT[0], f.get(0).geometry(), crs);
        assertThat(f.get(1).geometry()).isInstanceOf(MultiPolygon.class);
        checkSameShape(PARCEL_WKT[1], f.get(1).geometry(), crs);
        assertThat(f.get(1).properties()).containsEntry("面积", null).containsEntry("调查日期", null);
        assertThat(f.get(2).problem()).isEqualTo("the feature has no geometry");
        assertThat(f.get(2).properties()).containsEntry("名称", "无图形记录");
    }

    @Test
    void theFileIsOnlyRead() throws Exception {
        Path gpkg = geoPackage("parcels", 4490);
        String before = sha256(gpkg);
        GeoPackageReader.read(gpkg, null);
        assertThat(sha256(gpkg)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith("-journal")
                    || n.endsWith("-wal") || n.endsWith("-shm"));
        }
    }

    @Test
    void booleansComeBackAsBooleans() throws Exception {
        String json = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"公益林":true,"树种":"柳树"},
                 "geometry":{"type":"Polygon","coordinates":[[[117.3,39.1],[117.4,39.1],[117.4,39.2],[117.3,39.1]]]}}]}""";
        Path in = DongliSamples.geojson(dir, "forest.geojson", json);
        Gdal.ogr2ogr("-f", "GPKG", dir.resolve("forest.gpkg"), in);
        SourceDataset data = GeoPackageReader.read(dir.resolve("forest.gpkg"), null);
        assertThat(data.crs()).isEqualTo(new Crs.Code(4326, false));
        assertThat(data.features().get(0).properties()).containsEntry("公益林", true).containsEntry("树种", "柳树");
    }

    @Test
    void aGeoPackageWithSeveralFeatureTablesNeedsTheTableNamed() throws Exception {
        Path gpkg = geoPackage("parcels_2023", 4548);
        Path in = dir.resolve("parcels.geojson");
        Gdal.ogr2ogr("-f", "GPKG", "-update", "-nln", "parcels_2024", "-s_srs", "EPSG:4490", "-t_srs", "EPSG:4527",
                gpkg, in);
        assertThatThrownBy(() -> GeoPackageReader.read(gpkg, null)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll("2 features tables", "parcels_2023", "parcels_2024");
        SourceDataset y2024 = GeoPackageReader.read(gpkg, "parcels_2024");
        assertThat(y2024.crs()).isEqualTo(new Crs.Code(4527, false));
        checkSameShape(PARCEL_WKT[0], y2024.features().get(0).geometry(), y2024.crs());
        assertThatThrownBy(() -> GeoPackageReader.read(gpkg, "parcels_2025"))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll("no features table 'parcels_2025'", "parcels_2023, parcels_2024");
    }

    @Test
    void linesAreReportedFeatureByFeature() throws Exception {
        String road = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"津汉公路"},
                 "geometry":{"type":"LineString","coordinates":[[117.30,39.10],[117.40,39.15]]}}]}""";
        Path in = DongliSamples.geojson(dir, "road.geojson", road);
        Gdal.ogr2ogr("-f", "GPKG", dir.resolve("road.gpkg"), in);
        SourceFeature f = GeoPackageReader.read(dir.resolve("road.gpkg"), null).features().get(0);
        assertThat(f.problem()).isEqualTo("wrong geometry type LineString: this layer holds polygons");
        assertThat(f.properties()).containsEntry("名称", "津汉公路");
    }

    @Test
    void anSqliteDatabaseThatIsNoGeoPackageIsRefused() throws Exception {
        Path db = dir.resolve("plain.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parcels (id INTEGER PRIMARY KEY, name TEXT)");
        }
        assertThatThrownBy(() -> GeoPackageReader.read(db, null)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("not a GeoPackage");
    }

    @Test
    void aFileThatIsNoDatabaseIsRefused() throws Exception {
        Path notDb = Files.writeString(dir.resolve("parcels.gpkg"), "SQLite format 3\0 but not really");
        assertThatThrownBy(() -> GeoPackageReader.read(notDb, null)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("not a readable GeoPackage");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
