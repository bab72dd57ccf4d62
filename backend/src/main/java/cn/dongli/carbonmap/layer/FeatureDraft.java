package cn.dongli.carbonmap.layer;

import java.util.Map;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * A validated feature about to be written: geometry in storage coordinates with RFC 7946 winding, typed attributes,
 * extra properties.
 */
public record FeatureDraft(MultiPolygon geometry, Map<String, Object> attributes, Map<String, Object> extra) {
}
