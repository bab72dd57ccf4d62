package cn.dongli.carbonmap.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

class EqualAreaProjectionTest {

    private static final double A = 6378137.0;
    private static final double F = 1 / 298.257222101;

    /**
     * The exact area of the quadrangle between two meridians and two parallels on the CGCS2000 ellipsoid (the
     * authalic formula), independent of any projection code.
     */
    private static double quadrangleArea(double lon1, double lat1, double lon2, double lat2) {
        double e2 = F * (2 - F);
        double e = Math.sqrt(e2);
        double b2 = A * A * (1 - e2);
        return b2 * Math.toRadians(lon2 - lon1) / 2 * (q(lat2, e, e2) - q(lat1, e, e2));
    }

    private static double q(double latDeg, double e, double e2) {
        double s = Math.sin(Math.toRadians(latDeg));
        return s / (1 - e2 * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
    }

    private static Geometry box(double lon1, double lat1, double lon2, double lat2) throws Exception {
        return new WKTReader(Geometries.STORAGE).read(String.format(java.util.Locale.ROOT,
                "POLYGON((%s %s, %s %s, %s %s, %s %s, %s %s))", lon1, lat1, lon2, lat1, lon2, lat2, lon1, lat2, lon1,
                lat1));
    }

    @Test
    void aSmallQuadrangleHasItsExactEllipsoidalArea() throws Exception {
        double expected = quadrangleArea(117.40, 39.10, 117.41, 39.11);
        assertThat(EqualAreaProjection.DONGLI.area(box(117.40, 39.10, 117.41, 39.11)))
                .isCloseTo(expected, within(expected * 1e-9));
        assertThat(expected).isCloseTo(962_000, within(2_000.0));
    }

    @Test
    void theWholeDistrictSizedQuadrangleIsExactToo() throws Exception {
        double expected = quadrangleArea(117.23, 38.99, 117.56, 39.25);
        assertThat(EqualAreaProjection.DONGLI.area(box(117.23, 38.99, 117.56, 39.25)))
                .isCloseTo(expected, within(expected * 1e-9));
    }

    @Test
    void gaussKrugerAreasDrift0point006PercentAtTheEasternEdge() throws Exception {
        Geometry cell = box(117.55, 39.10, 117.56, 39.11);
        double trueArea = EqualAreaProjection.DONGLI.area(cell);
        double gk = Crs.fromStorage(4548).apply(cell, 4548).getArea();
        double error = gk / trueArea - 1;
        assertThat(error).isBetween(3e-5, 1e-4);
    }

    @Test
    void degreesAndWebMercatorWouldBeFarOff() throws Exception {
        Geometry cell = box(117.40, 39.10, 117.41, 39.11);
        double trueArea = EqualAreaProjection.DONGLI.area(cell);
        double mercator = Crs.fromStorage(3857).apply(cell, 3857).getArea();
        assertThat(mercator / trueArea).isGreaterThan(1.6);
    }

    @Test
    void projectionRoundTripsWithinAMillimetre() throws Exception {
        Geometry cell = box(117.40, 39.10, 117.41, 39.11);
        Geometry back = EqualAreaProjection.DONGLI.unproject(EqualAreaProjection.DONGLI.project(cell));
        for (int i = 0; i < cell.getNumPoints(); i++) {
            assertThat(back.getCoordinates()[i].distance(cell.getCoordinates()[i])).isLessThan(1e-8);
        }
    }
}
