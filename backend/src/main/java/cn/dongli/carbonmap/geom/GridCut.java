package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The polygons of one source (a layer, or the features of a layer that pass a filter) cut along a {@link Grid}: per
 * cell, the piece of each polygon inside it, and the union of those pieces, cached until the cell changes.
 *
 * <p>Mutations ({@link #put}, {@link #remove}) must not run concurrently with anything else; {@link #union} may run
 * in parallel for different cells.
 */
public final class GridCut implements CellSource {

    private final Grid grid;
    private final GeometryFactory factory;
    private final Map<Long, int[]> cellsById = new HashMap<>();
    private final Map<Long, Geometry>[] pieces;
    private final Geometry[] unions;
    private final long[] versions;

    @SuppressWarnings("unchecked")
    public GridCut(Grid grid, GeometryFactory factory) {
        this.grid = grid;
        this.factory = factory;
        this.pieces = new Map[grid.cellCount()];
        this.unions = new Geometry[grid.cellCount()];
        this.versions = new long[grid.cellCount()];
    }

    /**
     * A polygon cut along the grid: the cells it lies in and its piece in each. Depends only on the polygon and the
     * grid, so it can be worked out in parallel and then {@link #put} into several sources.
     *
     * @param cells the cells
     * @param pieces the piece in each cell
     */
    public record Cut(int[] cells, Geometry[] pieces) {
    }

    /** Cuts a polygon (planar coordinates) along the grid, without changing anything. */
    public Cut cut(Geometry planar) {
        Envelope env = planar.getEnvelopeInternal();
        int[] candidates = grid.cells(env);
        int[] used = new int[candidates.length];
        Geometry[] found = new Geometry[candidates.length];
        int n = 0;
        for (int cell : candidates) {
            Envelope cellEnv = grid.envelope(cell);
            Geometry piece = cellEnv.covers(env) ? planar
                    : Overlays.intersection(planar, grid.polygon(cell, factory));
            if (piece.isEmpty() || piece.getArea() <= 0) {
                continue;
            }
            used[n] = cell;
            found[n++] = piece;
        }
        return new Cut(java.util.Arrays.copyOf(used, n), java.util.Arrays.copyOf(found, n));
    }

    /**
     * Adds or replaces the polygon of a feature (planar coordinates).
     *
     * @return the cells whose content changed
     */
    public int[] put(long id, Geometry planar) {
        return put(id, cut(planar));
    }

    /**
     * Adds or replaces a feature's polygon, already cut along this grid.
     *
     * @return the cells whose content changed
     */
    public int[] put(long id, Cut cut) {
        int[] old = remove(id);
        for (int i = 0; i < cut.cells().length; i++) {
            int cell = cut.cells()[i];
            if (pieces[cell] == null) {
                pieces[cell] = new HashMap<>();
            }
            pieces[cell].put(id, cut.pieces()[i]);
            touch(cell);
        }
        if (cut.cells().length > 0) {
            cellsById.put(id, cut.cells());
        }
        return merge(old, cut.cells());
    }

    /**
     * Removes a feature.
     *
     * @return the cells whose content changed
     */
    public int[] remove(long id) {
        int[] cells = cellsById.remove(id);
        if (cells == null) {
            return new int[0];
        }
        for (int cell : cells) {
            pieces[cell].remove(id);
            touch(cell);
        }
        return cells;
    }

    private void touch(int cell) {
        unions[cell] = null;
        versions[cell]++;
    }

    /** Whether the source holds the feature. */
    public boolean contains(long id) {
        return cellsById.containsKey(id);
    }

    /** The union of the pieces in a cell (an empty polygon when there are none). */
    @Override
    public Geometry union(int cell) {
        Geometry u = unions[cell];
        if (u == null) {
            Map<Long, Geometry> in = pieces[cell];
            u = in == null || in.isEmpty() ? factory.createPolygon()
                    : Overlays.coverageUnion(new ArrayList<>(in.values()), factory);
            unions[cell] = u;
        }
        return u;
    }

    @Override
    public Collection<Geometry> piecesIn(int cell) {
        Map<Long, Geometry> in = pieces[cell];
        return in == null ? List.of() : Collections.unmodifiableCollection(in.values());
    }

    /** Grows whenever the content of the cell changes. */
    @Override
    public long version(int cell) {
        return versions[cell];
    }

    /**
     * The pieces in a cell by feature id, read-only (a {@link GridCutVariant} unions them with its own changes).
     * Valid until the next mutation.
     */
    public Map<Long, Geometry> pieces(int cell) {
        Map<Long, Geometry> in = pieces[cell];
        return in == null ? Map.of() : Collections.unmodifiableMap(in);
    }

    /** The cells a feature has pieces in (empty if the source does not hold it). */
    public int[] cellsOf(long id) {
        int[] cells = cellsById.get(id);
        return cells == null ? new int[0] : cells;
    }

    /** The number of features held. */
    public int size() {
        return cellsById.size();
    }

    static int[] merge(int[] a, int[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        return java.util.stream.IntStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).distinct()
                .toArray();
    }
}
