package cn.dongli.carbonmap.geom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;

/** Telling shells from holes in shapefile records by containment, whatever the rings' winding. */
class ShapefileRingBuilderTest {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    // clockwise (ESRI outer ring) and counter-clockwise (ESRI hole) squares
    private static final String SHELL_CW = "LINEARRING (0 0, 0 10, 10 10, 10 0, 0 0)";
    private static final String SHELL_CCW = "LINEARRING (0 0, 10 0, 10 10, 0 10, 0 0)";
    private static final String HOLE_CCW = "LINEARRING (2 2, 8 2, 8 8, 2 8, 2 2)";
    private static final String HOLE_CW = "LINEARRING (2 2, 2 8, 8 8, 8 2, 2 2)";
    private static final String ISLAND_CW = "LINEARRING (4 4, 4 6, 6 6, 6 4, 4 4)";
    private static final String FAR_CW = "LINEARRING (20 0, 20 5, 25 5, 25 0, 20 0)";

    private static void checkBuilt(String expectedWkt, String... ringWkts) {
        List<LinearRing> rings = new ArrayList<>();
        for (String wkt : ringWkts) {
            rings.add((LinearRing) DongliSamples.wkt(wkt));
        }
        Geometry built = ShapefileRingBuilder.build(rings, FACTORY);
        Geometry expected = DongliSamples.wkt(expectedWkt);
        assertThat(built.getGeometryType()).isEqualTo(expected.getGeometryType());
        assertThat(built.norm()).as(built.toString()).isEqualTo(expected.norm());
    }

    @Test
    void aClockwiseShellWithACounterClockwiseHoleIsAPolygonWithAHole() {
        checkBuilt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", SHELL_CW, HOLE_CCW);
    }

    @Test
    void aHoleWrittenWithTheWrongWindingIsStillAHole() {
        checkBuilt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", SHELL_CCW, HOLE_CW);
    }

    @Test
    void aHoleListedBeforeItsShellIsStillAHole() {
        checkBuilt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))", HOLE_CCW, SHELL_CW);
    }

    @Test
    void separateRingsArePartsOfAMultiPolygonWhateverTheirWinding() {
        checkBuilt("MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0)), ((20 0, 20 5, 25 5, 25 0, 20 0)))",
                SHELL_CCW, FAR_CW);
    }

    @Test
    void anIslandInALakeIsAPartOfItsOwn() {
        checkBuilt("MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2)),"
                + " ((4 4, 4 6, 6 6, 6 4, 4 4)))", SHELL_CW, HOLE_CCW, ISLAND_CW);
    }

    @Test
    void aHoleTouchingItsShellAtACornerIsStillAHole() {
        checkBuilt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (0 0, 5 2, 2 5, 0 0))",
                SHELL_CW, "LINEARRING (0 0, 5 2, 2 5, 0 0)");
    }

    @Test
    void eachHoleGoesToTheShellThatHoldsIt() {
        checkBuilt("MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2)),"
                + " ((20 0, 20 5, 25 5, 25 0, 20 0), (21 1, 22 1, 22 2, 21 2, 21 1)))",
                SHELL_CW, FAR_CW, "LINEARRING (21 1, 22 1, 22 2, 21 2, 21 1)", HOLE_CCW);
    }
}
