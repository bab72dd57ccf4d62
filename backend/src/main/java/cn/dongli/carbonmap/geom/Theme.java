package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * What an indicator measures the area of: the union, cell by cell, of several sources (e.g. blue-green space = the
 * green and blue land cover, all forest plots, the built parks and the farmland). Overlapping polygons, within a source
 * or across sources, count once.
 *
 * <p>Per-cell unions are cached and recomputed only when a source's cell changes. Call {@link #union} for different
 * cells in parallel only after the cache is warm or from one thread per cell.
 */
public final class Theme {

    private final List<GridCut> sources;
    private final GeometryFactory factory;
    private final Geometry[] unions;
    private final long[] stamps;

    public Theme(Grid grid, List<GridCut> sources, GeometryFactory factory) {
        this.sources = List.copyOf(sources);
        this.factory = factory;
        this.unions = new Geometry[grid.cellCount()];
        this.stamps = new long[grid.cellCount()];
        java.util.Arrays.fill(stamps, -1);
    }

    /** Grows whenever a source's content in the cell changes. */
    public long version(int cell) {
        long v = 0;
        for (GridCut s : sources) {
            v += s.version(cell);
        }
        return v;
    }

    /** The union of all sources in a cell. */
    public Geometry union(int cell) {
        long v = version(cell);
        Geometry u = unions[cell];
        if (u != null && stamps[cell] == v) {
            return u;
        }
        if (sources.size() == 1) {
            u = sources.get(0).union(cell);
        } else {
            List<Geometry> parts = new ArrayList<>(sources.size());
            for (GridCut s : sources) {
                Geometry p = s.union(cell);
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
            u = Overlays.union(parts, factory);
        }
        unions[cell] = u;
        stamps[cell] = v;
        return u;
    }
}
