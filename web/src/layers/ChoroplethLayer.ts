import L from 'leaflet';
import type { Feature, UnitMetrics } from '../api/types';
import { t } from '../i18n';
import { classBreaks, colorFor, targetLines, type Indicator } from '../indicators/indicators';
import { containsPoint, geometryBbox } from './geometry';
import { geometryToPath } from './paths';
import type { LegendItem } from './styles';

export interface ChoroplethOptions extends L.LayerOptions {
  /** the pane the units are drawn in (created with `zIndex` if missing) */
  pane: string;
  zIndex: number;
  /** fill opacity of the units: the features under them stay readable */
  fillOpacity?: number;
}

interface Unit {
  metrics: UnitMetrics;
  feature: Feature;
  path: L.Path;
  bbox: [number, number, number, number];
}

/** What the legend of a thematic map says: its classes and the plan's targets. */
export interface ChoroplethLegend {
  title: string;
  items: LegendItem[];
}

/**
 * The thematic map (分区专题图): control zones or streets coloured by an indicator of `/api/metrics`, in equal-interval
 * classes, with the plan's targets in the legend.
 */
export class ChoroplethLayer extends L.Layer {
  declare options: ChoroplethOptions;
  private group = L.layerGroup();
  private renderer: L.Canvas;
  private units: Unit[] = [];
  private breaks: number[] = [];
  private indicator: Indicator | null = null;
  private allMetrics: UnitMetrics[] = [];

  constructor(options: ChoroplethOptions) {
    super(options);
    L.Util.setOptions(this, { fillOpacity: 0.75, ...options });
    this.renderer = L.canvas({ pane: options.pane, padding: 0.3 });
  }

  onAdd(map: L.Map): this {
    if (!map.getPane(this.options.pane)) map.createPane(this.options.pane).style.zIndex = String(this.options.zIndex);
    this.group.addTo(map);
    return this;
  }

  onRemove(): this {
    this.group.remove();
    this.renderer.remove();
    return this;
  }

  /**
   * Draws `indicator` over the given units.
   *
   * @param features the units' geometries (zones or streets), joined to `units` by their `code` property
   * @param units the units' figures (the zones, or the streets, of `/api/metrics`)
   * @param allMetrics every unit of `/api/metrics?unit=all`, where the plan's targets are found
   */
  setData(indicator: Indicator, features: Feature[], units: UnitMetrics[], allMetrics: UnitMetrics[]): this {
    this.indicator = indicator;
    this.allMetrics = allMetrics;
    this.group.clearLayers();
    const byCode = new Map(features.map((f) => [String(f.properties.code), f]));
    const values = units.map((u) => indicator.value(u)).filter((v): v is number => v !== null);
    this.breaks = classBreaks(values, 5);
    this.units = [];
    for (const m of units) {
      const feature = byCode.get(m.code);
      if (!feature) continue;
      const color = colorFor(indicator.value(m), this.breaks, indicator.colors);
      const path = geometryToPath(feature.geometry, {
        renderer: this.renderer, pane: this.options.pane, interactive: false,
        color: '#555', weight: 1, fillColor: color ?? '#ffffff', fillOpacity: color ? this.options.fillOpacity : 0.2,
      });
      if (!path) continue;
      this.group.addLayer(path);
      this.units.push({ metrics: m, feature, path, bbox: geometryBbox(feature.geometry) });
    }
    this.fire('datachange');
    return this;
  }

  /** The unit under a point, if any. */
  unitAt(latlng: L.LatLng): UnitMetrics | null {
    for (const u of this.units) {
      const [x0, y0, x1, y1] = u.bbox;
      if (latlng.lng >= x0 && latlng.lng <= x1 && latlng.lat >= y0 && latlng.lat <= y1
        && containsPoint(u.feature.geometry, latlng.lng, latlng.lat)) return u.metrics;
    }
    return null;
  }

  /** Outlines one unit (a bar of the chart or a click on the map) and returns its path. */
  highlight(code: string | null): L.Path | null {
    let hit: L.Path | null = null;
    for (const u of this.units) {
      const on = u.metrics.code === code;
      u.path.setStyle({ color: on ? '#00bcd4' : '#555', weight: on ? 4 : 1 });
      if (on) hit = u.path;
    }
    hit?.bringToFront();
    return hit;
  }

  /** The legend: one row per class, a row for units without data, one dashed row per target of the plan. */
  legend(): ChoroplethLegend | null {
    const ind = this.indicator;
    if (!ind) return null;
    const items: LegendItem[] = [];
    const b = this.breaks;
    const classes = b.length - 1;
    const palette = ind.colors.slice(Math.max(0, ind.colors.length - classes));
    for (let i = 0; i < classes; i++) {
      // "1.0 – 2.0 m³/ha": the unit once, after the upper bound
      const lo = ind.format(b[i]);
      const hi = ind.format(b[i + 1]);
      const unit = hi.includes(' ') ? hi.slice(hi.indexOf(' ')) : '';
      const label = unit && lo.endsWith(unit) ? `${lo.slice(0, -unit.length)} – ${hi}` : `${lo} – ${hi}`;
      items.push({ label, fill: palette[Math.min(i, palette.length - 1)] });
    }
    if (this.units.some((u) => ind.value(u.metrics) === null)) items.push({ label: t('legend.noData'), fill: '#ffffff' });
    for (const line of targetLines(ind, this.allMetrics)) items.push({ label: line, stroke: '#d7301f', dashed: true });
    return { title: t(ind.title), items };
  }

  /** The units drawn, for the export of the map. */
  paths(): L.Path[] {
    return this.units.map((u) => u.path);
  }
}
