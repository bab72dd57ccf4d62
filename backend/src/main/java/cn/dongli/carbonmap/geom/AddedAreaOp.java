package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * What a polygon would add to a theme inside one unit of a {@link UnitPartition}, cell by cell: its piece in each cell
 * the unit covers whole, its overlay with the unit's faces in the cells the unit's boundary crosses, each less what
 * already counts in the cell (the theme's parts, and anything else that may not be counted again). A parcel half
 * covered by a park thus adds only its other half, and only inside the unit.
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
        List<Piece> pieces = new ArrayList<>();
        double area = 0;
        for (int i = 0; i < cut.cells().length; i++) {
            int cell = cut.cells()[i];
            for (Geometry inside : insideUnit(cell, cut.pieces()[i])) {
                Geometry rest = less(inside, counted.apply(cell));
                double a = rest.getArea();
                if (a > NOISE_M2) {
                    pieces.add(new Piece(cell, rest));
                    area += a;
                }
            }
        }
        return pieces.isEmpty() ? Added.NONE : new Added(List.copyOf(pieces), area);
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
