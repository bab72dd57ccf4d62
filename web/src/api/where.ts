import type { Geometry } from 'geojson';
import { fetchFresh, fetchJson, send } from './client';
import type { Scenario } from './scenarios';
import type { Bbox } from './types';

// Where to act (issue 13): the candidate sites that close a unit's gap to a target, and the rooftop PV potential.
// Contract: the "HTTP API" table of docs/ARCHITECTURE.md and CandidatesController / PvController.

/** The indicators candidate sites are found for. */
export type CandidateIndicator = 'blueGreenShare' | 'forestCover' | 'farmlandMu';
export const CANDIDATE_INDICATORS: CandidateIndicator[] = ['blueGreenShare', 'forestCover', 'farmlandMu'];

/**
 * Where a candidate answer's target comes from: the unit's plan, the plan of another unit (a share), the district's
 * plan (an area the plan sets for the district only: the gap is the district's), or the request.
 */
export type TargetFrom = 'plan' | 'plan-elsewhere' | 'plan-district' | 'request';

/** What a candidate is now: its land-cover class, a plot's canopy closure, a farmland project's status. */
export interface CandidateFrom {
  attribute: 'class' | 'canopy_closure' | 'status';
  value: string | number | null;
}

/** What a candidate query names: a unit, an indicator, optionally a scenario and a target of the request. */
export interface CandidateQuery {
  unit: string;
  code: string;
  indicator: CandidateIndicator;
  scenario?: number | null;
  target?: number | null;
  limit?: number;
}

export interface Candidate {
  rank: number;
  layer: string;
  id: number;
  class: string;
  from: CandidateFrom;
  featureAreaM2: number;
  addedM2: number;
  inClosingSet: boolean;
  marginalM2: number;
  bbox: Bbox;
}

export interface ClosingSet {
  method: string;
  ids: { layer: string; id: number }[];
  count: number;
  addedM2: number;
  closesGap: boolean;
  remainingGapM2: number;
}

/** `GET /api/candidates`. */
export interface CandidateAnswer {
  unit: string;
  code: string;
  name: string;
  indicator: CandidateIndicator;
  scenario: Scenario | null;
  /** a share of the unit's area, or 亩 for farmlandMu (`targetUnit`) */
  target: number | null;
  targetUnit: 'share' | 'mu';
  targetYear: number | null;
  targetFrom: TargetFrom | null;
  areaM2: number;
  haveM2: number;
  gapM2: number;
  candidateCount: number;
  candidates: Candidate[];
  closingSet: ClosingSet;
}

export interface CandidateFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature'; id: string; geometry: Geometry;
    properties: { rank: number; layer: string; id: number; class: string; addedM2: number; inClosingSet: boolean };
  }[];
}

/** What `POST /api/candidates/drafts` sends: the set as drafts of an existing scenario or of a new one. */
export interface CandidateDraftsRequest {
  unit: string;
  code: string;
  indicator: CandidateIndicator;
  scenario?: number;
  newScenario?: { name: string; year: number };
  target?: number;
  ids?: { layer: string; id: number }[];
}

export interface CandidateDraftsAnswer {
  scenario: Scenario;
  drafts: { layer: string; id: number; liveId: number | null; op: string }[];
}

/** The PV unit kinds: zones (with the control levels and the barrier), streets, the district. */
export type PvUnit = 'zones' | 'streets' | 'district';
export const PV_UNITS: PvUnit[] = ['streets', 'zones', 'district'];

