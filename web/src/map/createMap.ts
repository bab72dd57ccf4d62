import L from 'leaflet';
import { onLangChange, t } from '../i18n';
import { NorthArrow } from './NorthArrow';

/** Dongli District (东丽区) as a first view when the URL does not say where to look. */
export const DONGLI_BOUNDS = L.latLngBounds([38.995, 117.227], [39.244, 117.563]);

export interface CarbonMap {
  map: L.Map;
  /** one canvas for all vector layers: tens of thousands of rooftops stay fluid, and the map can be exported */
  renderer: L.Canvas;
}

/** The Leaflet map of CarbonMap: canvas rendering, a metric scale bar and a north arrow. */
export function createMap(container: HTMLElement): CarbonMap {
  const renderer = L.canvas({ padding: 0.3, tolerance: 3 });
  const map = L.map(container, {
    preferCanvas: true,
    renderer,
    zoomControl: true,
    minZoom: 9,
    maxZoom: 19,
    zoomSnap: 1,
    attributionControl: true,
  });
  map.attributionControl.setPrefix(false);
  L.control.scale({ metric: true, imperial: false, position: 'bottomleft', maxWidth: 150 }).addTo(map);
  // the zoom buttons' tooltips in the UI's language
  const zoomTitles = () => {
    for (const [selector, key] of [['.leaflet-control-zoom-in', 'map.zoomIn'], ['.leaflet-control-zoom-out', 'map.zoomOut']] as const) {
      const a = container.querySelector<HTMLElement>(selector);
      a?.setAttribute('title', t(key));
      a?.setAttribute('aria-label', t(key));
    }
  };
  zoomTitles();
  onLangChange(zoomTitles);
  new NorthArrow().addTo(map);
  return { map, renderer };
}
