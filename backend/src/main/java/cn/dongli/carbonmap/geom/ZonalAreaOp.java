package cn.dongli.carbonmap.geom;

import org.locationtech.jts.geom.Geometry;

/**
 * The area of a {@link Theme} inside a unit: Σ over the unit's cells of area(theme union ∩ unit part). Each cell's
 * contribution is remembered with the theme's version of the cell, so that after an edit only the touched cells are
 * overlaid again.
 *
 * <p>Not thread-safe: one instance per (unit, theme), used by one thread at a time.
 */
public final class ZonalAreaOp {

    private final UnitCells unit;
    private final Theme theme;
    private final double[] contributions;
    private final long[] stamps;

    public ZonalAreaOp(UnitCells unit, Theme theme) {
        this.unit = unit;
        this.theme = theme;
        this.contributions = new double[unit.size()];
        this.stamps = new long[unit.size()];
        java.util.Arrays.fill(stamps, -1);
    }

    /** The area (m² in the equal-area plane) of the theme inside the unit. */
    public double area() {
        double sum = 0;
        for (int k = 0; k < contributions.length; k++) {
            int cell = unit.cell(k);
            long v = theme.version(cell);
            if (stamps[k] != v) {
                contributions[k] = contribution(k, cell);
                stamps[k] = v;
            }
            sum += contributions[k];
        }
        return sum;
    }

    private double contribution(int k, int cell) {
        Geometry covered = theme.union(cell);
        if (covered.isEmpty()) {
            return 0;
        }
        Geometry clip = unit.clip(k);
        return clip == null ? covered.getArea() : Overlays.intersection(covered, clip).getArea();
    }
}
