package cn.dongli.carbonmap.geom.io;

import java.util.Map;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature as read from a file, before transformation and validation.
 *
 * @param index zero-based position in the file
 * @param geometry the geometry in the source CRS, or {@code null} when {@code problem} is set
 * @param properties attribute values: String, Long, Double, BigDecimal, Boolean, java.time.LocalDate, Map, List or null
 * @param problem why the feature could not be read, or {@code null}
 */
public record SourceFeature(int index, Geometry geometry, Map<String, Object> properties, String problem) {

    /** A feature that was read. */
    public static SourceFeature of(int index, Geometry geometry, Map<String, Object> properties) {
        return new SourceFeature(index, geometry, properties, null);
    }

    /** A feature that could not be read, and why. */
    public static SourceFeature unreadable(int index, Map<String, Object> properties, String problem) {
        return new SourceFeature(index, null, properties == null ? Map.of() : properties, problem);
    }
}
