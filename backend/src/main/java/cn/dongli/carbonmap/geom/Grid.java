package cn.dongli.carbonmap.geom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A regular square grid over the equal-area plane, cells numbered row by row from the south-west.
 *
 * <p>The grid is the planar partition the indicator engine works on: every polygon is cut into per-cell pieces once,
 * unions are formed per cell, and a unit's figure is the sum of its cells. An edit then touches only the few cells
 * under the edited feature.
 */
public final class Grid {

    private final double minX;
    private final double minY;
    private final double size;
    private final int cols;
    private final int rows;

    /**
     * @param extent the area to cover (planar metres)
     * @param cellSize the side of a cell, metres
     */
    public Grid(Envelope extent, double cellSize) {
        if (!(cellSize > 0) || extent.isNull()) {
            throw new IllegalArgumentException("a grid needs a non-empty extent and a positive cell size");
        }
        this.minX = extent.getMinX();
        this.minY = extent.getMinY();
        this.size = cellSize;
        this.cols = Math.max(1, (int) Math.ceil(extent.getWidth() / cellSize));
        this.rows = Math.max(1, (int) Math.ceil(extent.getHeight() / cellSize));
    }

    /**
     * A cell size that puts about {@code piecesPerCell} of {@code polygonCount} polygons in each cell of an area,
     * between 100 m and 5 km.
     */
    public static double cellSizeFor(double areaM2, long polygonCount, int piecesPerCell) {
        double side = Math.sqrt(areaM2 * piecesPerCell / Math.max(1, polygonCount));
        return Math.max(100, Math.min(5000, side));
    }

    public int cellCount() {
        return cols * rows;
    }

    public double cellSize() {
        return size;
    }

    /** Whether the grid covers the envelope entirely. */
    public boolean covers(Envelope e) {
        return e.getMinX() >= minX && e.getMinY() >= minY && e.getMaxX() <= minX + cols * size
                && e.getMaxY() <= minY + rows * size;
    }

    /** The envelope of a cell. */
    public Envelope envelope(int cell) {
        int c = cell % cols;
        int r = cell / cols;
        return new Envelope(minX + c * size, minX + (c + 1) * size, minY + r * size, minY + (r + 1) * size);
    }

    /** The cell as a polygon of the factory. */
    public Polygon polygon(int cell, GeometryFactory factory) {
        Envelope e = envelope(cell);
        return factory.createPolygon(new Coordinate[] {new Coordinate(e.getMinX(), e.getMinY()),
                new Coordinate(e.getMaxX(), e.getMinY()), new Coordinate(e.getMaxX(), e.getMaxY()),
                new Coordinate(e.getMinX(), e.getMaxY()), new Coordinate(e.getMinX(), e.getMinY())});
    }

    /** The cells whose envelopes intersect the envelope (none if it lies outside the grid). */
    public int[] cells(Envelope e) {
        int c0 = Math.max(0, (int) Math.floor((e.getMinX() - minX) / size));
        int c1 = Math.min(cols - 1, (int) Math.floor((e.getMaxX() - minX) / size));
        int r0 = Math.max(0, (int) Math.floor((e.getMinY() - minY) / size));
        int r1 = Math.min(rows - 1, (int) Math.floor((e.getMaxY() - minY) / size));
        if (c0 > c1 || r0 > r1) {
            return new int[0];
        }
        int[] out = new int[(c1 - c0 + 1) * (r1 - r0 + 1)];
        int k = 0;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                out[k++] = r * cols + c;
            }
        }
        return out;
    }
}
