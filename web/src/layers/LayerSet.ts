import L from 'leaflet';
import type { Feature, LayerInfo } from '../api/types';
import { FeatureLayer, type LoadState } from './FeatureLayer';
import { LAYER_SETUPS, paneOf, type LayerSetup } from './catalog';
import { layerStyle, type ForestStyleMode, type LegendItem } from './styles';

/** One layer of the catalogue on the map. */
export interface MapLayer {
  info: LayerInfo;
  setup: LayerSetup;
  layer: FeatureLayer;
  minZoom: number;
}

/**
 * The catalogue's layers on one map: which are shown, how forest plots are coloured, and which feature is under a
 * click (top layer first). Fires `statechange` when a layer hides, loads or is ready, `load` when a tile of it is
 * drawn, `error` ({layer, error}) when a request for it fails.
 */
export class LayerSet extends L.Evented {
  readonly layers: MapLayer[] = [];
  private forestMode: ForestStyleMode = 'canopy';

  constructor(private readonly map: L.Map, infos: LayerInfo[], minZoom: Record<string, number>) {
    super();
    for (const setup of LAYER_SETUPS) {
      const info = infos.find((i) => i.name === setup.name);
      if (!info) continue;
      const zoom = minZoom[setup.name] ?? setup.minZoom;
      const label = setup.labelProperty;
      const layer = new FeatureLayer({
        layer: setup.name, minZoom: zoom, tiers: setup.tiers, pane: paneOf(setup.name), zIndex: setup.zIndex,
        style: layerStyle(setup.name, this.forestMode).style,
        label: label ? (p) => (p[label] == null ? null : String(p[label])) : undefined,
      });
      layer.on('statechange', () => this.fire('statechange', { layer: setup.name }));
      layer.on('load', () => this.fire('load', { layer: setup.name }));
      layer.on('error', (e) => this.fire('error', { layer: setup.name, error: (e as unknown as { error: unknown }).error }));
      this.layers.push({ info, setup, layer, minZoom: zoom });
    }
  }

  get(name: string): MapLayer | undefined {
    return this.layers.find((l) => l.info.name === name);
  }

  /** Shows exactly the named layers. */
  show(names: string[]): void {
    for (const l of this.layers) {
      const on = names.includes(l.info.name);
      if (on && !this.map.hasLayer(l.layer)) l.layer.addTo(this.map);
      if (!on && this.map.hasLayer(l.layer)) l.layer.remove();
    }
  }

  visible(): MapLayer[] {
    return this.layers.filter((l) => this.map.hasLayer(l.layer));
  }

  setForestMode(mode: ForestStyleMode): void {
    this.forestMode = mode;
    this.get('forest_plots')?.layer.setStyle(layerStyle('forest_plots', mode).style);
  }

  /** The legend of a layer; forest plots in the given colouring (the view's, which may be newer than the map's). */
  legendOf(name: string, forestMode: ForestStyleMode = this.forestMode): LegendItem[] {
    return layerStyle(name, forestMode).legend();
  }

  stateOf(name: string): LoadState {
    return this.get(name)?.layer.getState() ?? 'hidden';
  }

  /** The topmost feature under a point, with its layer; the outline layers (zones, streets) come last. */
  featureAt(latlng: L.LatLng, exclude: string[] = []): { feature: Feature; info: LayerInfo } | null {
    const order = [...this.visible()].sort((a, b) => outlineLast(b) - outlineLast(a));
    for (const l of order) {
      if (exclude.includes(l.info.name)) continue;
      const feature = l.layer.featureAt(latlng);
      if (feature) return { feature, info: l.info };
    }
    return null;
  }
}

// filled layers by their stacking order, then the outline layers (a click inside a zone hits what is in the zone)
const outlineLast = (l: MapLayer) => (l.setup.labelProperty ? 1000 - l.setup.zIndex : 1000 + l.setup.zIndex);
