package cn.dongli.carbonmap.geom;

import java.util.Collection;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
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

    /**
     * The union of polygons, trying first the fast coverage union, which is exact when the parts do not overlap (a
     * land-cover survey, forest compartments, rooftops): its result is accepted only if its area is the sum of the
     * parts' areas and it is valid — if its rings merely touch themselves, {@link GeometryFixer} splits them and the
     * area is checked again. Otherwise (the parts overlap, or shared edges do not match vertex for vertex) the
     * general robust union is used. Either way the result is the union.
     */
    public static Geometry coverageUnion(Collection<Geometry> parts, GeometryFactory factory) {
        if (parts.size() < 2) {
            return union(parts, factory);
        }
        double sum = 0;
        for (Geometry p : parts) {
            sum += p.getArea();
        }
        double tolerance = 1e-9 * Math.max(1, sum);
        try {
            Geometry fast = CoverageUnion.union(parts.toArray(Geometry[]::new));
            if (fast != null && Math.abs(fast.getArea() - sum) <= tolerance) {
                if (fast.isValid()) {
                    return polygonal(fast, factory);
                }
                Geometry fixed = GeometryFixer.fix(fast);
                if (fixed.isValid() && Math.abs(fixed.getArea() - sum) <= tolerance) {
                    return polygonal(fixed, factory);
                }
            }
        } catch (RuntimeException notACoverage) {
            // fall through to the general union
        }
        return union(parts, factory);
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
