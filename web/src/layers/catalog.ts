import type { LoadTier } from './FeatureLayer';

/** How one layer of the catalogue is loaded and stacked on the map. */
export interface LayerSetup {
  name: string;
  /** the default zoom from which it is drawn; /api/config's minZoom overrides it */
  minZoom: number;
  tiers: LoadTier[];
  /** stacking order: higher is drawn above */
  zIndex: number;
  /** the property shown as a permanent label */
  labelProperty?: string;
}

/** Zone and street outlines: 5 m of simplification over the district, half a metre from the street's scale on. */
const OUTLINE_TIERS: LoadTier[] = [{ fromZoom: 0, tileZoom: null, simplify: 5 }, { fromZoom: 15, tileZoom: null, simplify: 0.5 }];

/**
 * The seven layers, bottom to top. Small layers (zones, streets, parks, farmland projects) come whole, lightly
 * simplified; the big ones by viewport tiles from their minimum zoom: land cover from 14, forest plots from 12,
 * rooftops (tens of thousands) from 15. Tiles are fetched one zoom below the view's (a tile is 512–1023 screen pixels
 * wide, so a 1366×768 view needs about six requests, not twenty-four), simplified to about a third of a pixel.
 */
export const LAYER_SETUPS: LayerSetup[] = [
  { name: 'land_cover', minZoom: 14, zIndex: 401, tiers: [
    { fromZoom: 0, tileZoom: 13, simplify: 2 }, { fromZoom: 16, tileZoom: 15, simplify: 0.3 }] },
  { name: 'forest_plots', minZoom: 12, zIndex: 402, tiers: [
    { fromZoom: 0, tileZoom: 11, simplify: 8 }, { fromZoom: 15, tileZoom: 14, simplify: 0.5 }] },
  { name: 'farmland', minZoom: 0, zIndex: 403, tiers: [{ fromZoom: 0, tileZoom: null, simplify: 1 }] },
  { name: 'parks', minZoom: 0, zIndex: 404, tiers: [{ fromZoom: 0, tileZoom: null, simplify: 1 }] },
  { name: 'pv_rooftops', minZoom: 15, zIndex: 405, tiers: [
    { fromZoom: 0, tileZoom: 14, simplify: 0 }, { fromZoom: 17, tileZoom: 16, simplify: 0 }] },
  { name: 'zones', minZoom: 0, zIndex: 407, labelProperty: 'name', tiers: OUTLINE_TIERS },
  { name: 'streets', minZoom: 0, zIndex: 408, labelProperty: 'name', tiers: OUTLINE_TIERS },
];

/** The pane of a layer's canvas. */
export const paneOf = (layer: string) => `cm-${layer}`;

/** Pane of the thematic map (above the features, below the zone and street outlines). */
export const CHOROPLETH_PANE = 'cm-choropleth';
export const CHOROPLETH_Z = 406;
/** Pane of the browser's selection and project outlines (above everything but labels and popups). */
export const SELECTION_PANE = 'cm-selection';
export const SELECTION_Z = 409;
