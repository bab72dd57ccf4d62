import L from 'leaflet';
import type { Feature } from '../api/types';
import { containsPoint, geometryBbox } from '../layers/geometry';
import { geometryToPath } from '../layers/paths';
import type { LegendItem } from '../layers/styles';
import { t } from '../i18n';

export interface SurveyPlotsLayerOptions extends L.LayerOptions {
  /** the pane the plots are drawn in (created with `zIndex` if missing; clicks are found by {@link plotAt}) */
  pane: string;
  zIndex: number;
}

/** Colours of the survey states. */
export const PENDING = { fill: '#fdae61', stroke: '#b35806' };
export const SURVEYED = { fill: '#66bd63', stroke: '#1a7837' };
const SELECTED = '#0d47a1';

interface Plot { feature: Feature; path: L.Path; surveyed: boolean; bbox: [number, number, number, number] }

/**
 * The forest plots of the open season coloured by survey state (外业调查: orange to do, green done), the selected
 * plot outlined in blue. The paths take no clicks themselves: the page asks {@link plotAt} where the map was
 * clicked (a finger on a tablet hits a plot more easily through the map than through a thin canvas path).
 */
export class SurveyPlotsLayer extends L.Layer {
  declare options: SurveyPlotsLayerOptions;
  private group = L.layerGroup();
  private renderer: L.Canvas;
  private plots: Plot[] = [];
  private selected: number | null = null;
  private visibleIds: Set<number> | null = null;

  constructor(options: SurveyPlotsLayerOptions) {
    super(options);
    L.Util.setOptions(this, options);
    this.renderer = L.canvas({ pane: options.pane, padding: 0.3 });
  }

  onAdd(map: L.Map): this {
    if (!map.getPane(this.options.pane)) {
      const pane = map.createPane(this.options.pane);
      pane.style.zIndex = String(this.options.zIndex);
      pane.style.pointerEvents = 'none';
    }
    this.group.addTo(map);
    return this;
  }

  onRemove(): this {
    this.group.remove();
    this.renderer.remove();
    return this;
  }

  /** The plots (live forest plots) and which of them are surveyed. */
  setPlots(features: Feature[], surveyed: Set<number>): void {
    this.group.clearLayers();
    this.plots = [];
    for (const feature of features) {
      const done = surveyed.has(feature.id);
      const path = geometryToPath(feature.geometry, { renderer: this.renderer, pane: this.options.pane, interactive: false });
      if (!path) continue;
      this.plots.push({ feature, path, surveyed: done, bbox: geometryBbox(feature.geometry) });
      this.group.addLayer(path);
    }
    this.restyle();
  }

  /** Marks one plot surveyed (after "mark surveyed"), without reloading the others. */
  setSurveyed(id: number, surveyed: boolean): void {
    const p = this.plots.find((x) => x.feature.id === id);
    if (p) p.surveyed = surveyed;
    this.restyle();
  }

  /** Draws only these plots (the list's filter); null: all. */
  filter(ids: Set<number> | null): void {
    this.visibleIds = ids;
    this.restyle();
  }

  select(id: number | null): void {
    this.selected = id;
    this.restyle();
    const p = this.plots.find((x) => x.feature.id === id);
    if (p) p.path.bringToFront();
  }

  /** The extent of a plot, or null. */
  boundsOf(id: number): L.LatLngBounds | null {
    const p = this.plots.find((x) => x.feature.id === id);
    return p ? L.latLngBounds([[p.bbox[1], p.bbox[0]], [p.bbox[3], p.bbox[2]]]) : null;
  }

  /** The plot under a point of the map among those drawn, or null. */
  plotAt(latlng: L.LatLng): Feature | null {
    for (const p of this.plots) {
      if (this.visibleIds && !this.visibleIds.has(p.feature.id)) continue;
      const [x0, y0, x1, y1] = p.bbox;
      if (latlng.lng < x0 || latlng.lng > x1 || latlng.lat < y0 || latlng.lat > y1) continue;
      if (containsPoint(p.feature.geometry, latlng.lng, latlng.lat)) return p.feature;
    }
    return null;
  }

  legend(): LegendItem[] {
    return [
      { label: t('survey.field.legendPending'), fill: PENDING.fill, stroke: PENDING.stroke },
      { label: t('survey.field.legendSurveyed'), fill: SURVEYED.fill, stroke: SURVEYED.stroke },
      { label: t('survey.field.legendSelected'), stroke: SELECTED },
    ];
  }

  private restyle(): void {
    for (const p of this.plots) {
      const shown = !this.visibleIds || this.visibleIds.has(p.feature.id);
      const c = p.surveyed ? SURVEYED : PENDING;
      const sel = p.feature.id === this.selected;
      p.path.setStyle({
        color: sel ? SELECTED : c.stroke, weight: sel ? 4 : 1.2, fillColor: c.fill,
        fillOpacity: shown ? 0.55 : 0, opacity: shown ? 1 : 0,
      });
    }
  }
}
