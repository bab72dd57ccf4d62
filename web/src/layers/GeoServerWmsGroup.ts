import L from 'leaflet';
import { WMS_LAYERS, wmsParams } from './wms';

/**
 * The overlay group "GeoServer WMS" of the layer switcher: the seven layers as the district's GeoServer draws them
 * (`L.tileLayer.wms`, styled by the SLDs of styles/), for comparing CarbonMap's own drawing with the published maps.
 * A layer is created the first time it is switched on, so an unused group sends nothing to GeoServer.
 */
export class GeoServerWmsGroup {
  private readonly tiles = new Map<string, L.TileLayer.WMS>();
  private readonly shown = new Set<string>();

  /**
   * @param map the map the layers are added to
   * @param endpoint the workspace's WMS URL (see wmsEndpoint)
   * @param workspace the workspace, which prefixes the layer names
   */
  constructor(private readonly map: L.Map, readonly endpoint: string, private readonly workspace: string) {}

  /** The layer names, in the switcher's order. */
  get names(): readonly string[] {
    return WMS_LAYERS;
  }

  isOn(name: string): boolean {
    return this.shown.has(name);
  }

  /** Shows or hides one layer. */
  toggle(name: string, on: boolean): void {
    if (on) {
      let layer = this.tiles.get(name);
      if (!layer) {
        layer = L.tileLayer.wms(this.endpoint, { ...wmsParams(this.workspace, name), opacity: 0.8, maxZoom: 20,
          attribution: 'GeoServer', className: `cm-wms cm-wms-${name}` });
        this.tiles.set(name, layer);
      }
      layer.addTo(this.map);
      this.shown.add(name);
    } else {
      this.tiles.get(name)?.remove();
      this.shown.delete(name);
    }
  }
}
