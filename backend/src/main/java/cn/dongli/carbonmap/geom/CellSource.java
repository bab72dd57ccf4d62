package cn.dongli.carbonmap.geom;

import java.util.Collection;

import org.locationtech.jts.geom.Geometry;

/**
 * What a {@link Theme} reads of one of its sources, cell by cell: the union of the source's polygons in a cell of the
 * {@link Grid}, the pieces it is the union of, and a version that grows whenever that union may have changed. A
 * {@link GridCut} is one (the live layers); a {@link GridCutVariant} is another (a planning scenario's view of a
 * layer).
 */
public interface CellSource {

    /** The union of the source's pieces in a cell (an empty polygon when there are none). */
    Geometry union(int cell);

    /**
     * The source's pieces in a cell, one per feature, read-only: what {@link #union} unites. Taking a small polygon
     * away from the few pieces near it costs far less than overlaying it with the cell's whole union.
     */
    Collection<Geometry> piecesIn(int cell);

    /** Grows whenever the content of the cell changes. */
    long version(int cell);
}
