package cn.dongli.carbonmap.geom.io;

import cn.dongli.carbonmap.support.Gdal;
import static cn.dongli.carbonmap.geom.io.DongliSamples.PARCELS;
import static cn.dongli.carbonmap.geom.io.DongliSamples.PARCEL_WKT;
import static cn.dongli.carbonmap.geom.io.DongliSamples.checkSameShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import cn.dongli.carbonmap.geom.Crs;

/** Reading shapefiles written by GDAL's ogr2ogr the way ArcGIS and the district's surveyors write them. */
class ShapefileReaderTest {

    private static final Crs.Code ZONE_39 = new Crs.Code(4527, false);
    private static final Crs.Code CM_117E = new Crs.Code(4548, false);
    private static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    /** Writes {@link DongliSamples#PARCELS} as {@code out/parcels.shp} with GDAL, projected and encoded as asked. */
    private Path shapefile(String encoding, int epsg) throws IOException {
        Path in = DongliSamples.geojson(dir, "parcels.geojson", PARCELS);
        Path out = Files.createDirectories(dir.resolve("out"));
        Gdal.ogr2ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=" + encoding, "-s_srs", "EPSG:4490",
                "-t_srs", "EPSG:" + epsg, out.resolve("parcels.shp"), in);
        return out;
    }

    /** Checks the parcels as read; GBK keeps the field name 调查日期 in 8 bytes, UTF-8 needs 12 and loses 期. */
    private static void checkParcels(SourceDataset data, Crs.Code crs, Charset encoding) {
        String date = encoding.equals(GBK) ? "调查日期" : "调查日";
        assertThat(data.format()).isEqualTo("Shapefile");
        assertThat(data.crs()).isEqualTo(crs);
        List<SourceFeature> f = data.features();
        assertThat(f).hasSize(3);
        Map<String, Object> wetland = new HashMap<>();
        wetland.put("名称", "东丽湖湿地");
        wetland.put("地类", "湿地");
        wetland.put("面积", 12.5);
        wetland.put("株数", 340L);
        wetland.put(date, LocalDate.of(2024, 5, 1));
        assertThat(f.get(0).properties()).containsExactlyEntriesOf(ordered(wetland, f.get(0).properties()));
        assertThat(f.get(0).geometry()).isInstanceOf(Polygon.class);
        assertThat(((Polygon) f.get(0).geometry()).getNumInteriorRing()).isEqualTo(1);
        checkSameShape(PARCEL_WKT[0], f.get(0).geometry(), crs);

        assertThat(f.get(1).properties()).containsEntry("名称", "金钟河防护林带").containsEntry("面积", null)
                .containsEntry("株数", null).containsEntry(date, null);
        assertThat(f.get(1).geometry()).isInstanceOf(MultiPolygon.class);
        checkSameShape(PARCEL_WKT[1], f.get(1).geometry(), crs);

        assertThat(f.get(2).geometry()).isNull();
        assertThat(f.get(2).problem()).isEqualTo("the record has no geometry");
        assertThat(f.get(2).properties()).containsEntry("名称", "无图形记录").containsEntry("面积", 1.25)
                .containsEntry(date, LocalDate.of(2023, 12, 31));
        assertThat(f).extracting(SourceFeature::index).containsExactly(0, 1, 2);
    }

    /** The expected entries in the order the reader gave its keys, so that a mismatch shows both maps. */
    private static Map<String, Object> ordered(Map<String, Object> expected, Map<String, Object> actual) {
        Map<String, Object> m = new LinkedHashMap<>();
        actual.keySet().forEach(k -> m.put(k, expected.get(k)));
        expected.forEach(m::putIfAbsent);
        return m;
    }

    @Test
    void aGbkShapefileInGaussKrugerZone39ReadsBackAsWritten() throws Exception {
        Path out = shapefile("GBK", 4527);
        assertThat(Files.readString(out.resolve("parcels.cpg")).strip()).isEqualTo("GBK");
        assertThat(indexOf(Files.readAllBytes(out.resolve("parcels.dbf")), "东丽湖湿地".getBytes(GBK)))
                .as("GDAL wrote the text in GBK").isPositive();
        checkParcels(ShapefileReader.read(dir.resolve("out")), ZONE_39, GBK);
    }

    @Test
    void aUtf8ShapefileInCm117eReadsBackAsWritten() throws Exception {
        Path out = shapefile("UTF-8", 4548);
        assertThat(Files.readString(out.resolve("parcels.cpg")).strip()).isEqualTo("UTF-8");
        checkParcels(ShapefileReader.read(out), CM_117E, StandardCharsets.UTF_8);
    }

    @Test
    void withoutACpgTheLanguageDriverOfTheDbfSaysGbk() throws Exception {
        Path out = shapefile("GBK", 4548);
        Files.delete(out.resolve("parcels.cpg"));
        patch(out.resolve("parcels.dbf"), 29, 0x4D);
        checkParcels(ShapefileReader.read(out), CM_117E, GBK);
    }

    @Test
    void withoutACpgOrLanguageDriverGbkIsRecognisedBecauseItIsNoUtf8() throws Exception {
        Path out = shapefile("GBK", 4548);
        Files.delete(out.resolve("parcels.cpg"));
        patch(out.resolve("parcels.dbf"), 29, 0);
        checkParcels(ShapefileReader.read(out), CM_117E, GBK);
    }

    @Test
    void anArcGisAnsiLanguageDriverIsNotTakenForLatin1() throws Exception {
        Path out = shapefile("GBK", 4548);
        Files.delete(out.resolve("parcels.cpg"));
        patch(out.resolve("parcels.dbf"), 29, 0x57);
        checkParcels(ShapefileReader.read(out), CM_117E, GBK);
    }

    @Test
    void withoutACpgOrLanguageDriverUtf8IsRecognised() throws Exception {
        Path out = shapefile("UTF-8", 4548);
        Files.delete(out.resolve("parcels.cpg"));
        patch(out.resolve("parcels.dbf"), 29, 0);
        checkParcels(ShapefileReader.read(out), CM_117E, StandardCharsets.UTF_8);
    }

    @Test
    void withoutAPrjTheCrsIsUnknownAndTheCoordinatesAreTheFilesOwn() throws Exception {
        Path out = shapefile("UTF-8", 4548);
        Files.delete(out.resolve("parcels.prj"));
        SourceDataset data = ShapefileReader.read(out);
        assertThat(data.crs()).isNull();
        // GK CM 117E puts 117.40°E some 34 km east of the central meridian's 500 km
        assertThat(data.features().get(0).geometry().getEnvelopeInternal().getMinX()).isBetween(530_000.0, 540_000.0);
        checkSameShape(PARCEL_WKT[0], data.features().get(0).geometry(), CM_117E);
    }

    @Test
    void aPrjThatMatchesNoEpsgCodeIsRefusedWithAdvice() throws Exception {
        Path out = shapefile("UTF-8", 4548);
        Files.writeString(out.resolve("parcels.prj"), "LOCAL_CS[\"Dongli site grid\"]");
        assertThatThrownBy(() -> ShapefileReader.read(out)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("srcCrs");
    }

    @Test
    void anIslandInALakeIsASecondPolygon() throws Exception {
        String lake = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"湖心岛"},
                 "geometry":{"type":"MultiPolygon","coordinates":[
                  [[[117.40,39.15],[117.45,39.15],[117.45,39.19],[117.40,39.19],[117.40,39.15]],
                   [[117.41,39.16],[117.41,39.18],[117.44,39.18],[117.44,39.16],[117.41,39.16]]],
                  [[[117.42,39.165],[117.43,39.165],[117.43,39.175],[117.42,39.175],[117.42,39.165]]]]}}]}""";
        Path in = DongliSamples.geojson(dir, "lake.geojson", lake);
        Gdal.ogr2ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", "-a_srs", "EPSG:4490", dir.resolve("lake.shp"), in);
        Files.delete(in);
        SourceDataset data = ShapefileReader.read(dir);
        assertThat(data.crs()).isEqualTo(new Crs.Code(4490, false));
        checkSameShape("MULTIPOLYGON (((117.40 39.15, 117.45 39.15, 117.45 39.19, 117.40 39.19, 117.40 39.15),"
                + " (117.41 39.16, 117.41 39.18, 117.44 39.18, 117.44 39.16, 117.41 39.16)),"
                + " ((117.42 39.165, 117.43 39.165, 117.43 39.175, 117.42 39.175, 117.42 39.165)))",
                data.features().get(0).geometry(), data.crs());
    }

    @Test
    void aPolygonZShapefileIsReadInTwoDimensions() throws Exception {
        String hill = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"土丘"},
                 "geometry":{"type":"Polygon","coordinates":[
                  [[117.40,39.15,3.5],[117.45,39.15,4.0],[117.45,39.19,5.5],[117.40,39.19,3.0],[117.40,39.15,3.5]]]}}]}""";
        Path in = DongliSamples.geojson(dir, "hill.geojson", hill);
        Gdal.ogr2ogr("-f", "ESRI Shapefile", "-a_srs", "EPSG:4490", dir.resolve("hill.shp"), in);
        Files.delete(in);
        assertThat(shapeType(dir.resolve("hill.shp"))).as("PolygonZ").isEqualTo(15);
        SourceDataset data = ShapefileReader.read(dir);
        checkSameShape("POLYGON ((117.40 39.15, 117.45 39.15, 117.45 39.19, 117.40 39.19, 117.40 39.15))",
                data.features().get(0).geometry(), data.crs());
        assertThat(data.features().get(0).geometry().getCoordinate().getZ()).isNaN();
    }

    @Test
    void aRecordMarkedDeletedInTheDbfIsLeftOut() throws Exception {
        Path out = shapefile("UTF-8", 4548);
        Path dbf = out.resolve("parcels.dbf");
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(dbf)).order(ByteOrder.LITTLE_ENDIAN);
        patch(dbf, header.getShort(8), '*');
        SourceDataset data = ShapefileReader.read(out);
        assertThat(data.features()).extracting(SourceFeature::index).containsExactly(1, 2);
    }

    @Test
    void lineShapefilesAreRefused() throws Exception {
        String road = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"津汉公路"},
                 "geometry":{"type":"LineString","coordinates":[[117.30,39.10],[117.40,39.15]]}}]}""";
        Path in = DongliSamples.geojson(dir, "road.geojson", road);
        Gdal.ogr2ogr("-f", "ESRI Shapefile", dir.resolve("road.shp"), in);
        assertThatThrownBy(() -> ShapefileReader.read(dir)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll("road.shp", "PolyLine", "only polygons");
    }

    @Test
    void twoShapefilesAreRefusedByName() throws Exception {
        Path in = DongliSamples.geojson(dir, "parcels.geojson", PARCELS);
        Files.createDirectories(dir.resolve("2023"));
        Files.createDirectories(dir.resolve("2024"));
        Gdal.ogr2ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", dir.resolve("2023/小班.shp"), in);
        Gdal.ogr2ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", dir.resolve("2024/小班.shp"), in);
        assertThatThrownBy(() -> ShapefileReader.read(dir)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll("2 shapefiles", "2023/小班.shp", "2024/小班.shp");
    }

    @Test
    void aFolderWithoutShpIsRefused() throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "东丽区");
        assertThatThrownBy(() -> ShapefileReader.read(dir)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("no .shp file");
    }

    @Test
    void aShapefileWithoutItsDbfIsRefused() throws Exception {
        Path out = shapefile("UTF-8", 4548);
        Files.delete(out.resolve("parcels.dbf"));
        assertThatThrownBy(() -> ShapefileReader.read(out)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll("parcels.shp", ".dbf", "missing");
    }

    @Test
    void anIndexThatDisagreesWithTheShpIsRefused() throws Exception {
        Path out = shapefile("UTF-8", 4548);
        // the second record's offset (in 16-bit words), one word off
        Path shx = out.resolve("parcels.shx");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(shx)).order(ByteOrder.BIG_ENDIAN);
        b.putInt(108, b.getInt(108) + 1);
        Files.write(shx, b.array());
        assertThatThrownBy(() -> ShapefileReader.read(out)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll("parcels.shx", "record 2", "damaged");
    }

    @Test
    void aTruncatedShpIsRefused() throws Exception {
        Path out = shapefile("UTF-8", 4548);
        Path shp = out.resolve("parcels.shp");
        byte[] bytes = Files.readAllBytes(shp);
        Files.write(shp, Arrays.copyOf(bytes, bytes.length - 20));
        Files.delete(out.resolve("parcels.shx"));
        assertThatThrownBy(() -> ShapefileReader.read(out)).isInstanceOf(UnreadableInputException.class)
                .hasMessageContainingAll("parcels.shp");
    }

    private static int shapeType(Path shp) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(shp)).order(ByteOrder.LITTLE_ENDIAN).getInt(32);
    }

    private static void patch(Path file, int offset, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] = (byte) value;
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
