package cn.dongli.carbonmap.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.locationtech.jts.geom.Geometry;

/**
 * One generated feature: a Polygon or MultiPolygon in CGCS2000 longitude/latitude (SRID 4490, coordinates on the
 * 7-decimal grid, exterior rings counter-clockwise) and its attributes under the layer catalogue's names, typed as the
 * catalogue types them (String, Integer, Double, Boolean, {@link java.time.LocalDate}); absent optional attributes are
 * left out.
 *
 * @param geometry the polygon
 * @param attributes the attributes, in the catalogue's order (unmodifiable)
 */
public record GeneratedFeature(Geometry geometry, Map<String, Object> attributes) {

    public GeneratedFeature {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
