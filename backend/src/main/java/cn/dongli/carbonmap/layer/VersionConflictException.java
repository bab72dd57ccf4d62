package cn.dongli.carbonmap.layer;

import java.util.Map;

import cn.dongli.carbonmap.error.ProblemException;

/**
 * 409: the feature changed since the client read it. Holds the stored feature so that the client can show both
 * versions; nobody's edit is silently overwritten.
 */
public class VersionConflictException extends ProblemException {

    private static final long serialVersionUID = 1L;

    private final transient Feature current;

    public VersionConflictException(Feature current, int expectedVersion) {
        super(409, "version-conflict", "Edit conflict",
                "feature " + current.id() + " of layer '" + current.layer() + "' is at version " + current.version()
                        + ", not " + expectedVersion + ": someone saved it after you loaded it",
                Map.of("currentVersion", current.version(), "expectedVersion", expectedVersion,
                        "current", FeatureJson.toMap(current)));
        this.current = current;
    }

    /** The feature as stored now. */
    public Feature current() {
        return current;
    }
}
