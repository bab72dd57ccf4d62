package cn.dongli.carbonmap.sample;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;

import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.EqualAreaProjection;
import cn.dongli.carbonmap.geom.Geometries;

/**
 * The two coordinate spaces of the generator and the way between them.
 *
 * <p>Shapes are designed in the district's equal-area plane ({@link EqualAreaProjection#DONGLI}, metres), where
 * sizes, buffers and areas mean what they say; positions in the design are given in kilometres east and north of a
 * local origin at 117.395°E, 39.118°N. Everything handed out is in storage coordinates, CGCS2000 longitude/latitude
 * rounded to 7 decimals (about 1 cm), which is also the grid on which the coverages are noded.
 */
final class Plane {

    /** The 7-decimal grid of stored coordinates. */
    static final PrecisionModel GRID = new PrecisionModel(1e7);
    /** Factory of stored geometries (SRID 4490). */
    static final GeometryFactory STORAGE = Geometries.STORAGE;
    /** Factory of design geometries in the equal-area plane. */
    static final GeometryFactory PLANAR = Geometries.PLANAR;

    static final double ORIGIN_LON = 117.395;
    static final double ORIGIN_LAT = 39.118;

    private static final EqualAreaProjection PROJECTION = EqualAreaProjection.DONGLI;
    private static final double ORIGIN_X;
    private static final double ORIGIN_Y;

    static {
        double[] xy = {ORIGIN_LON, ORIGIN_LAT};
        PROJECTION.forward().transform(xy, 1);
        ORIGIN_X = xy[0];
        ORIGIN_Y = xy[1];
    }

    private Plane() {
    }

    /** The planar coordinate of a design position given in km east and north of the local origin. */
    static Coordinate km(double east, double north) {
        return new Coordinate(ORIGIN_X + 1000 * east, ORIGIN_Y + 1000 * north);
    }

    /** km east of the local origin of a planar x. */
    static double eastKm(double x) {
        return (x - ORIGIN_X) / 1000;
    }

    /** km north of the local origin of a planar y. */
    static double northKm(double y) {
        return (y - ORIGIN_Y) / 1000;
    }

    /** A value rounded to the storage grid. */
    static double round(double v) {
        return GRID.makePrecise(v);
    }

    /** The ground area in m² of a storage geometry, as CarbonMap measures it. */
    static double area(Geometry lonLat) {
        return PROJECTION.area(lonLat);
    }

    /** Planar (x, y) pairs to longitude/latitude pairs, in place. */
    static void unproject(double[] xy, int count) {
        PROJECTION.inverse().transform(xy, count);
    }

    /** Longitude/latitude pairs to planar (x, y) pairs, in place. */
    static void project(double[] xy, int count) {
        PROJECTION.forward().transform(xy, count);
    }

    /** A storage geometry in the plane. */
    static Geometry toPlanar(Geometry lonLat) {
        return transform(lonLat, PROJECTION.forward(), false, PLANAR);
    }

    /** A planar coordinate of a storage coordinate. */
    static Coordinate toPlanar(Coordinate lonLat) {
        double[] xy = {lonLat.x, lonLat.y};
        project(xy, 1);
        return new Coordinate(xy[0], xy[1]);
    }

    /**
     * A planar geometry in storage coordinates, rounded to 7 decimals when the rounded geometry is still valid (and
     * for lines always).
     */
    static Geometry toStorage(Geometry planar) {
        Geometry rounded = transform(planar, PROJECTION.inverse(), true, STORAGE);
        if (rounded == null || !(rounded.getDimension() < 2 || IsValidOp.isValid(rounded))) {
            Geometry exact = transform(planar, PROJECTION.inverse(), false, STORAGE);
            return exact != null && IsValidOp.isValid(exact) ? exact : rounded;
        }
        return rounded;
    }

