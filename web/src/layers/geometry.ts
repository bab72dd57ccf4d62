import type { Geometry, Position } from 'geojson';

// Plain geometry on GeoJSON coordinates (lon/lat): boxes and point-in-polygon for clicks. No Leaflet here.

/** The lon/lat box of a geometry. */
export function geometryBbox(g: Geometry): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[];
      if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y;
    } else (c as unknown[]).forEach(visit);
  };
  if (g.type !== 'GeometryCollection') visit(g.coordinates);
  return [minX, minY, maxX, maxY];
}

function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inPolygon = (x: number, y: number, rings: Position[][]) =>
  inRing(x, y, rings[0]) && !rings.slice(1).some((hole) => inRing(x, y, hole));

/** Whether a lon/lat point lies inside a polygon or multipolygon (for clicks on the map). */
export function containsPoint(g: Geometry, lon: number, lat: number): boolean {
  if (g.type === 'Polygon') return inPolygon(lon, lat, g.coordinates);
  if (g.type === 'MultiPolygon') return g.coordinates.some((p) => inPolygon(lon, lat, p));
  return false;
}
