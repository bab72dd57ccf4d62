package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A {@link Theme} whose sources are partly {@link GridCutVariant}s: its parts are kept only for the cells a variant
 * touches (elsewhere it is the base theme), computed the same way as the base theme's and cached with the sources'
 * versions. {@link #parts} may run in parallel for different cells.
 */
public final class ThemeVariant {

    private final List<CellSource> sources;
    private final List<GridCutVariant> variants = new ArrayList<>();
    private final GeometryFactory factory;
    private final Map<Integer, Cached> parts = new ConcurrentHashMap<>();

    private record Cached(long version, List<Geometry> parts) {
    }

    /**
     * @param base the theme of the base sources
     * @param replacements a variant for some of the base theme's sources (the others are read as they are)
     */
    public ThemeVariant(Theme base, Map<CellSource, GridCutVariant> replacements, GeometryFactory factory) {
        List<CellSource> list = new ArrayList<>();
        for (CellSource s : base.sources()) {
            GridCutVariant v = replacements.get(s);
            list.add(v != null ? v : s);
            if (v != null) {
                variants.add(v);
            }
        }
        this.sources = List.copyOf(list);
        this.factory = factory;
    }

    /** The cells where the theme may differ from the base theme. */
    public Set<Integer> touchedCells() {
        Set<Integer> cells = new HashSet<>();
        for (GridCutVariant v : variants) {
            cells.addAll(v.touchedCells());
        }
        parts.keySet().retainAll(cells);
        return cells;
    }

    /** Grows whenever a source's content in the cell changes. */
    public long version(int cell) {
        long v = 0;
        for (CellSource s : sources) {
            v += s.version(cell);
        }
        return v;
    }

    /** Interior-disjoint polygons whose union is the theme in the cell, in the variant. */
    public List<Geometry> parts(int cell) {
        long v = version(cell);
        Cached c = parts.get(cell);
        if (c != null && c.version() == v) {
            return c.parts();
        }
        List<Geometry> unions = new ArrayList<>(sources.size());
        for (CellSource s : sources) {
            unions.add(s.union(cell));
        }
        List<Geometry> p = Theme.partsOf(unions, factory);
        parts.put(cell, new Cached(v, p));
        return p;
    }
}
