import L from 'leaflet';
import type { FeatureCollection } from '../api/types';
import { geometryToPath } from '../layers/paths';
import type { LegendItem } from '../layers/styles';
import { t } from '../i18n';

export interface ChangeLayerOptions extends L.LayerOptions {
  /** the pane the change is drawn in (created with `zIndex` if missing; it takes no clicks) */
  pane: string;
  zIndex: number;
}

/** Colours of forest gained and lost. */
export const GAINED = { fill: '#1a9850', stroke: '#0b5d2c' };
export const LOST = { fill: '#d7301f', stroke: '#8c1b10' };

/**
 * Forest gained (green) and lost (red) between two survey seasons (森林增减), from `GET /api/seasons/change`. Never
 * clickable: the map's clicks reach the features underneath.
 */
export class ChangeLayer extends L.Layer {
  declare options: ChangeLayerOptions;
  private group = L.layerGroup();
  private renderer: L.SVG;
  private gained: FeatureCollection | null = null;
  private lost: FeatureCollection | null = null;

  constructor(options: ChangeLayerOptions) {
    super(options);
    L.Util.setOptions(this, options);
    this.renderer = L.svg({ pane: options.pane });
  }

  onAdd(map: L.Map): this {
    if (!map.getPane(this.options.pane)) {
      const pane = map.createPane(this.options.pane);
      pane.style.zIndex = String(this.options.zIndex);
      pane.style.pointerEvents = 'none';
    }
    this.group.addTo(map);
    this.draw();
    return this;
  }

  onRemove(): this {
    this.group.clearLayers();
    this.group.remove();
    this.renderer.remove();
    return this;
  }

  /** The change to draw (null: nothing). */
  setChange(gained: FeatureCollection | null, lost: FeatureCollection | null): void {
    this.gained = gained;
    this.lost = lost;
    if (this._map) this.draw();
  }

  /** The extent of the change, or null when there is none. */
  bounds(): L.LatLngBounds | null {
    const b = L.latLngBounds([]);
    for (const layer of this.group.getLayers()) b.extend((layer as L.Polygon).getBounds());
    return b.isValid() ? b : null;
  }

  legend(): LegendItem[] {
    return [
      { label: t('survey.change.gained'), fill: GAINED.fill, stroke: GAINED.stroke },
      { label: t('survey.change.lost'), fill: LOST.fill, stroke: LOST.stroke },
    ];
  }

  private draw(): void {
    this.group.clearLayers();
    const add = (fc: FeatureCollection | null, c: { fill: string; stroke: string }, kind: string) => {
      for (const f of fc?.features ?? []) {
        const path = geometryToPath(f.geometry, {
          renderer: this.renderer, pane: this.options.pane, interactive: false, color: c.stroke, weight: 1.5,
          fillColor: c.fill, fillOpacity: 0.6, className: `cm-change-${kind}`,
        });
        if (path) this.group.addLayer(path);
      }
    };
    add(this.lost, LOST, 'lost');
    add(this.gained, GAINED, 'gained');
  }
}
