import L from 'leaflet';
import { api, isAbort } from '../api/client';
import type { Bbox, Feature, Properties } from '../api/types';
import { containsPoint, geometryBbox } from './geometry';
import { geometryToPath } from './paths';
import { tileBbox, tileKey, tilesCovering, type TileId } from './tiles';

/**
 * From which zoom a layer is fetched in tiles of which zoom, simplified by how many metres. A tier without a tile zoom
 * fetches the whole layer at once (small layers: zones, streets, parks).
 */
export interface LoadTier {
  /** the first map zoom this tier is used at */
  fromZoom: number;
  /** the zoom of the grid whose tiles are fetched by bbox; null: the whole layer in one request (paged) */
  tileZoom: number | null;
  /** display simplification tolerance sent to the server, metres (0: none) */
  simplify: number;
}

export type LoadState = 'hidden' | 'loading' | 'ready' | 'error';

export interface FeatureLayerOptions extends L.LayerOptions {
  /** the catalogue name of the layer, e.g. `pv_rooftops` */
  layer: string;
  /** below this map zoom nothing is fetched or drawn (the legend says to zoom in) */
  minZoom: number;
  /** how the layer is fetched at each zoom, by increasing `fromZoom`; the first must start at or below `minZoom` */
  tiers: LoadTier[];
  /** the path style of a feature */
  style: (p: Properties) => L.PathOptions;
  /**
   * the map pane the layer is drawn in, created with `zIndex` if missing; each pane has its own canvas, which keeps
   * thousands of polygons fluid and the layers in a fixed order (land cover under plots under rooftops)
   */
  pane: string;
  /** the CSS z-index of the pane (overlays are 400, the tooltip pane 650) */
  zIndex: number;
  /** a permanent label of a feature (street and zone names), or null */
  label?: (p: Properties) => string | null;
  /** tiles kept in memory once out of view; beyond, the least recently seen are dropped with their features */
  maxTiles?: number;
  /** how long the map must rest before a fetch starts, ms */
  debounceMs?: number;
  /** decimals of the coordinates asked for (6 ≈ 0.1 m) */
  precision?: number;
}

interface TileEntry {
  key: string;
  id: TileId | null;
  controller: AbortController | null;
  featureIds: number[];
  lastSeen: number;
  loaded: boolean;
}

interface Drawn {
  feature: Feature;
  path: L.Path;
  bbox: Bbox;
  refs: number;
}

/**
 * A layer of CarbonMap's catalogue drawn from the features API: only what the viewport needs, fetched by tiles of a
 * bounding box grid (kept in a small cache, the stale ones cancelled), nothing below `minZoom`.
 *
 * Fires `statechange` ({state}) as it hides, loads and is ready, `load` ({tile, count}) and `error` ({error}).
 */
export class FeatureLayer extends L.Layer {
  declare options: FeatureLayerOptions;
  private group = L.layerGroup();
  private renderer: L.Canvas;
  private tiles = new Map<string, TileEntry>();
  private drawn = new Map<number, Drawn>();
  private tier: LoadTier | null = null;
  private timer: number | undefined;
  private clock = 0;
  private state: LoadState = 'hidden';
  /** fetched tiles whose features are still being added, a slice per animation frame */
  private queue: { entry: TileEntry; features: Feature[]; next: number }[] = [];
  private frame = 0;
  /** features not drawn here (the one being edited is drawn by the editor; a scenario's replaced ones by its drafts) */
  private hidden = new Set<number>();
  /** who hid which features: each editor and the chosen scenario hide their own, and a feature is hidden if any does */
  private hiddenBy = new Map<string, Set<number>>();

  constructor(options: FeatureLayerOptions) {
    super(options);
    L.Util.setOptions(this, { maxTiles: 48, debounceMs: 150, precision: 6, ...options });
    this.renderer = L.canvas({ pane: options.pane, padding: 0.3 });
  }

  onAdd(map: L.Map): this {
    if (!map.getPane(this.options.pane)) map.createPane(this.options.pane).style.zIndex = String(this.options.zIndex);
    this.group.addTo(map);
    map.on('moveend', this.schedule, this);
    this.update();
    return this;
  }

