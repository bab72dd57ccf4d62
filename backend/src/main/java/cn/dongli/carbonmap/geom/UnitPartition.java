package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * All units (zones, control levels, the barrier, streets, the district) laid on a {@link Grid} together.
 *
 * <p>A cell a unit covers entirely needs no overlay: the unit takes the cell's whole figure. A cell crossed by unit
 * boundaries is split once into <em>faces</em>, the pieces of the cell that lie inside the same set of units; a figure
 * is then overlaid with each face once, and every unit sums the faces inside it. Units share most of their boundaries
 * (a control level is part of the barrier, which the functional areas partition), so a face overlay serves several
 * units at once.
 *
 * <p>Immutable once built.
 */
public final class UnitPartition {

    /** Faces smaller than this (m²) are noise of coincident boundaries and are dropped. */
    private static final double SLIVER = 1e-4;

    /**
     * A piece of a cell inside a fixed set of units.
     *
     * @param geometry the piece
     * @param units the indices of the units it lies in
     */
    public record Face(Geometry geometry, int[] units) {
    }

    private final int unitCount;
    private final List<Geometry> units;
    private final List<PreparedGeometry> prepared;
    private final int[] cells;
    private final int[][] fullUnits;
    private final Face[][] faces;
    private final double[] unitAreas;
    private final int[] indexOfCell;

    /** Lays the units (planar polygons, in the order their indices follow) on the grid. */
    public UnitPartition(Grid grid, List<Geometry> unitGeometries) {
        this.unitCount = unitGeometries.size();
        this.units = List.copyOf(unitGeometries);
        this.prepared = units.stream().map(PreparedGeometryFactory::prepare).toList();
        GeometryFactory factory = units.isEmpty() ? Geometries.PLANAR : units.get(0).getFactory();

        // each unit against the cells of its envelope, in parallel: cells it covers, and its part of the others
        record Touch(List<Integer> full, Map<Integer, Geometry> partial) {
        }
        List<Touch> perUnit = IntStream.range(0, unitCount).parallel().mapToObj(u -> {
            Touch touch = new Touch(new ArrayList<>(), new HashMap<>());
            PreparedGeometry p = prepared.get(u);
            for (int cell : grid.cells(units.get(u).getEnvelopeInternal())) {
                Polygon box = grid.polygon(cell, factory);
                if (!p.intersects(box)) {
                    continue;
                }
                if (p.covers(box)) {
                    touch.full().add(cell);
                } else {
                    Geometry clip = Overlays.intersection(units.get(u), box);
                    if (clip.getArea() > SLIVER) {
                        touch.partial().put(cell, clip);
                    }
                }
            }
            return touch;
        }).toList();

        Map<Integer, List<Integer>> full = new HashMap<>();
        Map<Integer, List<Integer>> partialUnits = new HashMap<>();
        Map<Integer, List<Geometry>> partialClips = new HashMap<>();
        for (int u = 0; u < unitCount; u++) {
            for (int cell : perUnit.get(u).full()) {
                full.computeIfAbsent(cell, k -> new ArrayList<>()).add(u);
            }
            for (Map.Entry<Integer, Geometry> e : perUnit.get(u).partial().entrySet()) {
                partialUnits.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(u);
                partialClips.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        int[] used = java.util.stream.Stream.concat(full.keySet().stream(), partialUnits.keySet().stream()).distinct()
                .mapToInt(Integer::intValue).sorted().toArray();
        this.cells = used;
        this.indexOfCell = new int[grid.cellCount()];
        Arrays.fill(indexOfCell, -1);
        for (int k = 0; k < used.length; k++) {
            indexOfCell[used[k]] = k;
        }
        this.fullUnits = new int[used.length][];
        this.faces = new Face[used.length][];
        IntStream.range(0, used.length).parallel().forEach(k -> {
            int cell = used[k];
            fullUnits[k] = full.getOrDefault(cell, List.of()).stream().mapToInt(Integer::intValue).toArray();
            faces[k] = split(grid.polygon(cell, factory), partialUnits.getOrDefault(cell, List.of()),
                    partialClips.getOrDefault(cell, List.of()));
        });
        this.unitAreas = new double[unitCount];
        for (int k = 0; k < used.length; k++) {
            double cellArea = grid.envelope(used[k]).getArea();
            for (int u : fullUnits[k]) {
                unitAreas[u] += cellArea;
            }
            for (Face f : faces[k]) {
                double a = f.geometry().getArea();
                for (int u : f.units()) {
                    unitAreas[u] += a;
                }
            }
        }
    }

    private static Face[] split(Geometry cell, List<Integer> units, List<Geometry> clips) {
        List<Face> current = new ArrayList<>();
        current.add(new Face(cell, new int[0]));
        for (int i = 0; i < units.size(); i++) {
            int u = units.get(i);
            Geometry clip = clips.get(i);
            List<Face> next = new ArrayList<>(current.size() * 2);
            for (Face f : current) {
                Geometry inside = Overlays.intersection(f.geometry(), clip);
                double faceArea = f.geometry().getArea();
                if (inside.getArea() > SLIVER) {
                    int[] in = Arrays.copyOf(f.units(), f.units().length + 1);
                    in[in.length - 1] = u;
                    if (faceArea - inside.getArea() <= SLIVER) {
                        // the unit holds the whole face (nested units): no split
                        next.add(new Face(f.geometry(), in));
                        continue;
                    }
                    next.add(new Face(inside, in));
                    Geometry outside = Overlays.difference(f.geometry(), clip);
                    if (outside.getArea() > SLIVER) {
                        next.add(new Face(outside, f.units()));
                    }
                } else {
                    next.add(f);
                }
            }
            current = next;
        }
        return current.stream().filter(f -> f.units().length > 0).toArray(Face[]::new);
    }

    /** Whether a unit covers a grid cell entirely. */
    public boolean coversCell(int u, int cell) {
        int k = indexOfCell[cell];
        if (k < 0) {
            return false;
        }
        for (int v : fullUnits[k]) {
            if (v == u) {
                return true;
            }
        }
        return false;
    }

    /** The number of units. */
    public int unitCount() {
        return unitCount;
    }

    /** A unit's polygon (planar). */
    public Geometry unit(int u) {
        return units.get(u);
    }

    /** A unit's polygon, prepared for repeated predicates. */
    public PreparedGeometry prepared(int u) {
        return prepared.get(u);
    }

    /** A unit's area: the sum of its full cells and faces (m² in the equal-area plane). */
    public double area(int u) {
        return unitAreas[u];
    }

    int cellCount() {
        return cells.length;
    }

    /** The partition's index of a grid cell, or -1 if no unit touches it. */
    int indexOf(int cell) {
        return indexOfCell[cell];
    }

    int cell(int k) {
        return cells[k];
    }

    int[] fullUnits(int k) {
        return fullUnits[k];
    }

    Face[] faces(int k) {
        return faces[k];
    }

    /** The number of faces (overlays a figure needs in boundary cells), for logs. */
    public int faceCount() {
        return Arrays.stream(faces).mapToInt(f -> f.length).sum();
    }
}
