package cn.dongli.carbonmap.security;

import java.util.List;

/**
 * The configurable parts of the security rules.
 *
 * @param anonymousRead whether anonymous users may read (the district shows the map to its street offices)
 * @param imageSources hosts besides CarbonMap the browser may load images (map tiles) from: Tianditu when a key is
 *                     configured, the GeoServer
 */
public record SecurityPolicy(boolean anonymousRead, List<String> imageSources) {
}