  onRemove(map: L.Map): this {
    map.off('moveend', this.schedule, this);
    window.clearTimeout(this.timer);
    this.clear();
    this.group.remove();
    this.renderer.remove();
    return this;
  }

  /** hidden (zoomed out), loading, ready or error */
  getState(): LoadState {
    return this.state;
  }

  /** The drawn features (for the export, the selection). */
  drawnFeatures(): { feature: Feature; path: L.Path }[] {
    return [...this.drawn.values()];
  }

  /**
   * The topmost drawn feature under a lon/lat point. Paths are not interactive (a canvas per pane would hide the
   * lower panes' clicks): the map asks its layers in order, top first.
   */
  featureAt(latlng: L.LatLng): Feature | null {
    const { lng, lat } = latlng;
    let hit: Feature | null = null;
    for (const d of this.drawn.values()) {
      const [x0, y0, x1, y1] = d.bbox;
      if (this.hidden.has(d.feature.id)) continue;
      if (lng >= x0 && lng <= x1 && lat >= y0 && lat <= y1 && containsPoint(d.feature.geometry, lng, lat)) hit = d.feature;
    }
    return hit;
  }

  /** The path of a drawn feature, if it is drawn. */
  pathOf(id: number): L.Path | undefined {
    return this.drawn.get(id)?.path;
  }

  /**
   * Hides exactly these features for `owner` (an editor draws the one it edits; a scenario its drafts instead of the
   * live features they replace); their clicks fall through. Each owner's list replaces its previous one only.
   */
  hide(ids: number[], owner = 'editor'): this {
    if (ids.length) this.hiddenBy.set(owner, new Set(ids));
    else this.hiddenBy.delete(owner);
    const next = new Set([...this.hiddenBy.values()].flatMap((set) => [...set]));
    const touched = new Set([...this.hidden, ...next]);
    this.hidden = next;
    for (const id of touched) {
      const d = this.drawn.get(id);
      if (d) d.path.setStyle(this.styleOf(d.feature));
    }
    return this;
  }

  private styleOf(f: Feature): L.PathOptions {
    return this.hidden.has(f.id) ? { opacity: 0, fillOpacity: 0 } : this.options.style(f.properties);
  }

  /** Restyles every drawn feature (e.g. forest plots switched from canopy closure to species). */
  setStyle(style: (p: Properties) => L.PathOptions): this {
    this.options.style = style;
    for (const d of this.drawn.values()) d.path.setStyle(this.styleOf(d.feature));
    return this;
  }

