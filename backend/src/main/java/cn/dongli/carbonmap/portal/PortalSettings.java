package cn.dongli.carbonmap.portal;

import java.util.Map;

/**
 * Settings handed to the web client.
 *
 * @param tiandituKey the Tianditu (天地图) browser key, or null: without one the map has a plain background
 * @param geoserverUrl the base URL of the district's GeoServer (for WMS layers), or null
 * @param geoserverWorkspace the GeoServer workspace of CarbonMap's layers, or null
 * @param minZoom per layer, the zoom from which its features are drawn
 */
public record PortalSettings(String tiandituKey, String geoserverUrl, String geoserverWorkspace,
                             Map<String, Integer> minZoom) {
}
