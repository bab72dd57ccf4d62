package cn.dongli.carbonmap.geom.io;

/**
 * A file that goes beyond one of the limits of its {@link ReadBudget}: too many features, vertices or values, or
 * reading it took longer than allowed, or the read was cancelled. Raised while the file is read, before more of it is
 * held in memory than the limit allows.
 */
public class InputLimitException extends UnreadableInputException {

    private static final long serialVersionUID = 1L;

    /** The limits a read may exceed, by the name a client sees. */
    public enum Limit {
        /** Features in the file. */
        MAX_FEATURES("max-features"),
        /** Vertices of one feature's geometry. */
        MAX_VERTICES_PER_GEOMETRY("max-vertices-per-geometry"),
        /** Vertices of all geometries together. */
        MAX_VERTICES("max-vertices"),
        /** Attribute values of all features together (nested values count one each). */
        MAX_VALUES("max-values"),
        /** The time reading may take. */
        READ_TIME("read-time"),
        /** A GeoPackage's features table must be a table, not a view or virtual table (whose SQL would run). */
        TABLES_ONLY("tables-only"),
        /** The read was cancelled (the client left, or the server is stopping). */
        CANCELLED("cancelled");

        private final String id;

        Limit(String id) {
            this.id = id;
        }

        /** The name used in messages and problem JSON, e.g. {@code max-vertices-per-geometry}. */
        public String id() {
            return id;
        }
    }

    private final Limit limit;
    private final long value;
    private final int feature;

    /**
     * @param limit the limit exceeded
     * @param value the limit's value (a count, or milliseconds for {@link Limit#READ_TIME})
     * @param feature the zero-based index of the feature being read, or -1
     */
    public InputLimitException(Limit limit, long value, int feature, String message) {
        super(message);
        this.limit = limit;
        this.value = value;
        this.feature = feature;
    }

    public Limit limit() {
        return limit;
    }

    public long value() {
        return value;
    }

    /** The zero-based index of the feature being read when the limit was reached, or -1. */
    public int feature() {
        return feature;
    }
}
