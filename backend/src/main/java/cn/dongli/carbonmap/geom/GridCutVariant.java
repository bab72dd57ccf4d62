package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A variant of a {@link GridCut}: the base's polygons with some of them replaced, removed or added, held sparsely —
 * only the changed features and the cells they touch — so that a variant costs what its changes cost, not a copy of
 * the source. A cell no change touches reads through to the base, whose later changes therefore show in the variant
 * at once; a touched cell unions the base's pieces, minus the changed features, with the variant's own pieces.
 *
 * <p>A changed feature is registered in the cells of its base polygon and of its variant polygon. When the base
 * polygon of a changed feature moves, {@link #put} or {@link #remove} it again so that its cells are registered
 * afresh. Mutations must not run concurrently with anything else; {@link #union} may run in parallel for different
 * cells.
 */
public final class GridCutVariant implements CellSource {

    private static final GridCut.Cut ABSENT = new GridCut.Cut(new int[0], new Geometry[0]);

    private final GridCut base;
    private final GeometryFactory factory;
    /** The variant's polygon of every changed feature, cut along the grid ({@link #ABSENT}: not in the variant). */
    private final Map<Long, GridCut.Cut> changed = new HashMap<>();
    private final Map<Long, int[]> registered = new HashMap<>();
    private final Map<Integer, Set<Long>> changedByCell = new HashMap<>();
    private final Map<Integer, Long> versions = new HashMap<>();
    private final Map<Integer, Cached> unions = new ConcurrentHashMap<>();

    private record Cached(long version, Geometry union) {
    }

    public GridCutVariant(GridCut base, GeometryFactory factory) {
        this.base = base;
        this.factory = factory;
    }

    /** Makes a feature's polygon in the variant this one (cut along the same grid as the base). */
    public void put(long id, GridCut.Cut cut) {
        changed.put(id, cut);
        register(id, cut);
    }

    /** Takes a feature out of the variant (its base polygon, if any, no longer counts). */
    public void remove(long id) {
        put(id, ABSENT);
    }

    /** Gives a feature back to the base: the variant holds it as the base does. */
    public void reset(long id) {
        if (changed.remove(id) != null) {
            unregister(id);
        }
    }

    /** Whether the variant changes the feature. */
    public boolean changes(long id) {
        return changed.containsKey(id);
    }

    /** The cells whose content may differ from the base's. */
    public Set<Integer> touchedCells() {
        return changedByCell.keySet();
    }

    /** The number of features the variant changes. */
    public int size() {
        return changed.size();
    }

    private void register(long id, GridCut.Cut cut) {
        unregister(id);
        Set<Integer> cells = new HashSet<>();
        for (int cell : base.cellsOf(id)) {
            cells.add(cell);
        }
        for (int cell : cut.cells()) {
            cells.add(cell);
        }
        int[] list = cells.stream().mapToInt(Integer::intValue).toArray();
        for (int cell : list) {
            changedByCell.computeIfAbsent(cell, k -> new HashSet<>()).add(id);
            touch(cell);
        }
        registered.put(id, list);
    }

    private void unregister(long id) {
        int[] cells = registered.remove(id);
        if (cells == null) {
            return;
        }
        for (int cell : cells) {
            Set<Long> ids = changedByCell.get(cell);
            if (ids != null && ids.remove(id) && ids.isEmpty()) {
                changedByCell.remove(cell);
            }
            touch(cell);
        }
    }

    private void touch(int cell) {
        versions.merge(cell, 1L, Long::sum);
        unions.remove(cell);
    }

    @Override
    public Geometry union(int cell) {
        Set<Long> ids = changedByCell.get(cell);
        if (ids == null) {
            return base.union(cell);
        }
        long v = version(cell);
        Cached c = unions.get(cell);
        if (c != null && c.version() == v) {
            return c.union();
        }
        List<Geometry> pieces = pieces(cell, ids);
        Geometry u = pieces.isEmpty() ? factory.createPolygon() : Overlays.coverageUnion(pieces, factory);
        unions.put(cell, new Cached(v, u));
        return u;
    }

    @Override
    public Collection<Geometry> piecesIn(int cell) {
        Set<Long> ids = changedByCell.get(cell);
        return ids == null ? base.piecesIn(cell) : pieces(cell, ids);
    }

    /** The base's pieces in a cell less those of the changed features, and the changed features' own. */
    private List<Geometry> pieces(int cell, Set<Long> ids) {
        List<Geometry> pieces = new ArrayList<>();
        for (Map.Entry<Long, Geometry> e : base.pieces(cell).entrySet()) {
            if (!changed.containsKey(e.getKey())) {
                pieces.add(e.getValue());
            }
        }
        for (long id : ids) {
            GridCut.Cut cut = changed.get(id);
            for (int i = 0; i < cut.cells().length; i++) {
                if (cut.cells()[i] == cell) {
                    pieces.add(cut.pieces()[i]);
                }
            }
        }
        return pieces;
    }

    /** The base's version of the cell plus the variant's own: grows when either side changes. */
    @Override
    public long version(int cell) {
        return base.version(cell) + versions.getOrDefault(cell, 0L);
    }
}
