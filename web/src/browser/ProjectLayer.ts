import L from 'leaflet';
import { api, isAbort } from '../api/client';
import type { Bbox, Feature, StreetProject } from '../api/types';
import { containsPoint, geometryBbox } from '../layers/geometry';
import { geometryToPath } from '../layers/paths';
import { PROJECT_COLORS } from '../layers/styles';

export interface ProjectLayerOptions extends L.LayerOptions {
  /** the pane of the street outline, the projects and the selection (above the catalogue's layers) */
  pane: string;
  zIndex: number;
}

interface Drawn { project: StreetProject; feature: Feature; path: L.Path; bbox: Bbox }

/**
 * The project browser on the map: the chosen street's outline and its listed projects, coloured by type, with the
 * selected one outlined. Geometries come from the features API within the street's box, cached per type.
 */
export class ProjectLayer extends L.Layer {
  declare options: ProjectLayerOptions;
  private group = L.layerGroup();
  private renderer: L.Canvas;
  private cache = new Map<string, Promise<Map<number, Feature>>>();
  private drawn = new Map<string, Drawn>();
  private streetOutline: L.Path | null = null;
  private selected: string | null = null;
  private controller: AbortController | null = null;
  private streetBbox: Bbox | null = null;

  constructor(options: ProjectLayerOptions) {
    super(options);
    L.Util.setOptions(this, options);
    this.renderer = L.canvas({ pane: options.pane, padding: 0.3 });
  }

  onAdd(map: L.Map): this {
    if (!map.getPane(this.options.pane)) map.createPane(this.options.pane).style.zIndex = String(this.options.zIndex);
    this.group.addTo(map);
    return this;
  }

  onRemove(): this {
    this.controller?.abort();
    this.group.remove();
    this.renderer.remove();
    return this;
  }

  /** Shows a street's outline and the given projects; resolves when they are drawn. */
  async show(street: Feature | null, bbox: Bbox | null, projects: StreetProject[]): Promise<void> {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    if (JSON.stringify(bbox) !== JSON.stringify(this.streetBbox)) this.cache.clear();
    this.streetBbox = bbox;
    const byType = new Map<string, Map<number, Feature>>();
    try {
      for (const layer of new Set(projects.map((p) => p.layer))) byType.set(layer, await this.geometries(layer, bbox!, controller.signal));
    } catch (e) {
      if (isAbort(e)) return;
      throw e;
    }
    if (controller.signal.aborted) return;
    this.group.clearLayers();
    this.drawn.clear();
    this.streetOutline = street ? geometryToPath(street.geometry, {
      renderer: this.renderer, pane: this.options.pane, interactive: false,
      color: '#0d47a1', weight: 3, fill: true, fillColor: '#0d47a1', fillOpacity: 0.04,
    }) : null;
    if (this.streetOutline) this.group.addLayer(this.streetOutline);
    for (const p of projects) {
      const f = byType.get(p.layer)?.get(p.id);
      if (!f) continue;
      const color = PROJECT_COLORS[p.layer] ?? '#333';
      const path = geometryToPath(f.geometry, {
        renderer: this.renderer, pane: this.options.pane, interactive: false,
        color, weight: 1.5, fillColor: color, fillOpacity: 0.45,
      });
      if (!path) continue;
      this.group.addLayer(path);
      this.drawn.set(`${p.layer}:${p.id}`, { project: p, feature: f, path, bbox: geometryBbox(f.geometry) });
    }
    this.select(this.selected);
  }

  /** Outlines one project (`layer:id`) and brings it to the front; returns its bounds. */
  select(key: string | null): L.LatLngBounds | null {
    const previous = this.selected ? this.drawn.get(this.selected) : undefined;
    if (previous) previous.path.setStyle({ color: PROJECT_COLORS[previous.project.layer], weight: 1.5 });
    this.selected = key;
    const d = key ? this.drawn.get(key) : undefined;
    if (!d) return null;
    d.path.setStyle({ color: '#00e5ff', weight: 5 });
    d.path.bringToFront();
    const [x0, y0, x1, y1] = d.bbox;
    return L.latLngBounds([y0, x0], [y1, x1]);
  }

  /** The listed project under a point (the smallest, so a rooftop wins over the plot around it). */
  projectAt(latlng: L.LatLng): StreetProject | null {
    let best: Drawn | null = null;
    for (const d of this.drawn.values()) {
      const [x0, y0, x1, y1] = d.bbox;
      if (latlng.lng < x0 || latlng.lng > x1 || latlng.lat < y0 || latlng.lat > y1) continue;
      if (!containsPoint(d.feature.geometry, latlng.lng, latlng.lat)) continue;
      if (!best || d.project.areaM2 < best.project.areaM2) best = d;
    }
    return best?.project ?? null;
  }

  private geometries(layer: string, bbox: Bbox, signal: AbortSignal): Promise<Map<number, Feature>> {
    let p = this.cache.get(layer);
    if (!p) {
      p = api.allFeatures(layer, { bbox, precision: 6 }, signal).then((fs) => new Map(fs.map((f) => [f.id, f])));
      p.catch(() => this.cache.delete(layer));
      this.cache.set(layer, p);
    }
    return p;
  }
}
