package cn.dongli.carbonmap.geom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** The overlap rule of every write, on small longitude/latitude boxes. */
class EditChecksTest {

    private static final EditChecks.Tolerance TOLERANCE = new EditChecks.Tolerance(1.0, 0.2);

    private static Geometry wkt(String text) throws Exception {
        return new WKTReader(Geometries.STORAGE).read(text);
    }

    private static List<GeometryProblem> checkOverlaps(String polygon, String... candidates) throws Exception {
        Map<Long, Geometry> others = new LinkedHashMap<>();
        for (int i = 0; i < candidates.length; i++) {
            others.put((long) i + 1, wkt(candidates[i]));
        }
        return EditChecks.overlaps(wkt(polygon), others, Map.of(), TOLERANCE);
    }

    @Test
    void anOverlapIsFoundWhateverTheNeighboursComparedBeforeIt() throws Exception {
        String parcel = "POLYGON((117.40 39.10, 117.41 39.10, 117.41 39.11, 117.40 39.11, 117.40 39.10))";
        // a neighbour sharing an edge (no overlap), one far away, then the same parcel drawn again
        List<GeometryProblem> problems = checkOverlaps(parcel,
                "POLYGON((117.41 39.10, 117.42 39.10, 117.42 39.11, 117.41 39.11, 117.41 39.10))",
                "POLYGON((117.405 39.12, 117.406 39.12, 117.406 39.121, 117.405 39.121, 117.405 39.12))",
                parcel);
        assertThat(problems).extracting(GeometryProblem::message).singleElement().asString()
                .startsWith("overlaps feature 3 by ");
    }

    @Test
    void sharingAnEdgeIsNoOverlap() throws Exception {
        assertThat(checkOverlaps("POLYGON((117.40 39.10, 117.41 39.10, 117.41 39.11, 117.40 39.11, 117.40 39.10))",
                "POLYGON((117.41 39.10, 117.42 39.10, 117.42 39.11, 117.41 39.11, 117.41 39.10))")).isEmpty();
    }
}
