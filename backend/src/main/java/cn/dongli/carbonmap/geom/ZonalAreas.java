package cn.dongli.carbonmap.geom;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.locationtech.jts.geom.Geometry;

/**
 * The area of a {@link Theme} inside every unit of a {@link UnitPartition}: per cell, the theme's area (for the units
 * covering the cell) and its area in each face (for the units crossing it). Each cell's figures are remembered with
 * the theme's version of the cell; {@link #areas()} recomputes only the cells that changed — in parallel when there
 * are many — and sums the units' totals from the cells' figures.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class ZonalAreas {

    private final UnitPartition partition;
    private final Theme theme;
    private final double[] cellArea;
    private final double[][] faceArea;
    private final long[] stamps;

    public ZonalAreas(UnitPartition partition, Theme theme) {
        this.partition = partition;
        this.theme = theme;
        int n = partition.cellCount();
        this.cellArea = new double[n];
        this.faceArea = new double[n][];
        this.stamps = new long[n];
        Arrays.fill(stamps, -1);
    }

    /** The theme's area in each unit (m² in the equal-area plane), indexed like the partition's units. */
    public double[] areas() {
        int[] changed = IntStream.range(0, partition.cellCount())
                .filter(k -> stamps[k] != theme.version(partition.cell(k))).toArray();
        double[][] fresh = new double[changed.length][];
        IntStream indices = IntStream.range(0, changed.length);
        (changed.length > 8 ? indices.parallel() : indices).forEach(i -> fresh[i] = figures(changed[i]));
        for (int i = 0; i < changed.length; i++) {
            int k = changed[i];
            double[] f = fresh[i];
            cellArea[k] = f[0];
            faceArea[k] = Arrays.copyOfRange(f, 1, f.length);
            stamps[k] = theme.version(partition.cell(k));
        }
        // summed afresh from the cells' figures (cheap) rather than adjusted by differences, so nothing drifts
        double[] totals = new double[partition.unitCount()];
        for (int k = 0; k < partition.cellCount(); k++) {
            for (int u : partition.fullUnits(k)) {
                totals[u] += cellArea[k];
            }
            UnitPartition.Face[] faces = partition.faces(k);
            for (int j = 0; j < faces.length; j++) {
                for (int u : faces[j].units()) {
                    totals[u] += faceArea[k][j];
                }
            }
        }
        return totals;
    }

    /**
     * The figures of the partition's k-th cell as of the last {@link #areas()}: [area in the cell, area in face 0,
     * face 1, …].
     */
    double cellFigure(int k, int j) {
        return j == 0 ? cellArea[k] : faceArea[k][j - 1];
    }

    UnitPartition partition() {
        return partition;
    }

    /** [area in the cell, area in face 0, face 1, …] */
    private double[] figures(int k) {
        return figures(partition, k, theme.parts(partition.cell(k)));
    }

    /** The figures of parts of a theme in the partition's k-th cell: [area in the cell, area in face 0, …]. */
    static double[] figures(UnitPartition partition, int k, List<Geometry> parts) {
        UnitPartition.Face[] faces = partition.faces(k);
        double[] out = new double[1 + faces.length];
        if (parts.isEmpty()) {
            return out;
        }
        for (Geometry p : parts) {
            out[0] += p.getArea();
        }
        for (int j = 0; j < faces.length; j++) {
            Geometry face = faces[j].geometry();
            double a = 0;
            for (Geometry p : parts) {
                a += Overlays.intersection(p, face).getArea();
            }
            out[1 + j] = a;
        }
        return out;
    }
}
