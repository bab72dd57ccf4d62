package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class GeoJsonReaderTest {

    private static final String SQUARE = "[[[117.40,39.10],[117.41,39.10],[117.41,39.11],[117.40,39.11],[117.40,39.10]]]";

    private static SourceDataset read(String json) throws UnreadableInputException {
        return GeoJsonReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String geometry, String properties) {
        return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":" + properties + "}";
    }

    @Test
    void readsPolygonsWithTheirChineseProperties() throws Exception {
        SourceDataset data = read(collection(
                feature("{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}", "{\"name\":\"程林公园\",\"year\":2024}")));
        assertThat(data.features()).singleElement().satisfies(f -> {
            assertThat(f.problem()).isNull();
            assertThat(f.geometry().getArea()).isEqualTo(1e-4, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(f.properties()).containsEntry("name", "程林公园").containsEntry("year", 2024L);
        });
        assertThat(data.crs()).isNull();
    }

    @Test
    void honoursTheOldCrsMemberThatChineseExportsStillWrite() throws Exception {
        SourceDataset data = read("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"urn:ogc:def:crs:EPSG::4548\"}},\"features\":[]}");
        assertThat(data.crs().epsg()).isEqualTo(4548);
    }

    @Test
    void aSingleFeatureIsADatasetOfOne() throws Exception {
        SourceDataset data = read(feature("{\"type\":\"MultiPolygon\",\"coordinates\":[" + SQUARE + "]}", "{}"));
        assertThat(data.features()).singleElement()
                .satisfies(f -> assertThat(f.geometry().getGeometryType()).isEqualTo("MultiPolygon"));
    }

    @Test
    void badGeometriesAreReportedPerFeatureAndTheOthersStillRead() throws Exception {
        SourceDataset data = read(collection(
                feature("{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}", "{}"),
                feature("{\"type\":\"Point\",\"coordinates\":[117.4,39.1]}", "{}"),
                feature("{\"type\":\"Polygon\",\"coordinates\":[[[117.40,39.10],[117.41,39.10],[117.41,39.11],[117.40,39.11]]]}", "{}"),
                feature("{\"type\":\"Polygon\",\"coordinates\":[[[117.40,39.10],[117.41,39.10],[117.40,39.10]]]}", "{}"),
                feature("{\"type\":\"Polygon\",\"coordinates\":[[[\"a\",39.10],[117.41,39.10],[117.41,39.11],[117.40,39.10]]]}", "{}"),
                feature("null", "{}")));
        assertThat(data.features()).extracting(SourceFeature::problem).containsExactly(
                null,
                "wrong geometry type Point: this layer holds polygons",
                "ring 1 of polygon 1 is not closed: its first and last positions differ",
                "ring 1 of polygon 1 has 3 positions; a closed ring needs at least 4",
                "ring 1 of polygon 1: position 1 is not [x, y] numbers",
                "the feature has no geometry");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> read("{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":}]}"))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("line 2");
    }

    @Test
    void nanIsNotJson() {
        assertThatThrownBy(() -> read(collection(feature(
                "{\"type\":\"Polygon\",\"coordinates\":[[[NaN,39.10],[117.41,39.10],[117.41,39.11],[117.40,39.10]]]}", "{}"))))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void deepNestingIsRefusedBeforeItExhaustsTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> read(collection(feature("{\"type\":\"Polygon\",\"coordinates\":" + deep + "}", "{}"))))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("nesting");
    }

    @Test
    void somethingElseThanGeoJsonIsRefused() {
        assertThatThrownBy(() -> read("[1,2,3]")).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> read("{\"type\":\"Topology\"}")).isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("FeatureCollection");
    }

    @Test
    void aFeatureThatAlsoHoldsAFeaturesArrayIsRefused() {
        // found by ReaderFuzzTest: the collection's first feature and the Feature itself both had index 0
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":" + SQUARE + "}";
        assertThatThrownBy(() -> read("{\"features\":[" + feature(polygon, "{}") + "],\"type\":\"Feature\","
                + "\"geometry\":" + polygon + "}"))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("cannot be both");
    }

    @Test
    void aSecondFeaturesArrayIsRefused() {
        assertThatThrownBy(() -> read("{\"type\":\"FeatureCollection\",\"features\":[],\"features\":[]}"))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("'features' twice");
    }

    @Test
    void aTypeThatIsNoStringIsRefusedAsAnUnknownType() {
        // its content used to be read as members of the document, and the refusal pointed into the middle of it
        assertThatThrownBy(() -> read("{\"type\":[\"Feature\"],\"features\":[]}"))
                .isInstanceOf(UnreadableInputException.class).hasMessageContaining("got type '?'");
    }

    @Test
    void writerOutputReadsBackTheSame() throws Exception {
        Geometry g = new WKTReader().read(
                "MULTIPOLYGON(((117.4 39.1, 117.41 39.1, 117.41 39.11, 117.4 39.1)),((117.5 39.2, 117.51 39.2, 117.51 39.21, 117.5 39.2)))");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", "花柏园");
        props.put("area", 12.5);
        props.put("built", true);
        props.put("note", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GeoJsonWriter w = new GeoJsonWriter(out, -1)) {
            w.startCollection();
            w.feature(7L, g, props, Map.of("meta", Map.of("version", 3)));
            w.endCollection(Map.of("numberReturned", 1));
        }
        SourceDataset back = GeoJsonReader.read(new ByteArrayInputStream(out.toByteArray()));
        SourceFeature f = back.features().get(0);
        assertThat(f.geometry().equalsExact(g)).isTrue();
        assertThat(f.properties()).containsEntry("name", "花柏园").containsEntry("area", 12.5)
                .containsEntry("built", true).containsEntry("note", null).containsEntry("source_id", 7L);
    }
}
