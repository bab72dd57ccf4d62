import type { Bbox } from '../api/types';

// The Web Mercator tile grid, used only to cut the viewport into cacheable bounding boxes for the features API.

/** A tile of the grid: its zoom, column and row. */
export interface TileId { z: number; x: number; y: number }

export const tileKey = (t: TileId) => `${t.z}/${t.x}/${t.y}`;

const lonToX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};
const xToLon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const yToLat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

/** The tiles of zoom `z` that cover a lon/lat box. */
export function tilesCovering(bbox: Bbox, z: number): TileId[] {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const out: TileId[] = [];
  const x0 = lonToX(minLon, z), x1 = lonToX(maxLon, z);
  const y0 = latToY(maxLat, z), y1 = latToY(minLat, z);
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) out.push({ z, x, y });
  }
  return out;
}

/** The lon/lat box of a tile. */
export function tileBbox(t: TileId): Bbox {
  return [xToLon(t.x, t.z), yToLat(t.y + 1, t.z), xToLon(t.x + 1, t.z), yToLat(t.y, t.z)];
}
