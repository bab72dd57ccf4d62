import L from 'leaflet';
import type { Geometry, Position } from 'geojson';

// GeoJSON geometry to Leaflet paths, without L.GeoJSON's per-feature layer groups.

const ll = (p: Position) => L.latLng(p[1], p[0]);
const ring = (r: Position[]) => r.map(ll);

/** A Leaflet path (polygon, polyline or circle marker) for a GeoJSON geometry, drawn with `options`. */
export function geometryToPath(g: Geometry, options: L.PathOptions): L.Path | null {
  switch (g.type) {
    case 'Polygon': return L.polygon(g.coordinates.map(ring), options);
    case 'MultiPolygon': return L.polygon(g.coordinates.map((p) => p.map(ring)), options);
    case 'LineString': return L.polyline(ring(g.coordinates), options);
    case 'MultiLineString': return L.polyline(g.coordinates.map(ring), options);
    case 'Point': return L.circleMarker(ll(g.coordinates), { radius: 5, ...options });
    default: return null;
  }
}
