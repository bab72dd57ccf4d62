package cn.dongli.carbonmap.geom;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.locationtech.jts.geom.Geometry;

/**
 * The area of a {@link ThemeVariant} inside every unit: the base's areas with the figures of the cells the variant
 * touches swapped in (the variant's figure of the cell minus the base's), so that the work and the memory are those of
 * the touched cells. The cells' figures are cached with the variant theme's version.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class ZonalAreasVariant {

    private final ZonalAreas base;
    private final ThemeVariant theme;
    private final Map<Integer, Cached> figures = new HashMap<>();

    private record Cached(long version, double[] figures) {
    }

    public ZonalAreasVariant(ZonalAreas base, ThemeVariant theme) {
        this.base = base;
        this.theme = theme;
    }

    /**
     * The variant theme's area in each unit.
     *
     * @param baseAreas what {@link ZonalAreas#areas()} of the base has just returned (the base's cell figures must
     *                  be current)
     */
    public double[] areas(double[] baseAreas) {
        UnitPartition partition = base.partition();
        Set<Integer> touched = theme.touchedCells();
        figures.keySet().retainAll(touched);
        int[] stale = touched.stream().mapToInt(Integer::intValue)
                .filter(cell -> partition.indexOf(cell) >= 0)
                .filter(cell -> figures.get(cell) == null || figures.get(cell).version() != theme.version(cell))
                .toArray();
        double[][] fresh = new double[stale.length][];
        IntStream indices = IntStream.range(0, stale.length);
        (stale.length > 8 ? indices.parallel() : indices).forEach(i -> {
            int cell = stale[i];
            List<Geometry> parts = theme.parts(cell);
            fresh[i] = ZonalAreas.figures(partition, partition.indexOf(cell), parts);
        });
        for (int i = 0; i < stale.length; i++) {
            figures.put(stale[i], new Cached(theme.version(stale[i]), fresh[i]));
        }
        double[] out = baseAreas.clone();
        for (Map.Entry<Integer, Cached> e : figures.entrySet()) {
            int k = partition.indexOf(e.getKey());
            double[] f = e.getValue().figures();
            double cellDelta = f[0] - base.cellFigure(k, 0);
            for (int u : partition.fullUnits(k)) {
                out[u] += cellDelta;
            }
            UnitPartition.Face[] faces = partition.faces(k);
            for (int j = 0; j < faces.length; j++) {
                double delta = f[1 + j] - base.cellFigure(k, 1 + j);
                for (int u : faces[j].units()) {
                    out[u] += delta;
                }
            }
        }
        return out;
    }
}
