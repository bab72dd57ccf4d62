package cn.dongli.carbonmap.layer;

import java.time.Instant;
import java.util.Map;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * A stored feature of a layer.
 *
 * @param id the feature's id within its layer
 * @param layer the layer's name
 * @param version starts at 1 and grows by one with every update (sent as the HTTP ETag)
 * @param geometry CGCS2000 longitude/latitude (EPSG:4490)
 * @param attributes the typed attributes of the layer's schema (absent values are missing or null)
 * @param extra every other property the feature came with
 * @param createdBy account that created it
 * @param createdAt when
 * @param updatedBy account of the last change
 * @param updatedAt when
 */
public record Feature(long id, String layer, int version, MultiPolygon geometry, Map<String, Object> attributes,
                      Map<String, Object> extra, String createdBy, Instant createdAt, String updatedBy,
                      Instant updatedAt) {
}
