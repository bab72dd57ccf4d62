package cn.dongli.carbonmap.layer;

import java.io.IOException;
import java.io.InputStream;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.io.GeoJsonReader;
import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.geom.io.UnreadableInputException;

/** What the write requests of the features APIs carry: one GeoJSON Feature, and versions in If-Match. */
public final class FeatureRequests {

    private FeatureRequests() {
    }

    /**
     * The one GeoJSON Feature of a request body, in longitude/latitude.
     *
     * @throws ProblemException 400 when it is not one readable Feature in EPSG:4490/4326, 422 when its geometry is
     *                          unreadable
     */
    public static SourceFeature readFeature(Layer layer, InputStream body) throws IOException {
        SourceDataset data;
        try (InputStream in = body) {
            data = GeoJsonReader.read(in);
        } catch (UnreadableInputException e) {
            throw ProblemException.badRequest("malformed-geojson", e.getMessage());
        }
        if (data.features().size() != 1) {
            throw ProblemException.badRequest("malformed-geojson", "send exactly one GeoJSON Feature");
        }
        if (data.crs() != null && data.crs().epsg() != 4490 && data.crs().epsg() != 4326) {
            throw ProblemException.badRequest("unsupported-crs",
                    "features are written in longitude/latitude (EPSG:4490); use the import for other CRSs");
        }
        SourceFeature source = data.features().get(0);
        if (source.problem() != null) {
            throw InvalidFeaturesException.single(layer, source.problem(), "unreadable_geometry", null);
        }
        return source;
    }

    /**
     * The version in an If-Match header ({@code "3"} or {@code W/"3"}).
     *
     * @return the version, or -1 when the header is absent and not required
     * @throws ProblemException 428 when required and missing, 400 when malformed
     */
    public static int version(String ifMatch, boolean required) {
        return version(ifMatch, required, "feature");
    }

    /** {@link #version(String, boolean)} of something else than a feature (a scenario), named in the messages. */
    public static int version(String ifMatch, boolean required, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ProblemException(428, "precondition-required", "If-Match required",
                        "send the " + what + "'s ETag in If-Match so that a newer edit is not overwritten");
            }
            return -1;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        try {
            return Integer.parseInt(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-if-match", "If-Match must be the " + what + "'s ETag, e.g. \"3\"");
        }
    }
}
