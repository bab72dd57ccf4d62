package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.PolygonExtracter;

/** Construction and normalisation of the polygons CarbonMap stores. */
public final class Geometries {

    /** The factory of stored geometries: floating precision, SRID 4490 (CGCS2000 longitude/latitude). */
    public static final GeometryFactory STORAGE = new GeometryFactory(new PrecisionModel(), Crs.CGCS2000);
    /** A factory for planar (projected) working geometries. */
    public static final GeometryFactory PLANAR = new GeometryFactory(new PrecisionModel(), 0);

    private Geometries() {
    }

    /**
     * The geometry as a MultiPolygon of the storage factory with RFC 7946 winding (exterior rings counter-clockwise,
     * holes clockwise).
     *
     * @throws IllegalArgumentException if the geometry is not a Polygon or MultiPolygon
     */
    public static MultiPolygon toStoredMultiPolygon(Geometry g) {
        List<Polygon> parts = new ArrayList<>();
        if (g instanceof Polygon p) {
            parts.add(oriented(p));
        } else if (g instanceof MultiPolygon mp) {
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                parts.add(oriented((Polygon) mp.getGeometryN(i)));
            }
        } else {
            throw new IllegalArgumentException("not a polygon: " + g.getGeometryType());
        }
        return STORAGE.createMultiPolygon(parts.toArray(Polygon[]::new));
    }

    /** Collects the polygons of any geometry (points and lines are dropped) into a MultiPolygon of the factory. */
    public static MultiPolygon polygons(Geometry g, GeometryFactory factory) {
        List<Polygon> parts = new ArrayList<>();
        for (Object part : PolygonExtracter.getPolygons(g)) {
            if (!((Polygon) part).isEmpty()) {
                parts.add((Polygon) part);
            }
        }
        return factory.createMultiPolygon(parts.toArray(Polygon[]::new));
    }

    private static Polygon oriented(Polygon p) {
        LinearRing shell = ring(p.getExteriorRing(), true);
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = ring(p.getInteriorRingN(i), false);
        }
        return STORAGE.createPolygon(shell, holes);
    }

    private static LinearRing ring(LinearRing r, boolean counterClockwise) {
        boolean ccw = r.getNumPoints() >= 4 && Orientation.isCCW(r.getCoordinateSequence());
        LinearRing copy = STORAGE.createLinearRing(r.getCoordinateSequence().copy());
        return ccw == counterClockwise ? copy : copy.reverse();
    }
}