    /**
     * A storage polygon or multipolygon with RFC 7946 winding (exterior rings counter-clockwise, holes clockwise) and
     * the storage factory (SRID 4490); coordinates are kept as they are.
     *
     * @throws IllegalArgumentException if the geometry is not polygonal or is empty
     */
    static Geometry oriented(Geometry g) {
        if (g instanceof Polygon p) {
            return oriented(p);
        }
        if (g instanceof MultiPolygon mp) {
            if (mp.getNumGeometries() == 1) {
                return oriented((Polygon) mp.getGeometryN(0));
            }
            Polygon[] parts = new Polygon[mp.getNumGeometries()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = oriented((Polygon) mp.getGeometryN(i));
            }
            return STORAGE.createMultiPolygon(parts);
        }
        throw new IllegalArgumentException("not a polygon: " + (g == null ? null : g.getGeometryType()));
    }

    private static Polygon oriented(Polygon p) {
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty polygon");
        }
        LinearRing shell = ring(p.getExteriorRing(), true);
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = ring(p.getInteriorRingN(i), false);
        }
        return STORAGE.createPolygon(shell, holes);
    }

    private static LinearRing ring(LinearRing r, boolean counterClockwise) {
        Coordinate[] c = r.getCoordinates();
        if (Orientation.isCCW(c) != counterClockwise) {
            c = c.clone();
            CoordinateArrays.reverse(c);
        }
        return STORAGE.createLinearRing(c);
    }

    /**
     * A transformed copy, ring by ring; with {@code round} the coordinates are put on the storage grid and repeated
     * points removed. Returns null when a ring collapses.
     */
    static Geometry transform(Geometry g, CoordinateTransform t, boolean round, GeometryFactory factory) {
        if (g instanceof Polygon p) {
            return polygon(p, t, round, factory);
        }
        if (g instanceof MultiPolygon mp) {
            List<Polygon> parts = new ArrayList<>();
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                Polygon part = polygon((Polygon) mp.getGeometryN(i), t, round, factory);
                if (part == null) {
                    return null;
                }
                parts.add(part);
            }
            return factory.createMultiPolygon(parts.toArray(Polygon[]::new));
        }
        if (g instanceof LinearRing r) {
            Coordinate[] c = coordinates(r, t, round);
            return c.length < 4 ? null : factory.createLinearRing(c);
        }
        if (g instanceof LineString l) {
            Coordinate[] c = coordinates(l, t, round);
            return c.length < 2 ? null : factory.createLineString(c);
        }
        if (g instanceof MultiLineString ml) {
            List<LineString> parts = new ArrayList<>();
            for (int i = 0; i < ml.getNumGeometries(); i++) {
                Geometry part = transform(ml.getGeometryN(i), t, round, factory);
                if (part != null) {
                    parts.add((LineString) part);
                }
            }
            return factory.createMultiLineString(parts.toArray(LineString[]::new));
        }
        if (g instanceof Point pt) {
            Coordinate[] c = coordinates(pt.getCoordinates(), t, round);
            return factory.createPoint(c[0]);
        }
        throw new IllegalArgumentException("cannot transform a " + g.getGeometryType());
    }

    private static Polygon polygon(Polygon p, CoordinateTransform t, boolean round, GeometryFactory factory) {
        Coordinate[] shell = coordinates(p.getExteriorRing(), t, round);
        if (shell.length < 4) {
            return null;
        }
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            Coordinate[] hole = coordinates(p.getInteriorRingN(i), t, round);
            if (hole.length < 4) {
                return null;
            }
            holes[i] = factory.createLinearRing(hole);
        }
        return factory.createPolygon(factory.createLinearRing(shell), holes);
    }

    private static Coordinate[] coordinates(LineString line, CoordinateTransform t, boolean round) {
        return coordinates(line.getCoordinates(), t, round);
    }

    private static Coordinate[] coordinates(Coordinate[] in, CoordinateTransform t, boolean round) {
        int n = in.length;
        double[] xy = new double[2 * n];
        for (int k = 0; k < n; k++) {
            xy[2 * k] = in[k].x;
            xy[2 * k + 1] = in[k].y;
        }
        t.transform(xy, n);
        Coordinate[] out = new Coordinate[n];
        for (int k = 0; k < n; k++) {
            out[k] = round ? new Coordinate(round(xy[2 * k]), round(xy[2 * k + 1]))
                    : new Coordinate(xy[2 * k], xy[2 * k + 1]);
        }
        return round ? CoordinateArrays.removeRepeatedPoints(out) : out;
    }
}
