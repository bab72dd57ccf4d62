package cn.dongli.carbonmap.geom;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * A transformation of 2-D coordinates, always in (x = longitude or easting, y = latitude or northing) order.
 *
 * <p>Obtained from {@link Crs}; implementations are immutable and thread-safe.
 */
public interface CoordinateTransform {

    /**
     * Transforms {@code count} points stored as x0, y0, x1, y1, … in place.
     *
     * @throws IllegalArgumentException if a point cannot be transformed (outside the projection's domain)
     */
    void transform(double[] xy, int count);

    /** Whether this transform leaves coordinates unchanged. */
    default boolean isIdentity() {
        return false;
    }

    /**
     * Returns a transformed copy of the geometry with the given SRID; the input is not modified.
     *
     * @throws IllegalArgumentException if a point cannot be transformed
     */
    default Geometry apply(Geometry geometry, int targetSrid) {
        Geometry copy = geometry.copy();
        if (!isIdentity()) {
            copy.apply(new Filter(this));
            copy.geometryChanged();
        }
        copy.setSRID(targetSrid);
        return copy;
    }

    /** Composes two transforms: {@code this} first, then {@code next}. */
    default CoordinateTransform then(CoordinateTransform next) {
        if (isIdentity()) {
            return next;
        }
        if (next.isIdentity()) {
            return this;
        }
        CoordinateTransform first = this;
        return (xy, count) -> {
            first.transform(xy, count);
            next.transform(xy, count);
        };
    }

    /** The transform that changes nothing. */
    CoordinateTransform IDENTITY = new CoordinateTransform() {
        @Override
        public void transform(double[] xy, int count) {
        }

        @Override
        public boolean isIdentity() {
            return true;
        }
    };

    /**
     * Exchanges the two axes: (longitude, latitude) ↔ (latitude, longitude), (easting, northing) ↔ (northing,
     * easting). Used only at the edge where a standard asks for a CRS's defined axis order (OGC API – Features Part 2).
     */
    CoordinateTransform SWAP_AXES = (xy, count) -> {
        for (int i = 0; i < count; i++) {
            double x = xy[2 * i];
            xy[2 * i] = xy[2 * i + 1];
            xy[2 * i + 1] = x;
        }
    };

    /** Transforms a whole coordinate sequence at once, which is much faster than point by point. */
    final class Filter implements CoordinateSequenceFilter {
        private final CoordinateTransform transform;

        Filter(CoordinateTransform transform) {
            this.transform = transform;
        }

        @Override
        public void filter(CoordinateSequence seq, int i) {
            if (i != 0) {
                return;
            }
            int n = seq.size();
            double[] xy = new double[2 * n];
            for (int k = 0; k < n; k++) {
                xy[2 * k] = seq.getX(k);
                xy[2 * k + 1] = seq.getY(k);
            }
            transform.transform(xy, n);
            for (int k = 0; k < n; k++) {
                seq.setOrdinate(k, 0, xy[2 * k]);
                seq.setOrdinate(k, 1, xy[2 * k + 1]);
            }
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