  /** Fetches again what is in view (after an edit or an import). */
  reload(): void {
    this.clear();
    this.update();
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.update(), this.options.debounceMs);
  }

  private setState(state: LoadState): void {
    if (state === this.state) return;
    this.state = state;
    this.fire('statechange', { state });
  }

  private update(): void {
    const map = this._map;
    if (!map) return;
    const zoom = map.getZoom();
    if (zoom < this.options.minZoom) {
      this.clear();
      this.setState('hidden');
      return;
    }
    const tier = [...this.options.tiers].reverse().find((t) => t.fromZoom <= zoom) ?? this.options.tiers[0];
    if (tier !== this.tier) {
      this.clear();
      this.tier = tier;
    }
    const wanted = this.wantedTiles(map, tier);
    const wantedKeys = new Set(wanted.map((w) => w.key));
    const now = ++this.clock;
    // cancel what is no longer in view: a fast pan must not queue requests for places already left
    for (const entry of this.tiles.values()) {
      if (!entry.loaded && !wantedKeys.has(entry.key)) this.drop(entry);
    }
    for (const w of wanted) {
      const entry = this.tiles.get(w.key);
      if (entry) entry.lastSeen = now;
      else this.load(w.key, w.id, now);
    }
    this.evict(wantedKeys);
    this.refreshState();
  }

  private wantedTiles(map: L.Map, tier: LoadTier): { key: string; id: TileId | null }[] {
    if (tier.tileZoom === null) return [{ key: 'all', id: null }];
    const b = map.getBounds();
    const bbox: Bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    return tilesCovering(bbox, tier.tileZoom).map((id) => ({ key: tileKey(id), id }));
  }

  private load(key: string, id: TileId | null, now: number): void {
    const controller = new AbortController();
    const entry: TileEntry = { key, id, controller, featureIds: [], lastSeen: now, loaded: false };
    this.tiles.set(key, entry);
    const tier = this.tier!;
    api.allFeatures(this.options.layer, {
      bbox: id ? tileBbox(id) : undefined, simplify: tier.simplify || undefined, precision: this.options.precision,
    }, controller.signal).then((features) => {
      if (this.tiles.get(key) !== entry) return;
      entry.controller = null;
      this.queue.push({ entry, features, next: 0 });
      if (!this.frame) this.frame = requestAnimationFrame(() => this.drain());
    }, (e) => {
      if (isAbort(e)) return;
      this.tiles.delete(key);
      this.setState('error');
      this.fire('error', { error: e });
    });
  }

  /**
   * Adds queued features for at most ~10 ms, then yields to the browser: a tile of 5,000 rooftops is drawn over a few
   * frames instead of freezing the pan for one long one.
   */
  private drain(): void {
    this.frame = 0;
    const deadline = performance.now() + 10;
    while (this.queue.length && performance.now() < deadline) {
      const job = this.queue[0];
      if (this.tiles.get(job.entry.key) !== job.entry) {
        this.queue.shift();
        continue;
      }
      const end = Math.min(job.features.length, job.next + 250);
      this.addFeatures(job.entry, job.features.slice(job.next, end));
      job.next = end;
      if (end === job.features.length) {
        this.queue.shift();
        job.entry.loaded = true;
        this.refreshState();
        this.fire('load', { tile: job.entry.key, count: job.features.length });
      }
    }
    if (this.queue.length) this.frame = requestAnimationFrame(() => this.drain());
  }

  private addFeatures(entry: TileEntry, features: Feature[]): void {
    const { style, label, pane } = this.options;
    const renderer = this.renderer;
    for (const f of features) {
      entry.featureIds.push(f.id);
      const existing = this.drawn.get(f.id);
      if (existing) {
        existing.refs++;
        continue;
      }
      const path = geometryToPath(f.geometry, { ...style(f.properties), ...(this.hidden.has(f.id) ? { opacity: 0, fillOpacity: 0 } : {}), renderer, pane, interactive: false });
      if (!path) continue;
      (path as L.Path & { feature?: Feature }).feature = f;
      const text = label?.(f.properties);
      if (text) {
        // a DOM node, not a string: Leaflet would parse a string as HTML
        const span = document.createElement('span');
        span.textContent = text;
        path.bindTooltip(span, {
          permanent: true, direction: 'center', className: `cm-label cm-label-${this.options.layer}`, interactive: false,
        });
      }
      this.group.addLayer(path);
      this.drawn.set(f.id, { feature: f, path, bbox: geometryBbox(f.geometry), refs: 1 });
    }
  }

  private evict(keep: Set<string>): void {
    const max = this.options.maxTiles!;
    if (this.tiles.size <= max) return;
    const old = [...this.tiles.values()].filter((e) => !keep.has(e.key)).sort((a, b) => a.lastSeen - b.lastSeen);
    for (const e of old.slice(0, this.tiles.size - max)) this.drop(e);
  }

  private drop(entry: TileEntry): void {
    entry.controller?.abort();
    this.tiles.delete(entry.key);
    for (const id of entry.featureIds) {
      const d = this.drawn.get(id);
      if (d && --d.refs <= 0) {
        this.group.removeLayer(d.path);
        this.drawn.delete(id);
      }
    }
  }

  private clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.queue = [];
    for (const e of this.tiles.values()) e.controller?.abort();
    this.tiles.clear();
    this.drawn.clear();
    this.group.clearLayers();
    this.tier = null;
  }

  private refreshState(): void {
    if (!this._map || this._map.getZoom() < this.options.minZoom) return;
    const loading = [...this.tiles.values()].some((e) => !e.loaded);
    this.setState(loading ? 'loading' : 'ready');
  }
}
