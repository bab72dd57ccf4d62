package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The CSV reader's defence against WKT that nests too deep for JTS's recursive reader (issue 17, item 8). */
class CsvWktReaderTest {

    @Test
    void aGeometryCollectionNested50000DeepIsAnUnreadableFeatureNotAStackOverflow() throws Exception {
        int depth = 50_000;
        String wkt = "GEOMETRYCOLLECTION(".repeat(depth) + "POINT(117.41 39.11)" + ")".repeat(depth);
        String csv = "name,wkt\r\ndeep,\"" + wkt + "\"\r\nflat,\"POINT(117.41 39.11)\"\r\n";
        SourceDataset data = CsvWktReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(data.features()).hasSize(2);
        assertThat(data.features().get(0).problem()).contains("nests 50001 levels");
        assertThat(data.features().get(1).problem()).isNull();
    }

    @Test
    void aMultiPolygonInACollectionIsNotTooDeep() throws Exception {
        String csv = "wkt\r\n\"GEOMETRYCOLLECTION(MULTIPOLYGON(((117.4 39.1,117.41 39.1,117.41 39.11,117.4 39.1))))\"\r\n";
        SourceDataset data = CsvWktReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(data.features().get(0).problem()).isNull();
    }
}
