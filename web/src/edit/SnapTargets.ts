import L from 'leaflet';
import { api, isAbort } from '../api/client';
import type { Feature } from '../api/types';
import { geometryToPath } from '../layers/paths';

export interface SnapTargetsOptions extends L.LayerOptions {
  /** the layer whose features are snapped to */
  layer: string;
  /** the pane of the outlines, created with `zIndex` if missing */
  pane: string;
  zIndex: number;
  /** below this zoom nothing is fetched: a snap distance of 14 pixels would be tens of metres */
  minZoom?: number;
  /** at most this many features are snap targets (the rest of the view is not) */
  maxFeatures?: number;
}

/**
 * The neighbours a vertex snaps to while a feature is drawn or edited: the edited layer's features in view, fetched
 * unsimplified (the map's own drawing is simplified, and a vertex snapped to a simplified edge would leave a sliver
 * or an overlap), drawn as thin outlines on a canvas. They are Geoman snap targets (`snapIgnore: false`) without
 * Geoman editors of their own; the feature being edited is left out, so that it does not snap to its old shape.
 */
export class SnapTargets extends L.Layer {
  declare options: SnapTargetsOptions;
  private group = L.layerGroup();
  private renderer: L.Canvas;
  private controller: AbortController | null = null;
  private timer: number | undefined;
  private excluded: number | null = null;
  private features: Feature[] = [];

  constructor(options: SnapTargetsOptions) {
    super(options);
    L.Util.setOptions(this, { minZoom: 14, maxFeatures: 3000, ...options });
    this.renderer = L.canvas({ pane: options.pane, padding: 0.2 });
  }

  onAdd(map: L.Map): this {
    if (!map.getPane(this.options.pane)) {
      const pane = map.createPane(this.options.pane);
      pane.style.zIndex = String(this.options.zIndex);
      pane.style.pointerEvents = 'none';
    }
    this.group.addTo(map);
    map.on('moveend', this.schedule, this);
    this.refresh();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off('moveend', this.schedule, this);
    window.clearTimeout(this.timer);
    this.controller?.abort();
    this.group.clearLayers();
    this.group.remove();
    this.renderer.remove();
    return this;
  }

  /** Leaves a feature out (the one being edited), or none. */
  exclude(id: number | null): this {
    if (id !== this.excluded) {
      this.excluded = id;
      this.draw();
    }
    return this;
  }

  /** How many features are snap targets now. */
  count(): number {
    return this.group.getLayers().length;
  }

  /** Fetches the view's features again (after a save). */
  refresh(): void {
    const map = this._map;
    if (!map) return;
    this.controller?.abort();
    if (map.getZoom() < this.options.minZoom!) {
      this.features = [];
      this.draw();
      return;
    }
    const controller = (this.controller = new AbortController());
    const b = map.getBounds().pad(0.1);
    api.features(this.options.layer, {
      // full precision: a snapped vertex takes the neighbour's coordinates exactly, so that no sliver is left between them
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], limit: this.options.maxFeatures,
    }, controller.signal).then((fc) => {
      if (controller.signal.aborted) return;
      this.features = fc.features;
      this.draw();
      this.fire('load', { count: this.features.length });
    }, (e) => {
      if (!isAbort(e)) this.fire('error', { error: e });
    });
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.refresh(), 200);
  }

  private draw(): void {
    this.group.clearLayers();
    for (const f of this.features) {
      if (f.id === this.excluded) continue;
      const path = geometryToPath(f.geometry, {
        renderer: this.renderer, pane: this.options.pane, interactive: false, snapIgnore: false,
        color: '#37474f', weight: 1, opacity: 0.6, fill: false, dashArray: '2 3',
      } as L.PathOptions);
      if (path) this.group.addLayer(path);
    }
  }
}
