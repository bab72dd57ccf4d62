package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * What a polygon would add to a theme inside one unit of a {@link UnitPartition}, cell by cell: its piece in each cell
 * the unit covers whole, its overlay with the unit's faces in the cells the unit's boundary crosses, each less what
 * already counts in the cell (the theme's parts, and anything else that may not be counted again). A parcel half
 * covered by a park thus adds only its other half, and only inside the unit. What counts is taken away before the
 * piece is laid on the unit: the rest is the same for every unit ({@link FreeCut}).
 *
 * <p>Immutable; {@link #added} may run in parallel.
 */
public final class AddedAreaOp {

    /** Pieces smaller than this (m²) are overlay noise along shared edges. */
    private static final double NOISE_M2 = 1e-6;

    /**
     * A piece of what a polygon adds, in one cell.
     *
     * @param cell the grid cell
     * @param geometry the piece (planar)
     */
    public record Piece(int cell, Geometry geometry) {
    }

    /**
     * What a polygon adds.
     *
     * @param pieces its pieces, cell by cell
     * @param area their area (m² in the equal-area plane)
     */
    public record Added(List<Piece> pieces, double area) {

        public static final Added NONE = new Added(List.of(), 0);
    }

    private final UnitPartition partition;
    private final int unit;

    /**
     * @param partition the units laid on the grid
     * @param unit the index of the unit to measure inside
     */
    public AddedAreaOp(UnitPartition partition, int unit) {
        if (unit < 0 || unit >= partition.unitCount()) {
            throw new IllegalArgumentException("no unit " + unit + " in a partition of " + partition.unitCount());
        }
        this.partition = partition;
        this.unit = unit;
    }

    /** Whether any of the unit lies in the grid cell. */
    public boolean touches(int cell) {
        int k = partition.indexOf(cell);
        if (k < 0) {
            return false;
        }
        if (partition.coversCell(unit, cell)) {
            return true;
        }
        for (UnitPartition.Face f : partition.faces(k)) {
            if (contains(f.units(), unit)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a polygon, cut along the partition's grid, adds inside the unit.
     *
     * @param cut the polygon's pieces per cell
     * @param counted per cell, the polygons that already count there (interior-disjoint or not: each is taken away)
     */
    public Added added(GridCut.Cut cut, IntFunction<List<Geometry>> counted) {
        return added(new FreeCut(cut), counted);
    }

    /**
     * What a polygon adds inside the unit, its pieces less what counts taken from (or kept in) {@code free}: only the
     * pieces in cells the unit touches are worked out.
     *
     * @param counted per cell, the polygons that already count there (interior-disjoint or not: each is taken away)
     */
    public Added added(FreeCut free, IntFunction<List<Geometry>> counted) {
        List<Piece> pieces = new ArrayList<>();
        double area = 0;
        int[] cells = free.cut.cells();
        for (int i = 0; i < cells.length; i++) {
            int cell = cells[i];
            if (!touches(cell)) {
                continue;
            }
            Geometry rest = free.free(i, counted);
            if (rest.isEmpty()) {
                continue;
            }
            for (Geometry inside : insideUnit(cell, rest)) {
                double a = inside.getArea();
                if (a > NOISE_M2) {
                    pieces.add(new Piece(cell, inside));
                    area += a;
                }
            }
        }
        return pieces.isEmpty() ? Added.NONE : new Added(List.copyOf(pieces), area);
    }

    /**
     * A polygon cut along the grid, with its pieces less what counts in their cells worked out when first needed and
     * then kept: the same whatever the unit, so that the units a candidate is measured in one after another (a
     * street, its zones, the district) share them. Valid while what counts does not change. Thread-safe.
     */
    public static final class FreeCut {

        private final GridCut.Cut cut;
        private final AtomicReferenceArray<Geometry> free;

        public FreeCut(GridCut.Cut cut) {
            this.cut = cut;
            this.free = new AtomicReferenceArray<>(cut.cells().length);
        }

        private Geometry free(int i, IntFunction<List<Geometry>> counted) {
            Geometry g = free.get(i);
            if (g == null) {
                g = less(cut.pieces()[i], counted.apply(cut.cells()[i]));
                free.set(i, g);
            }
            return g;
        }
    }

    /** A polygon less every polygon of a list whose envelope meets it. */
    public static Geometry less(Geometry g, List<Geometry> taken) {
        Geometry rest = g;
        for (Geometry t : taken) {
            if (rest.isEmpty()) {
                break;
            }
            Envelope e = rest.getEnvelopeInternal();
            if (e.intersects(t.getEnvelopeInternal())) {
                rest = Overlays.difference(rest, t);
            }
        }
        return rest;
    }

    private List<Geometry> insideUnit(int cell, Geometry piece) {
        int k = partition.indexOf(cell);
        if (k < 0) {
            return List.of();
        }
        if (partition.coversCell(unit, cell)) {
            return List.of(piece);
        }
        List<Geometry> out = new ArrayList<>();
        Envelope e = piece.getEnvelopeInternal();
        for (UnitPartition.Face f : partition.faces(k)) {
            if (contains(f.units(), unit) && e.intersects(f.geometry().getEnvelopeInternal())) {
                Geometry g = Overlays.intersection(piece, f.geometry());
                if (g.getArea() > NOISE_M2) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    private static boolean contains(int[] units, int u) {
        for (int v : units) {
            if (v == u) {
                return true;
            }
        }
        return false;
    }
}
