// Geometry helpers of the end-to-end tests: where a lon/lat point is on the screen, and an empty square to draw in.

const R = 6378137;
const mx = (lon) => (lon * Math.PI / 180) * R;
const my = (lat) => R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
/** Metres of Web Mercator per screen pixel at a zoom. */
const mercatorPerPixel = (z) => (2 * Math.PI * R) / (256 * 2 ** z);

/** A function from lon/lat to page pixels, for a map box centred on [lat, lon] at zoom z. */
export function screenOf(box, center, z) {
  const [clat, clon] = center;
  const k = mercatorPerPixel(z);
  return (lon, lat) => ({
    x: box.x + box.width / 2 + (mx(lon) - mx(clon)) / k,
    y: box.y + box.height / 2 - (my(lat) - my(clat)) / k,
  });
}

function inRing(x, y, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a lon/lat point lies in a Polygon or MultiPolygon. */
export function contains(g, lon, lat) {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some((rings) => inRing(lon, lat, rings[0]) && !rings.slice(1).some((r) => inRing(lon, lat, r)));
}

export function bboxOf(g) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      x0 = Math.min(x0, c[0]); y0 = Math.min(y0, c[1]); x1 = Math.max(x1, c[0]); y1 = Math.max(y1, c[1]);
    } else c.forEach(visit);
  };
  visit(g.coordinates);
  return [x0, y0, x1, y1];
}

/** Degrees of longitude and latitude of `m` metres at a latitude. */
export function degrees(m, lat) {
  return { dLon: m / (111320 * Math.cos((lat * Math.PI) / 180)), dLat: m / 110574 };
}

/**
 * The centre of a square of `size` metres lying inside `zone` (a sampled check: its corners, edge mid-points and
 * centre) whose box meets none of the `avoid` features' boxes, nor any box in `taken`.
 */
export function emptySquare(zone, avoid, size, taken = []) {
  const [x0, y0, x1, y1] = bboxOf(zone.geometry);
  const boxes = [...avoid.map((f) => bboxOf(f.geometry)), ...taken];
  const margin = 40;
  for (let lat = y0; lat <= y1; lat += 0.002) {
    const { dLon, dLat } = degrees(size / 2 + margin, lat);
    for (let lon = x0; lon <= x1; lon += 0.002) {
      const pts = [];
      for (const fx of [-1, 0, 1]) for (const fy of [-1, 0, 1]) pts.push([lon + fx * dLon, lat + fy * dLat]);
      if (!pts.every(([x, y]) => contains(zone.geometry, x, y))) continue;
      const box = [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
      if (boxes.some((b) => b[0] <= box[2] && b[2] >= box[0] && b[1] <= box[3] && b[3] >= box[1])) continue;
      return { lon, lat };
    }
  }
  return null;
}