export interface PvParameter {
  key: string;
  value: number | null;
  unit: string;
  nameZh: string;
  nameEn: string;
  source: string | null;
  min: number | null;
  max: number | null;
  optional: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface PvToTarget {
  roofs: number;
  addedKwp: number;
  reachable: boolean;
}

export interface PvRow {
  unit: string;
  code: string;
  name: string;
  eligibleRoofs: number;
  installedRoofs: number;
  roofsWithoutPv: number;
  installedKwp: number;
  installedKwpRecorded: number;
  installedKwpModelled: number;
  installedKwhPerYear: number;
  installedCo2TPerYear: number;
  potentialKwp: number;
  potentialKwhPerYear: number;
  co2AvoidedTPerYear: number;
  allRoofs: { roofs: number; roofsWithoutPv: number; installedKwp: number; potentialKwp: number;
    potentialKwhPerYear: number; co2AvoidedTPerYear: number };
  toTarget: { byCount: PvToTarget; byArea: PvToTarget };
}

/** The annex's energy-1 (清洁能源发电装机) and city-4 (城市建筑可再生能源替代率) beside the PV figures. */
export interface PvEnergyIndicator {
  id: 'energy-1' | 'city-4';
  text?: { zh: string; en: string };
  target?: string | null;
  entered: { year: number; value: string; note: string | null } | null;
  figures: {
    basis: string;
    installedKw?: number; potentialKw?: number;
    shareOfCapacityNow?: number | null; shareOfCapacityAtPotential?: number | null;
    installedKwhPerYear?: number; potentialKwhPerYear?: number;
    shareOfBuildingEnergyNow?: number | null; shareOfBuildingEnergyAtPotential?: number | null;
  };
}

/** `GET /api/pv/potential`. */
export interface PvPotential {
  unit: PvUnit;
  scenario: Scenario | null;
  parameters: PvParameter[];
  target: number;
  rows: PvRow[];
  energy: PvEnergyIndicator[];
}

export interface PvRoof {
  rank: number;
  id: number;
  buildingUse: string | null;
  builtYear: number | null;
  eligible: boolean;
  roofAreaM2: number;
  usableM2: number;
  pvInstalled: boolean;
  installedKwp: number;
  kwpSource: string | null;
  potentialKwp: number;
  potentialKwhPerYear: number;
  co2AvoidedTPerYear: number;
  /** among the fewest that reach the 50 % target by count */
  inTargetSet: boolean;
  /** among the fewest that reach it by area (all of them when it cannot be reached) */
  inAreaTargetSet: boolean;
}

/** Which of a unit's two target sets of roofs: by count or by area. */
export type RoofTargetSet = 'byCount' | 'byArea';

/** `GET /api/pv/roofs`. */
export interface PvRoofs {
  unit: string;
  code: string;
  name: string;
  count: number;
  targetRoofs: number;
  targetRoofsByArea: number;
  areaTargetReachable: boolean;
  roofs: PvRoof[];
}

export interface PvRoofQuery {
  unit: string;
  code: string;
  roofs?: 'eligible' | 'all';
  limit?: number;
  scenario?: number | null;
}

/** The query of the candidates' endpoints (`scenario` only when one is chosen). */
export function candidateQuery(q: CandidateQuery): string {
  const p = new URLSearchParams({ unit: q.unit, code: q.code, indicator: q.indicator });
  if (q.scenario !== null && q.scenario !== undefined) p.set('scenario', String(q.scenario));
  if (q.target !== null && q.target !== undefined) p.set('target', String(q.target));
  if (q.limit !== undefined) p.set('limit', String(q.limit));
  return p.toString();
}

/** A candidates' URL: the answer, the map's GeoJSON, or a download. */
export function candidatesUrl(q: CandidateQuery, format: 'json' | 'geojson' | 'xlsx' | 'csv' = 'json'): string {
  return `/api/candidates${format === 'json' ? '' : `.${format}`}?${candidateQuery(q)}`;
}

/** A PV potential URL (the answer or a download). */
export function pvPotentialUrl(unit: PvUnit, scenario: number | null, format: 'json' | 'xlsx' | 'csv' = 'json'): string {
  const p = new URLSearchParams({ unit });
  if (scenario !== null) p.set('scenario', String(scenario));
  return `/api/pv/potential${format === 'json' ? '' : `.${format}`}?${p}`;
}

/** A unit's ranked roofs URL. */
export function pvRoofsUrl(q: PvRoofQuery, format: 'json' | 'geojson' | 'xlsx' | 'csv' = 'json'): string {
  const p = new URLSearchParams({ unit: q.unit, code: q.code });
  if (q.roofs) p.set('roofs', q.roofs);
  if (q.limit !== undefined) p.set('limit', String(q.limit));
  if (q.scenario !== null && q.scenario !== undefined) p.set('scenario', String(q.scenario));
  return `/api/pv/roofs${format === 'json' ? '' : `.${format}`}?${p}`;
}

export const where = {
  async candidates(q: CandidateQuery, signal?: AbortSignal): Promise<CandidateAnswer> {
    return (await fetchFresh<CandidateAnswer>(candidatesUrl(q), signal)).body;
  },

  async candidatesGeojson(q: CandidateQuery, signal?: AbortSignal): Promise<CandidateFeatureCollection> {
    return (await fetchFresh<CandidateFeatureCollection>(candidatesUrl(q, 'geojson'), signal)).body;
  },

  /** The closing set (or `ids`) as draft edits of a scenario, made in the same transaction when it is new. */
  async toDrafts(body: CandidateDraftsRequest): Promise<CandidateDraftsAnswer> {
    return (await send<CandidateDraftsAnswer>('POST', '/api/candidates/drafts', body)).body;
  },

  async pvPotential(unit: PvUnit, scenario: number | null, signal?: AbortSignal): Promise<PvPotential> {
    return (await fetchFresh<PvPotential>(pvPotentialUrl(unit, scenario), signal)).body;
  },

  async pvRoofs(q: PvRoofQuery, signal?: AbortSignal): Promise<PvRoofs> {
    return (await fetchFresh<PvRoofs>(pvRoofsUrl(q), signal)).body;
  },

  async pvRoofsGeojson(q: PvRoofQuery, signal?: AbortSignal): Promise<{ type: 'FeatureCollection'; features: { type: 'Feature'; id: number; geometry: Geometry; properties: PvRoof }[] }> {
    return (await fetchFresh<{ type: 'FeatureCollection'; features: { type: 'Feature'; id: number; geometry: Geometry; properties: PvRoof }[] }>(pvRoofsUrl(q, 'geojson'), signal)).body;
  },

  async pvParameters(signal?: AbortSignal): Promise<PvParameter[]> {
    return fetchJson<PvParameter[]>('/api/pv/parameters', { signal, cache: 'no-store' });
  },

  /** An admin's new value and source; 422 (its detail) when refused. */
  async savePvParameter(key: string, value: number | null, source: string): Promise<PvParameter> {
    return (await send<PvParameter>('PUT', `/api/pv/parameters/${encodeURIComponent(key)}`, { value, source })).body;
  },
};
