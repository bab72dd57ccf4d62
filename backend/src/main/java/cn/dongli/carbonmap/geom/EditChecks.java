package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;
import org.locationtech.jts.operation.relateng.TopologyPredicate;

/**
 * The checks of an edit that look at other features: no overlap with the layer's other features, and inside the
 * district. Geometries are in storage coordinates; areas on the CGCS2000 ellipsoid. Bad input is data: the checks
 * return problems with a location.
 */
public final class EditChecks {

    /** Interiors intersect: shared edges and corners are not overlaps. */
    private static final String INTERIORS_INTERSECT = "T********";

    private EditChecks() {
    }

    /**
     * How much two polygons may disagree before it is an error, not digitising noise: a shared boundary drawn twice
     * leaves slivers that are thin however long they are.
     *
     * @param areaM2 up to this ground area, any difference is noise
     * @param sliverWidthM a difference whose mean width (2 × area / perimeter) is below this is noise, whatever its
     *                     area
     */
    public record Tolerance(double areaM2, double sliverWidthM) {

        /** Whether a piece of ground (longitude/latitude) is beyond noise; its area is returned in {@code area[0]}. */
        boolean exceeded(Geometry piece, double[] area) {
            if (piece.isEmpty()) {
                return false;
            }
            Geometry planar = EqualAreaProjection.DONGLI.project(piece);
            area[0] = planar.getArea();
            if (area[0] <= areaM2) {
                return false;
            }
            double perimeter = planar.getLength();
            return perimeter <= 0 || 2 * area[0] / perimeter >= sliverWidthM;
        }
    }

    /**
     * The overlaps of a polygon with other polygons, beyond the tolerance.
     *
     * @param candidates the other features' polygons by id (those near the polygon; the polygon's own id excluded)
     * @param labels a name for each candidate, for the message (e.g. "feature 12 (DL-0001)")
     * @param tolerance what counts as digitising noise
     */
    public static List<GeometryProblem> overlaps(Geometry polygon, Map<Long, Geometry> candidates,
                                                 Map<Long, String> labels, Tolerance tolerance) {
        List<GeometryProblem> problems = new ArrayList<>();
        if (candidates.isEmpty()) {
            return problems;
        }
        RelateNG relate = RelateNG.prepare(polygon);
        for (Map.Entry<Long, Geometry> e : candidates.entrySet()) {
            Geometry other = e.getValue();
            // a predicate holds the matrix of one evaluation: a new one per candidate (a reused one kept the first
            // candidate's answer, and overlaps with later candidates went unseen)
            TopologyPredicate interiors = RelatePredicate.matches(INTERIORS_INTERSECT);
            if (!polygon.getEnvelopeInternal().intersects(other.getEnvelopeInternal())
                    || !relate.evaluate(other, interiors)) {
                continue;
            }
            Geometry common = Overlays.intersection(polygon, other);
            double[] area = new double[1];
            if (tolerance.exceeded(common, area)) {
                Coordinate at = common.getInteriorPoint().getCoordinate();
                problems.add(new GeometryProblem("overlap", String.format(Locale.ROOT,
                        "overlaps %s by %.1f m²", labels.getOrDefault(e.getKey(), "feature " + e.getKey()),
                        area[0]), at));
            }
        }
        return problems;
    }

    /** The district's polygon prepared for repeated containment checks. */
    public record Area(Geometry geometry, PreparedGeometry prepared) {
        public static Area of(Geometry geometry) {
            return new Area(geometry, PreparedGeometryFactory.prepare(geometry));
        }
    }

    /**
     * Whether the polygon lies inside the district, allowing for noise along the boundary.
     *
     * @return the problem, or null if the polygon is inside
     */
    public static GeometryProblem outside(Geometry polygon, Area district, Tolerance tolerance) {
        if (district.prepared().covers(polygon)) {
            return null;
        }
        Geometry beyond = Overlays.difference(polygon, district.geometry());
        double[] area = new double[1];
        if (!tolerance.exceeded(beyond, area)) {
            return null;
        }
        return new GeometryProblem("outside_district", String.format(Locale.ROOT,
                "%.1f m² lie outside the district", area[0]), beyond.getInteriorPoint().getCoordinate());
    }

    /**
     * Repairs a polygon that is not valid (JTS GeometryFixer) and keeps its polygons: what "make valid" offers.
     */
    public static Geometry makeValid(Geometry g) {
        return Geometries.polygons(org.locationtech.jts.geom.util.GeometryFixer.fix(g), g.getFactory());
    }
}
