package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks a polygon in storage coordinates (CGCS2000 longitude/latitude) before it is written.
 *
 * <p>Bad input is data, not an exception: {@link #validate} returns the problems found, each with a location. The
 * checks: a Polygon or MultiPolygon, not empty, finite coordinates inside the service area (which catches projected
 * coordinates given as longitude/latitude), valid by the OGC rules (JTS {@link IsValidOp}: no self-intersection, holes
 * inside shells, …) and not smaller than the minimum area.
 */
public final class GeometryValidator {

    /** Tianjin municipality with a margin: anything outside is a wrong CRS or a typing error. */
    public static final Envelope TIANJIN = new Envelope(116.6, 118.2, 38.4, 40.4);

    private final Envelope serviceArea;
    private final double minAreaM2;

    /**
     * @param serviceArea longitude/latitude envelope every coordinate must lie in
     * @param minAreaM2 smallest accepted ground area in m² (0 accepts any non-degenerate polygon)
     */
    public GeometryValidator(Envelope serviceArea, double minAreaM2) {
        this.serviceArea = new Envelope(serviceArea);
        this.minAreaM2 = minAreaM2;
    }

    /** A validator for the Tianjin service area with no minimum area. */
    public static GeometryValidator tianjin() {
        return new GeometryValidator(TIANJIN, 0);
    }

    /** The smallest ground area accepted, m². */
    public double minAreaM2() {
        return minAreaM2;
    }

    /** Validates a geometry in storage coordinates; an empty list means it may be stored. */
    public List<GeometryProblem> validate(Geometry g) {
        List<GeometryProblem> problems = new ArrayList<>();
        if (g == null || g.isEmpty()) {
            problems.add(new GeometryProblem("empty_geometry", "the geometry is empty", null));
            return problems;
        }
        if (!(g instanceof Polygon || g instanceof MultiPolygon)) {
            problems.add(new GeometryProblem("wrong_geometry_type",
                    "expected a Polygon or MultiPolygon, got a " + g.getGeometryType(), g.getCoordinate()));
            return problems;
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                problems.add(new GeometryProblem("invalid_coordinate", "a coordinate is not a finite number", null));
                return problems;
            }
            if (!serviceArea.contains(c.x, c.y)) {
                problems.add(new GeometryProblem("outside_service_area", String.format(Locale.ROOT,
                        "coordinate (%s, %s) lies outside the service area %.1f–%.1f°E, %.1f–%.1f°N;"
                                + " is the source CRS right (srcCrs)?",
                        c.x, c.y, serviceArea.getMinX(), serviceArea.getMaxX(), serviceArea.getMinY(), serviceArea.getMaxY()),
                        c));
                return problems;
            }
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            problems.add(new GeometryProblem(code(error), describe(error), error.getCoordinate()));
            return problems;
        }
        if (minAreaM2 > 0) {
            double area = EqualAreaProjection.DONGLI.area(g);
            if (area < minAreaM2) {
                problems.add(new GeometryProblem("too_small", String.format(Locale.ROOT,
                        "the polygon's area %.2f m² is below the minimum of %.2f m²", area, minAreaM2),
                        g.getInteriorPoint().getCoordinate()));
            }
        }
        return problems;
    }

    private static String code(TopologyValidationError e) {
        return switch (e.getErrorType()) {
            case TopologyValidationError.SELF_INTERSECTION -> "self_intersection";
            case TopologyValidationError.RING_SELF_INTERSECTION -> "ring_self_intersection";
            case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "hole_outside_shell";
            case TopologyValidationError.NESTED_HOLES -> "nested_holes";
            case TopologyValidationError.DISCONNECTED_INTERIOR -> "disconnected_interior";
            case TopologyValidationError.NESTED_SHELLS -> "nested_shells";
            case TopologyValidationError.DUPLICATE_RINGS -> "duplicate_rings";
            case TopologyValidationError.TOO_FEW_POINTS -> "too_few_points";
            case TopologyValidationError.INVALID_COORDINATE -> "invalid_coordinate";
            case TopologyValidationError.RING_NOT_CLOSED -> "ring_not_closed";
            default -> "invalid_geometry";
        };
    }

    private static String describe(TopologyValidationError e) {
        return switch (e.getErrorType()) {
            case TopologyValidationError.SELF_INTERSECTION -> "the polygon's boundary crosses itself";
            case TopologyValidationError.RING_SELF_INTERSECTION -> "a ring touches itself";
            case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "a hole lies outside its polygon";
            case TopologyValidationError.NESTED_HOLES -> "a hole lies inside another hole";
            case TopologyValidationError.DISCONNECTED_INTERIOR -> "holes split the polygon's interior";
            case TopologyValidationError.NESTED_SHELLS -> "one part of the multipolygon lies inside another";
            case TopologyValidationError.DUPLICATE_RINGS -> "two rings are identical";
            case TopologyValidationError.TOO_FEW_POINTS -> "a ring has fewer than four points";
            case TopologyValidationError.INVALID_COORDINATE -> "a coordinate is not a finite number";
            case TopologyValidationError.RING_NOT_CLOSED -> "a ring is not closed";
            default -> e.getMessage();
        };
    }
}
