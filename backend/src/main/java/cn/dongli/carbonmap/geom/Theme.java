package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;

/**
 * What an indicator measures the area of: the union, cell by cell, of several sources (e.g. blue-green space = the
 * green and blue land cover, all forest plots, the built parks and the farmland). Overlapping polygons, within a source
 * or across sources, count once.
 *
 * <p>A theme's content in a cell is kept as <em>interior-disjoint parts</em> rather than one union: the first source's
 * union (the bulk, e.g. the land-cover coverage), then each polygon of the other sources' union minus it. A
 * difference is clipped to the small polygon's envelope, so adding plots and parks to a dense land cover costs little,
 * and areas add up because the parts do not overlap.
 *
 * <p>Parts are cached per cell and recomputed only when a source's cell changes. Call {@link #parts} for different
 * cells in parallel, never for the same cell from two threads.
 */
public final class Theme {

    private final List<CellSource> sources;
    private final GeometryFactory factory;
    private final List<Geometry>[] parts;
    private final long[] stamps;

    @SuppressWarnings("unchecked")
    public Theme(Grid grid, List<? extends CellSource> sources, GeometryFactory factory) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a theme needs at least one source");
        }
        this.sources = List.copyOf(sources);
        this.factory = factory;
        this.parts = new List[grid.cellCount()];
        this.stamps = new long[grid.cellCount()];
        java.util.Arrays.fill(stamps, -1);
    }

    /** Grows whenever a source's content in the cell changes. */
    public long version(int cell) {
        long v = 0;
        for (CellSource s : sources) {
            v += s.version(cell);
        }
        return v;
    }

    /** Interior-disjoint polygons whose union is the theme in the cell (empty when there is none). */
    public List<Geometry> parts(int cell) {
        long v = version(cell);
        List<Geometry> p = parts[cell];
        if (p != null && stamps[cell] == v) {
            return p;
        }
        p = compute(cell);
        parts[cell] = p;
        stamps[cell] = v;
        return p;
    }

    /** The theme's area in the cell. */
    public double area(int cell) {
        double a = 0;
        for (Geometry g : parts(cell)) {
            a += g.getArea();
        }
        return a;
    }

    /** The sources, in order (the first is the base the others add to). */
    public List<CellSource> sources() {
        return sources;
    }

    private List<Geometry> compute(int cell) {
        List<Geometry> unions = new ArrayList<>(sources.size());
        for (CellSource s : sources) {
            unions.add(s.union(cell));
        }
        return partsOf(unions, factory);
    }

    /**
     * A theme's content in a cell as interior-disjoint parts, from its sources' unions in the cell (the first one is
     * the base): the base, and what the others add outside it.
     */
    static List<Geometry> partsOf(List<Geometry> sourceUnions, GeometryFactory factory) {
        Geometry base = sourceUnions.get(0);
        List<Geometry> others = new ArrayList<>(sourceUnions.size() - 1);
        for (int i = 1; i < sourceUnions.size(); i++) {
            Geometry u = sourceUnions.get(i);
            if (!u.isEmpty()) {
                others.add(u);
            }
        }
        if (others.isEmpty()) {
            return base.isEmpty() ? List.of() : List.of(base);
        }
        Geometry rest = Overlays.union(others, factory);
        if (base.isEmpty()) {
            return List.of(rest);
        }
        // what the other sources add outside the base, in one overlay
        List<Polygon> outside = new ArrayList<>();
        for (Object r : PolygonExtracter.getPolygons(Overlays.difference(rest, base))) {
            if (((Polygon) r).getArea() > 0) {
                outside.add((Polygon) r);
            }
        }
        if (outside.isEmpty()) {
            return List.of(base);
        }
        // the pieces outside the base do not overlap one another: one multipolygon, one overlay per face later
        return List.of(base, factory.createMultiPolygon(outside.toArray(Polygon[]::new)));
    }
}
