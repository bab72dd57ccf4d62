package cn.dongli.carbonmap.geom;

import java.util.Collection;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The overlay operations of the engine, always through JTS's robust OverlayNG (floating precision first, then
 * snapping, then snap-rounding), always returning polygons only. A failure is never swallowed: a polygon that cannot
 * be overlaid raises an exception instead of silently dropping out of a figure.
 */
public final class Overlays {

    private Overlays() {
    }

    /** The polygonal part of the intersection of two geometries. */
    public static Geometry intersection(Geometry a, Geometry b) {
        if (!a.getEnvelopeInternal().intersects(b.getEnvelopeInternal())) {
            return a.getFactory().createPolygon();
        }
        return polygonal(OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION), a.getFactory());
    }

    /** The union of polygons, as polygons. */
    public static Geometry union(Collection<Geometry> parts, GeometryFactory factory) {
        if (parts.isEmpty()) {
            return factory.createPolygon();
        }
        if (parts.size() == 1) {
            return parts.iterator().next();
        }
        return polygonal(OverlayNGRobust.union(parts), factory);
    }

    /** The union of two polygonal geometries. */
    public static Geometry union(Geometry a, Geometry b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return polygonal(OverlayNGRobust.overlay(a, b, OverlayNG.UNION), a.getFactory());
    }

    private static Geometry polygonal(Geometry g, GeometryFactory factory) {
        if (g.getDimension() == 2 && (g.getGeometryType().endsWith("Polygon"))) {
            return g;
        }
        return Geometries.polygons(g, factory);
    }
}
