package cn.dongli.carbonmap.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GeometryValidatorTest {

    private final GeometryValidator validator = new GeometryValidator(GeometryValidator.TIANJIN, 1.0);

    private List<GeometryProblem> check(String wkt) throws ParseException {
        return validator.validate(new WKTReader(Geometries.STORAGE).read(wkt));
    }

    @Test
    void aPlainPlotIsAccepted() throws Exception {
        assertThat(check("POLYGON((117.40 39.10, 117.41 39.10, 117.41 39.11, 117.40 39.11, 117.40 39.10))")).isEmpty();
    }

    @Test
    void aBowTieIsRefusedAtTheCrossing() throws Exception {
        List<GeometryProblem> problems = check(
                "POLYGON((117.40 39.10, 117.41 39.11, 117.41 39.10, 117.40 39.11, 117.40 39.10))");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("self_intersection");
            assertThat(p.location().x).isCloseTo(117.405, within(1e-9));
            assertThat(p.location().y).isCloseTo(39.105, within(1e-9));
        });
    }

    @Test
    void aHoleOutsideItsPolygonIsRefused() throws Exception {
        assertThat(check("POLYGON((117.40 39.10, 117.41 39.10, 117.41 39.11, 117.40 39.11, 117.40 39.10),"
                + "(117.42 39.10, 117.43 39.10, 117.43 39.11, 117.42 39.10))"))
                .extracting(GeometryProblem::code).containsExactly("hole_outside_shell");
    }

    @Test
    void projectedMetresTakenForDegreesAreCaughtAsOutsideTheServiceArea() throws Exception {
        List<GeometryProblem> problems = check(
                "POLYGON((543000 4330000, 543100 4330000, 543100 4330100, 543000 4330000))");
        assertThat(problems).extracting(GeometryProblem::code).containsExactly("outside_service_area");
        assertThat(problems.get(0).message()).contains("srcCrs");
    }

    @Test
    void aSliverBelowTheMinimumAreaIsRefused() throws Exception {
        assertThat(check("POLYGON((117.40 39.10, 117.400001 39.10, 117.400001 39.100001, 117.40 39.10))"))
                .extracting(GeometryProblem::code).containsExactly("too_small");
    }

    @Test
    void pointsAreNotPolygons() throws Exception {
        assertThat(check("POINT(117.4 39.1)")).extracting(GeometryProblem::code)
                .containsExactly("wrong_geometry_type");
    }

    @Test
    void theServiceAreaIsConfigurable() throws Exception {
        GeometryValidator dongliOnly = new GeometryValidator(new Envelope(117.2, 117.6, 38.9, 39.3), 0);
        assertThat(dongliOnly.validate(new WKTReader(Geometries.STORAGE).read(
                "POLYGON((117.10 39.10, 117.11 39.10, 117.11 39.11, 117.10 39.10))")))
                .extracting(GeometryProblem::code).containsExactly("outside_service_area");
    }
}
