import L from 'leaflet';
import type { Geometry } from 'geojson';
import { geometryToPath } from './paths';
import { SvgPaneLayer, type SvgPaneLayerOptions } from './SvgPaneLayer';

/** One outline of an overlay, with its style and an optional permanent label. */
export interface Outline {
  geometry: Geometry;
  style: L.PathOptions;
  /** a short text on the outline ("版本 3", "对方的版本") */
  label?: string;
  /** a class on the label, for its colour */
  labelClass?: string;
}

/** the pane the outlines are drawn in, created with `zIndex` if missing */
export type OutlineOverlayOptions = SvgPaneLayerOptions;

/**
 * A few outlines over the map, in SVG: the plots chosen for a merge, a version of the history over the current shape,
 * both sides of a conflict, the street an account may edit. Never a snap target and never clickable, so the map's
 * clicks still reach the features underneath.
 */
export class OutlineOverlay extends SvgPaneLayer {
  private outlines: Outline[] = [];

  /** Replaces the outlines. */
  setOutlines(outlines: Outline[]): this {
    this.outlines = outlines;
    this.draw();
    return this;
  }

  /** The union of the outlines' bounds, or null. */
  getBounds(): L.LatLngBounds | null {
    let b: L.LatLngBounds | null = null;
    this.group.eachLayer((l) => {
      const lb = (l as L.Polygon).getBounds?.();
      if (lb?.isValid()) b = b ? b.extend(lb) : L.latLngBounds(lb.getSouthWest(), lb.getNorthEast());
    });
    return b;
  }

  protected draw(): void {
    this.group.clearLayers();
    if (!this._map) return;
    for (const o of this.outlines) {
      const path = geometryToPath(o.geometry, {
        ...o.style, renderer: this.renderer, pane: this.options.pane, interactive: false, snapIgnore: true,
      } as L.PathOptions);
      if (!path) continue;
      if (o.label) {
        const span = document.createElement('span');
        span.textContent = o.label; // a DOM node: Leaflet would parse a string as HTML
        path.bindTooltip(span, { permanent: true, direction: 'center', className: `cm-outline-label ${o.labelClass ?? ''}`, interactive: false });
      }
      this.group.addLayer(path);
    }
  }
}
