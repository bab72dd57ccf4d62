import L from 'leaflet';

/** The base maps: none (a plain background; works offline), Tianditu (天地图) vector or imagery. */
export type BasemapKind = 'none' | 'vec' | 'img';

const tianditu = (layer: string, key: string) => L.tileLayer(
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}`
  + `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  { subdomains: '01234567', maxZoom: 18, attribution: '© 天地图 Tianditu' },
);

/**
 * The Tianditu base map of a kind: the map and its annotation (注记) layer. Tianditu's Web Mercator tiles are on
 * CGCS2000, which is within centimetres of WGS84, so CarbonMap's lon/lat features sit on them without any shift
 * (unlike AMap's GCJ-02 tiles). Without a key there is no base map at all: no request leaves the machine.
 */
export function basemapLayer(kind: BasemapKind, key: string | null): L.Layer | null {
  if (kind === 'none' || !key) return null;
  const [map, labels] = kind === 'vec' ? ['vec', 'cva'] : ['img', 'cia'];
  return L.layerGroup([tianditu(map, key), tianditu(labels, key)]);
}
