import type { Geometry, LineString, Point } from 'geojson';

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
  /** the rules the server applies to every write of the layer (absent from servers without editing) */
  editing?: EditingRules;
}

/** How a layer's writes are checked, from `GET /api/layers`. */
export interface EditingRules {
  /** whether a feature may overlap others of the layer: refused, allowed, or refused within the same zone type */
  overlap: 'refuse' | 'allow' | 'refuse-same-zone_type';
  /** the smallest area a feature may have, m² on the ellipsoid */
  minAreaM2: number;
  /** the attributes a surveyor may change (forest plots: species, canopy closure, planted year, stock, survey date) */
  surveyAttributes: string[];
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
  /** what is still missing to reach the target, or by how much it is exceeded (servers before issue 12: absent) */
  gap?: TargetGap;
}

/** How far a unit is from a target, in the unit a planner uses: m² (shown as 公顷 and 亩), m³, or roofs with PV. */
export interface TargetGap {
  unit: 'm2' | 'm3' | 'roofs';
  /** still missing to reach the target (> 0), else 0 */
  missing: number;
  /** by how much it is exceeded (> 0), else 0 */
  exceeded: number;
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
  /** carbon in the forest plots' biomass, t C (volume-expansion method), and as CO₂ */
  carbonT?: number;
  co2T?: number;
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
  /** how the first start's sample load went; 'failed' leaves the database empty (the page says so) */
  sampleData?: { state: 'none' | 'loading' | 'loaded' | 'failed'; reason: string | null };
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
  latest: { year: number; value: string | number; note: string | null; enteredBy: string | null; enteredAt: string } | null;
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

// ---- accounts, sessions and edits (issue 5)

export type Role = 'ADMIN' | 'EDITOR' | 'SURVEYOR' | 'VIEWER';
/** What an account may write in a layer: everything, the survey attributes only, or nothing. */
export type WriteScope = 'all' | 'survey' | 'none';

/** A street an account is scoped to: it may write only features lying inside it, every part of them. */
export interface StreetRef { code: string; name: string }

/** `GET /api/session` when signed in. */
export interface SignedIn {
  authenticated: true;
  username: string;
  roles: Role[];
  /** the layers granted; null: all layers */
  layers: string[] | null;
  street: StreetRef | null;
  canWrite: Record<string, WriteScope>;
  /** whether it may enter the plan's indicator values (admins; editors granted them) */
  planValues?: boolean;
}

/** `GET /api/session` when nobody is signed in. */
export interface Anonymous {
  authenticated: false;
  anonymousRead: boolean;
}

export type SessionInfo = SignedIn | Anonymous;

/** One account as the admin screen lists it (`GET /api/accounts`). */
export interface Account {
  username: string;
  roles: Role[];
  layers: string[] | null;
  /** the street's code (or, from some servers, the street itself) */
  street: string | StreetRef | null;
  enabled: boolean;
  /** the grant to enter the plan's indicator values (editors; admins always may) */
  planValues?: boolean;
  createdAt: string | null;
}

/** A new account (`POST /api/accounts`). */
export interface NewAccount {
  username: string;
  password: string;
  roles: Role[];
  layers: string[] | null;
  street: string | null;
  planValues?: boolean;
}

/** A change to an account (`PUT /api/accounts/{username}`): only the members sent are changed. */
export type AccountChange = Partial<Omit<NewAccount, 'username'> & { enabled: boolean }>;

/** Why a geometry or a feature was refused, and where. */
export interface WriteProblem {
  code: string;
  /** the server's sentence (English) */
  reason: string;
  location?: Point | null;
  /** the feature's index in the request (422 answers) */
  index?: number;
}

/** `POST /api/geometry/check`: the checks of a save, nothing written. */
export interface GeometryCheck {
  valid: boolean;
  problems: WriteProblem[];
}

/** An RFC 9457 problem as the API answers it, with the members of 409 and 422 answers. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  /** 422: what is wrong, with locations */
  errors?: WriteProblem[];
  /** 409: the stored version and the one the request expected */
  currentVersion?: number;
  expectedVersion?: number;
  /** 409: the stored feature */
  current?: Feature;
}

export interface SplitResult { deleted: number; created: Feature[] }
export interface MergeResult { feature: Feature; deleted: number[] }
export interface SplitRequest { line: LineString }

export type EditOp = 'create' | 'update' | 'delete' | 'restore' | 'split' | 'merge' | 'import' | 'undo';

/** One version of a feature (`GET …/features/{id}/history`), newest first. */
export interface FeatureVersion {
  version: number;
  op: EditOp | string;
  /** the account; null for anonymous readers (account names are for signed-in staff) */
  by: string | null;
  at: string;
  /** the feature after that change (for a delete: as it was deleted) */
  feature: Feature;
  /** whether this change deleted the feature */
  deleted?: boolean;
  /** whether an undo has taken this change back */
  undone?: boolean;
}

/** `POST /api/edits/undo`: the edit taken back and the features it touched (a split or merge touches several). */
export interface UndoResult {
  op: EditOp | string;
  features: { layer: string; id: number }[];
}
