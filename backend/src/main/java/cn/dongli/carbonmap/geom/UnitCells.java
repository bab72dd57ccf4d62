package cn.dongli.carbonmap.geom;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A unit (control zone, street, district) laid on a {@link Grid}: the cells it touches, and for each the part of the
 * unit inside it — or nothing when the unit covers the whole cell, so that interior cells need no overlay at all.
 */
public final class UnitCells {

    private final int[] cells;
    private final Geometry[] clips;
    private final double area;
    private final Geometry geometry;
    private final PreparedGeometry prepared;

    /** Cuts a unit's polygon (planar coordinates) along the grid. */
    public UnitCells(Grid grid, Geometry unit) {
        GeometryFactory factory = unit.getFactory();
        this.geometry = unit;
        this.prepared = PreparedGeometryFactory.prepare(unit);
        List<Integer> used = new ArrayList<>();
        List<Geometry> parts = new ArrayList<>();
        double total = 0;
        for (int cell : grid.cells(unit.getEnvelopeInternal())) {
            Polygon box = grid.polygon(cell, factory);
            if (!prepared.intersects(box)) {
                continue;
            }
            if (prepared.covers(box)) {
                used.add(cell);
                parts.add(null);
                total += box.getArea();
                continue;
            }
            Geometry clip = Overlays.intersection(unit, box);
            if (clip.getArea() > 0) {
                used.add(cell);
                parts.add(clip);
                total += clip.getArea();
            }
        }
        this.cells = used.stream().mapToInt(Integer::intValue).toArray();
        this.clips = parts.toArray(Geometry[]::new);
        this.area = total;
    }

    /** The cells the unit touches. */
    public int[] cells() {
        return cells.clone();
    }

    int cell(int k) {
        return cells[k];
    }

    int size() {
        return cells.length;
    }

    /** The part of the unit in the k-th of its cells, or {@code null} if it covers the whole cell. */
    Geometry clip(int k) {
        return clips[k];
    }

    /** The unit's area in the plane (m² in the equal-area plane), summed over its cells. */
    public double area() {
        return area;
    }

    /** The unit's polygon. */
    public Geometry geometry() {
        return geometry;
    }

    /** The unit's polygon, prepared for repeated predicates. */
    public PreparedGeometry prepared() {
        return prepared;
    }
}
