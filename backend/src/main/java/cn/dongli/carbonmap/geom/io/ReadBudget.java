package cn.dongli.carbonmap.geom.io;

import java.time.Duration;

/**
 * What reading one file may take: features, vertices per geometry and in total, attribute values, and time. The
 * readers charge it as they go, before they hold what they charge, so a file over a limit stops being read there
 * instead of after it is in memory: {@link InputLimitException} names the limit. Together with the size of the file
 * these bound the memory a read uses.
 *
 * <p>The time is checked as the reader advances (and by SQLite's progress handler for GeoPackages), and so are
 * {@link #cancel()} and the reading thread's interrupt flag. One budget serves one read, on one thread; only
 * {@link #cancel()} may be called from another.
 */
public final class ReadBudget {

    /**
     * The limits.
     *
     * @param maxFeatures most features in a file
     * @param maxVerticesPerGeometry most vertices of one geometry
     * @param maxVertices most vertices of all geometries together
     * @param maxValues most attribute values of all features together
     * @param time longest time the read may take
     */
    public record Limits(int maxFeatures, long maxVerticesPerGeometry, long maxVertices, long maxValues,
                         Duration time) {
        /**
         * The default limits of imports, for readers called without a budget (the editing API, whose bodies the
         * request limits keep small, and season uploads, read as they arrive within the upload timeout).
         */
        public static final Limits DEFAULT = new Limits(500_000, 2_000_000, 5_000_000, 5_000_000,
                Duration.ofMinutes(15));
    }

    private final Limits limits;
    private final long deadline;
    private volatile boolean cancelled;
    private int features;
    private long vertices;
    private long values;

    private ReadBudget(Limits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.time().toNanos();
    }

    /** A budget whose time starts now. */
    public static ReadBudget start(Limits limits) {
        return new ReadBudget(limits);
    }

    public Limits limits() {
        return limits;
    }

    /** Charges one more feature (the one with this index), and checks the time. */
    public void feature(int index) throws InputLimitException {
        features++;
        if (features > limits.maxFeatures()) {
            throw new InputLimitException(InputLimitException.Limit.MAX_FEATURES, limits.maxFeatures(), index,
                    "the file has more than " + limits.maxFeatures() + " features (limit max-features)");
        }
        check(index);
    }

    /**
     * Charges vertices of the geometry being read.
     *
     * @param inGeometry the vertices of this geometry so far, including these
     * @param added the vertices added now
     */
    public void vertices(int feature, long inGeometry, long added) throws InputLimitException {
        vertices += added;
        if (inGeometry > limits.maxVerticesPerGeometry()) {
            throw new InputLimitException(InputLimitException.Limit.MAX_VERTICES_PER_GEOMETRY,
                    limits.maxVerticesPerGeometry(), feature, "feature " + feature + " has more than "
                    + limits.maxVerticesPerGeometry() + " vertices (limit max-vertices-per-geometry)");
        }
        if (vertices > limits.maxVertices()) {
            throw new InputLimitException(InputLimitException.Limit.MAX_VERTICES, limits.maxVertices(), feature,
                    "the file has more than " + limits.maxVertices() + " vertices in all (limit max-vertices; reached"
                            + " at feature " + feature + ")");
        }
    }

    /** Charges attribute values of a feature. */
    public void values(int feature, long added) throws InputLimitException {
        values += added;
        if (values > limits.maxValues()) {
            throw new InputLimitException(InputLimitException.Limit.MAX_VALUES, limits.maxValues(), feature,
                    "the file has more than " + limits.maxValues() + " attribute values in all (limit max-values;"
                            + " reached at feature " + feature + ")");
        }
    }

    /** Cancels the read: it stops at its next check. May be called from any thread. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Checks the time, {@link #cancel()} and the thread's interrupt flag. */
    public void check(int feature) throws InputLimitException {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw cancelled(feature);
        }
        if (System.nanoTime() - deadline > 0) {
            throw timeUp(feature);
        }
    }

    /** Whether the read must stop now (time up or interrupted), for callbacks that cannot throw. */
    public boolean exhausted() {
        return cancelled || Thread.currentThread().isInterrupted() || System.nanoTime() - deadline > 0;
    }

    /** The exception for a read that {@link #exhausted()} stopped. */
    InputLimitException stopped(int feature) {
        return cancelled || Thread.currentThread().isInterrupted() ? cancelled(feature) : timeUp(feature);
    }

    private InputLimitException cancelled(int feature) {
        return new InputLimitException(InputLimitException.Limit.CANCELLED, 0, feature, "the read was cancelled");
    }

    private InputLimitException timeUp(int feature) {
        long ms = limits.time().toMillis();
        return new InputLimitException(InputLimitException.Limit.READ_TIME, ms, feature, "reading the file took"
                + " longer than " + ms + " ms (limit read-time)" + (feature >= 0 ? "; stopped at feature " + feature
                : ""));
    }
}
