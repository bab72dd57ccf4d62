import L from 'leaflet';
import type { FeatureCollection } from '../api/types';
import { OutlineOverlay, type Outline } from '../layers/OutlineOverlay';
import type { LegendItem } from '../layers/styles';
import { t } from '../i18n';

/** Colours of forest gained and lost. */
export const GAINED = { fill: '#1a9850', stroke: '#0b5d2c' };
export const LOST = { fill: '#d7301f', stroke: '#8c1b10' };

/**
 * Forest gained (green) and lost (red) between two survey seasons (森林增减), from `GET /api/seasons/change`: outlines
 * over the map that are never clickable, so the map's clicks reach the features underneath.
 */
export class ChangeLayer extends OutlineOverlay {
  /** The change to draw (null: nothing). */
  setChange(gained: FeatureCollection | null, lost: FeatureCollection | null): void {
    const outlines = (fc: FeatureCollection | null, c: { fill: string; stroke: string }, kind: string): Outline[] =>
      (fc?.features ?? []).map((f) => ({
        geometry: f.geometry,
        style: { color: c.stroke, weight: 1.5, fillColor: c.fill, fillOpacity: 0.6, className: `cm-change-${kind}` },
      }));
    this.setOutlines([...outlines(lost, LOST, 'lost'), ...outlines(gained, GAINED, 'gained')]);
  }

  /** The extent of the change, or null when there is none. */
  bounds(): L.LatLngBounds | null {
    return this.getBounds();
  }

  legend(): LegendItem[] {
    return [
      { label: t('survey.change.gained'), fill: GAINED.fill, stroke: GAINED.stroke },
      { label: t('survey.change.lost'), fill: LOST.fill, stroke: LOST.stroke },
    ];
  }
}
