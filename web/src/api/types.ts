import type { Geometry } from 'geojson';

// The shapes of CarbonMap's HTTP API, as the web client reads them (GeoJSON is RFC 7946, lon/lat CGCS2000).

/** A title in both languages of the UI. */
export interface Bilingual { zh: string; en: string }

/** [minLon, minLat, maxLon, maxLat] */
export type Bbox = [number, number, number, number];

export type AttributeType = 'string' | 'enum' | 'integer' | 'decimal' | 'boolean' | 'date';

export interface AttributeInfo {
  name: string;
  type: AttributeType;
  required: boolean;
  title: Bilingual;
  min?: number;
  max?: number;
  values?: string[];
  pattern?: string;
  maxLength?: number;
}

/** One entry of `GET /api/layers`. */
export interface LayerInfo {
  name: string;
  title: Bilingual;
  geometryType: string;
  crs: string;
  featureCount: number;
  extent: Bbox | null;
  attributes: AttributeInfo[];
}

export interface FeatureMeta {
  layer: string;
  version: number;
  createdBy: string | null;
  createdAt: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export type Properties = Record<string, unknown>;

export interface Feature {
  type: 'Feature';
  id: number;
  geometry: Geometry;
  properties: Properties;
  meta?: FeatureMeta;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
  numberReturned: number;
}

export type TargetStatus = 'met' | 'on_track' | 'behind';

/** A target of the carbon-peak plan (碳达峰实施方案) as measured on one unit. */
export interface TargetProgress {
  indicator: string;
  title: Bilingual;
  target: number;
  year: number;
  value: number | null;
  progress: number | null;
  status: TargetStatus;
  office: string;
}

export type UnitKind = 'zone' | 'level' | 'barrier' | 'street' | 'district';

/** The figures of one unit (control zone, street, barrier, district) from `GET /api/metrics`. */
export interface UnitMetrics {
  unit: UnitKind;
  code: string;
  name: string;
  zoneType: string | null;
  bbox: Bbox | null;
  areaM2: number;
  blueGreenM2: number;
  blueGreenShare: number | null;
  forestM2: number;
  forestCover: number | null;
  forestStockM3: number;
  pvEligible: number;
  pvInstalled: number;
  pvCountShare: number | null;
  pvAreaShare: number | null;
  farmlandM2: number;
  farmlandMu: number;
  targets: TargetProgress[];
}

/** `GET /api/config`: what this installation offers the client. */
export interface PortalConfig {
  tianditu: { key: string | null };
  geoserver: { url: string | null; workspace: string | null };
  minZoom: Record<string, number>;
}

/** One non-spatial indicator of the plan's annex (`GET /api/plan/indicators`). */
export interface PlanIndicator {
  id: string;
  category: Bilingual;
  text: Bilingual;
  office: string;
  target: string;
  /** whether CarbonMap measures it on the map (those are the cards); the table lists the others */
  spatial?: boolean;
  latest: { year: number; value: string | number; note: string | null; enteredBy: string; enteredAt: string } | null;
}

/** One project of a street (`GET /api/streets/{code}/projects`). */
export interface StreetProject {
  layer: string;
  id: number;
  title: string;
  status: string | null;
  year: number | null;
  areaM2: number;
  bbox: Bbox;
  center: [number, number];
  properties: Properties;
}

export interface StreetProjects {
  street: { code: string; name: string; bbox: Bbox };
  projects: StreetProject[];
}
