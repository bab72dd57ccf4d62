package cn.dongli.carbonmap.geom;

import org.locationtech.jts.geom.Coordinate;

/**
 * Why a geometry was refused, and where.
 *
 * @param code a stable machine-readable reason, e.g. {@code self_intersection}
 * @param message a sentence for people, in English
 * @param location the point the problem is at, in the geometry's coordinates, or {@code null} if it has none
 */
public record GeometryProblem(String code, String message, Coordinate location) {

    /** The location as {@code [x, y]}, or {@code null}. */
    public double[] point() {
        return location == null ? null : new double[] {location.x, location.y};
    }

    @Override
    public String toString() {
        return location == null ? message : message + " at (" + location.x + ", " + location.y + ")";
    }
}
