/// <reference types="@geoman-io/leaflet-geoman-free" />
import L from 'leaflet';
import { lang, onLangChange } from '../i18n';

// Leaflet-Geoman, loaded when an account that may write opens the editor: readers never download it.
//
// It runs in opt-in mode: only layers created with `pmIgnore: false` get its editing handlers. Without it, every one
// of the tens of thousands of rooftop and land-cover paths would carry an editor object and be a snap candidate,
// and snapping (which measures the distance to every candidate on each mouse move) would crawl (Leaflet-Geoman #366).

let loading: Promise<void> | null = null;

/** Geoman's snap distance, screen pixels. */
export const SNAP_DISTANCE = 14;

/** Loads Geoman (once) and attaches it to `map`. */
export async function loadGeoman(map: L.Map): Promise<void> {
  loading ??= (async () => {
    await import('@geoman-io/leaflet-geoman-free');
    await import('@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css');
    L.PM.setOptIn(true);
  })();
  await loading;
  if (!(map as { pm?: unknown }).pm) {
    // the map was created before Geoman was loaded: give it its handlers now
    map.options.pmIgnore = false;
    L.PM.reInitLayer(map as unknown as L.Layer);
    const setLang = () => map.pm.setLang(lang() === 'zh' ? 'zh' : 'en');
    setLang();
    onLangChange(setLang);
    map.pm.setGlobalOptions({
      snappable: true, snapDistance: SNAP_DISTANCE, snapMiddle: false, snapSegment: true,
      // a bow-tie is drawn as the user draws it: the server's check names the crossing and "make valid" repairs it
      allowSelfIntersection: true,
      pathOptions: { color: '#e65100', weight: 3, fillColor: '#ff9800', fillOpacity: 0.25, pmIgnore: false },
      templineStyle: { color: '#e65100', weight: 2 },
      hintlineStyle: { color: '#e65100', dashArray: '5,5', weight: 2 },
      markerStyle: { draggable: true },
    });
  }
}
