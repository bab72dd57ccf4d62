// What the web map asks of the district's GeoServer: pure functions, tested without Leaflet.

/** The seven layers as docker/publish-geoserver.sh publishes them, drawn with the styles of styles/. */
export const WMS_LAYERS = ['zones', 'streets', 'land_cover', 'forest_plots', 'parks', 'farmland', 'pv_rooftops'] as const;

/** GeoServer as /api/config describes it. */
export interface GeoServerConfig {
  url: string | null;
  workspace: string | null;
}

/**
 * The WMS endpoint of CarbonMap's workspace (GeoServer's per-workspace service, `{url}/{workspace}/wms`), or null when
 * no GeoServer is configured: then the map makes no request to it.
 */
export function wmsEndpoint(geoserver: GeoServerConfig | null | undefined): string | null {
  const url = geoserver?.url?.trim();
  const workspace = geoserver?.workspace?.trim();
  if (!url || !workspace) return null;
  return `${url.replace(/\/+$/, '')}/${encodeURIComponent(workspace)}/wms`;
}

/** The WMS parameters of one layer: transparent PNG tiles, the layer's default (SLD) style. */
export function wmsParams(workspace: string, layer: string) {
  return { layers: `${workspace}:${layer}`, styles: '', format: 'image/png', transparent: true, version: '1.1.1' };
}
