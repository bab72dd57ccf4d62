import type { Geometry } from 'geojson';
import { ApiError, fetchFresh, send, versionOf } from './client';
import type { FeatureBody } from './edits';
import type { Bbox, Feature, FeatureVersion, GeometryCheck, Properties, UnitKind, UnitMetrics } from './types';

// Planning scenarios (规划情景, issue 12): named sets of assumptions over the live layers — project statuses counted
// as done, explicit ticks, draft edits — with their indicators and the comparison of several. The contract is
// /work/scenario-api.md; every endpoint needs a signed-in account (401 for anonymous readers).

/** The project layers whose statuses a scenario may count as done. */
export type ProjectLayerName = 'parks' | 'farmland';
export const PROJECT_LAYERS: ProjectLayerName[] = ['parks', 'farmland'];

/** The statuses of a project layer that are not done today (the ones a scenario may count as done). */
export const OPEN_STATUSES: Record<ProjectLayerName, string[]> = {
  parks: ['planned', 'under_construction'],
  farmland: ['planned', 'under_construction'],
};

/** A saved scenario (`GET /api/scenarios/{id}`). */
export interface Scenario {
  id: number;
  name: string;
  description: string | null;
  /** the target year: targets are judged for this year */
  year: number;
  author: string;
  shared: boolean;
  /** project statuses counted as done: a park as built, a farmland project as accepted */
  countAsDone: Partial<Record<ProjectLayerName, string[]>>;
  /** if set, projects of a later year are not counted (unless ticked) */
  countAsDoneUpToYear: number | null;
  /** explicit ticks per project id */
  projects: Partial<Record<ProjectLayerName, Record<string, boolean>>>;
  drafts: number;
  conflicts: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  /** whether the signed-in account may change it */
  canEdit: boolean;
}

/** The settings of a scenario: what a create or an update sends. */
export interface ScenarioSettings {
  name: string;
  description: string | null;
  year: number;
  countAsDone: Partial<Record<ProjectLayerName, string[]>>;
  countAsDoneUpToYear: number | null;
  shared: boolean;
}

/** A park or farmland project not done today, with whether the scenario counts it (`GET …/projects`). */
export interface ScenarioProject {
  layer: ProjectLayerName;
  id: number;
  name: string;
  status: string;
  year: number | null;
  street: { code: string; name: string } | null;
  areaM2: number;
  /** counted as done in this scenario */
  done: boolean;
  /** the explicit tick, or null when the status rule decides */
  choice: boolean | null;
  bbox: Bbox;
}

export type DraftOp = 'create' | 'update' | 'delete';

/** What a draft is to its scenario: its kind, the live feature it started from, and whether that one moved on. */
export interface DraftInfo {
  op: DraftOp;
  layer: string;
  liveId: number | null;
  liveVersion: number | null;
  conflict: null | { reason: 'changed' | 'deleted'; live: Feature | null };
}

/** A draft edit: a GeoJSON feature with the draft's id and version (for a delete: the live feature as it was). */
export interface DraftFeature {
  type: 'Feature';
  id: number;
  version: number;
  geometry: Geometry;
  properties: Properties;
  scenario: DraftInfo;
}

export interface DraftCollection {
  type: 'FeatureCollection';
  features: DraftFeature[];
}

/** One column of a comparison: the live state (现状) or a scenario. */
export interface CompareColumn {
  key: string;
  id?: number;
  name: string;
  year: number;
  author?: string;
}

export interface CompareUnit {
  unit: UnitKind;
  code: string;
  name: string;
  zoneType: string | null;
  /** one per column, in the columns' order */
  figures: UnitMetrics[];
}

/** `GET /api/metrics/compare`. */
export interface Comparison {
  columns: CompareColumn[];
  units: CompareUnit[];
}

/** What a scenario changes, for the map (`GET …/changes`). */
export interface ChangeProperties {
  layer: string;
  op: 'done' | DraftOp;
  name: string | null;
}

export interface ChangeCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: Geometry; properties: ChangeProperties }[];
}

/** The `unit` parameter of the figures' endpoints. */
export type MetricsUnit = 'zones' | 'streets' | 'district' | 'barrier' | 'all';

const base = (id: number) => `/api/scenarios/${id}`;
const draftsUrl = (id: number, layer: string) => `${base(id)}/features/${encodeURIComponent(layer)}`;
const draftUrl = (id: number, layer: string, draft: number) => `${draftsUrl(id, layer)}/${draft}`;

/** The query of `GET …/metrics/compare`: `live` first, then the scenarios' ids. */
export function compareQuery(ids: number[], unit: MetricsUnit): string {
  return new URLSearchParams({ scenarios: ['live', ...ids].join(','), unit }).toString().replace(/%2C/g, ',');
}

/** The comparison as a download: an Excel workbook or an A4 PDF report in Chinese with the map. */
export function compareExportUrl(format: 'xlsx' | 'pdf', ids: number[], unit: MetricsUnit): string {
  return `/api/metrics/compare.${format}?${compareQuery(ids, unit)}`;
}

/** Where a draft save goes: a new feature, a live feature replaced (or deleted), or a draft changed. */
export function draftSaveRequest(id: number, layer: string, target: {
  draftId: number | null; liveId: number | null; liveVersion: number | null; rebase?: boolean; delete?: boolean;
}): { method: 'POST' | 'PUT'; url: string } {
  if (target.draftId !== null) {
    const q = target.rebase && target.liveVersion !== null ? `?liveVersion=${target.liveVersion}` : '';
    return { method: 'PUT', url: `${draftUrl(id, layer, target.draftId)}${q}` };
  }
  if (target.liveId !== null) {
    const q = new URLSearchParams({ replaces: String(target.liveId) });
    if (target.liveVersion !== null) q.set('liveVersion', String(target.liveVersion));
    if (target.delete) q.set('delete', 'true');
    return { method: 'POST', url: `${draftsUrl(id, layer)}?${q}` };
  }
  return { method: 'POST', url: draftsUrl(id, layer) };
}

/** A draft with the version its ETag named. */
function withVersion(d: DraftFeature, etag: string | null): DraftFeature {
  const version = versionOf(etag) ?? d.version;
  if (version === undefined || version === null) throw new ApiError(500, 'the server sent a draft without a version');
  return { ...d, version };
}

export const scenarios = {
  /** The scenarios the account may read (its own and the shared ones), newest first. */
  async list(signal?: AbortSignal): Promise<Scenario[]> {
    return (await fetchFresh<Scenario[]>('/api/scenarios', signal)).body;
  },

  async get(id: number, signal?: AbortSignal): Promise<Scenario> {
    const r = await fetchFresh<Scenario>(base(id), signal);
    return { ...r.body, version: versionOf(r.etag) ?? r.body.version };
  },

  async create(settings: Partial<ScenarioSettings> & { name: string; year: number }): Promise<Scenario> {
    return (await send<Scenario>('POST', '/api/scenarios', settings)).body;
  },

  /** Changes the settings; 409 (with `current`) when `version` is stale. */
  async update(id: number, version: number, settings: ScenarioSettings): Promise<Scenario> {
    return (await send<Scenario>('PUT', base(id), settings, { ifMatch: version })).body;
  },

  async remove(id: number, version: number): Promise<void> {
    await send<null>('DELETE', base(id), undefined, { ifMatch: version });
  },

  /** A private copy (choices and drafts) owned by the caller. */
  async duplicate(id: number, name: string): Promise<Scenario> {
    return (await send<Scenario>('POST', `${base(id)}/duplicate`, { name })).body;
  },

  /** The layer's projects not done today (parks, or farmland), with whether the scenario counts each. */
  async projects(id: number, layer: ProjectLayerName, signal?: AbortSignal): Promise<ScenarioProject[]> {
    return (await fetchFresh<ScenarioProject[]>(`${base(id)}/projects?layer=${layer}`, signal)).body;
  },

  /** Ticks (true), unticks (false) or gives back to the rule (null) some projects of a layer. */
  async setProjects(id: number, layer: ProjectLayerName, ids: number[], done: boolean | null): Promise<Scenario> {
    return (await send<Scenario>('PUT', `${base(id)}/projects`, { layer, ids, done })).body;
  },

  /** Every draft of every layer. */
  async drafts(id: number, signal?: AbortSignal): Promise<DraftFeature[]> {
    return (await fetchFresh<DraftCollection>(`${base(id)}/features`, signal)).body.features;
  },

  async draft(id: number, layer: string, draft: number, signal?: AbortSignal): Promise<DraftFeature> {
    const r = await fetchFresh<DraftFeature>(draftUrl(id, layer, draft), signal);
    return withVersion(r.body, r.etag);
  },

  /**
   * Saves a draft: a new feature (no draft, no live feature), a live feature replaced (`liveId`, from `liveVersion`),
   * or a draft changed (`draftId`, If-Match `version`; `rebase` also moves it onto `liveVersion`).
   */
  async saveDraft(id: number, layer: string, target: {
    draftId: number | null; version: number | null; liveId: number | null; liveVersion: number | null; rebase?: boolean;
  }, body: FeatureBody): Promise<DraftFeature> {
    const { method, url } = draftSaveRequest(id, layer, target);
    const r = await send<DraftFeature>(method, url, body, method === 'PUT' ? { ifMatch: target.version } : {});
    return withVersion(r.body, r.etag);
  },

  /** Deletes a live feature inside the scenario only (a `delete` draft). */
  async deleteLive(id: number, layer: string, liveId: number, liveVersion: number | null): Promise<DraftFeature> {
    const { url } = draftSaveRequest(id, layer, { draftId: null, liveId, liveVersion, delete: true });
    const r = await send<DraftFeature>('POST', url);
    return withVersion(r.body, r.etag);
  },

  /** Turns a draft of a live feature's change into its deletion in the scenario, in one write. */
  async toDeletion(id: number, layer: string, draft: number, version: number): Promise<DraftFeature> {
    const r = await send<DraftFeature>('PUT', `${draftUrl(id, layer, draft)}?delete=true`, undefined, { ifMatch: version });
    return withVersion(r.body, r.etag);
  },

  /** Keeps a draft whose live feature was deleted as a new feature of the scenario, in one write (its history goes on). */
  async detach(id: number, layer: string, draft: number, version: number): Promise<DraftFeature> {
    const r = await send<DraftFeature>('PUT', `${draftUrl(id, layer, draft)}?detach=true`, undefined, { ifMatch: version });
    return withVersion(r.body, r.etag);
  },

  /** Discards a draft: the scenario takes the live feature again (or no longer has the new one). */
  async discardDraft(id: number, layer: string, draft: number, version: number): Promise<void> {
    await send<null>('DELETE', draftUrl(id, layer, draft), undefined, { ifMatch: version });
  },

  async draftHistory(id: number, layer: string, draft: number, signal?: AbortSignal): Promise<FeatureVersion[]> {
    return (await fetchFresh<FeatureVersion[]>(`${draftUrl(id, layer, draft)}/history`, signal)).body;
  },

  /** The checks of a draft save (validity, district, attributes, overlaps in the scenario's view), nothing saved. */
  async check(id: number, layer: string, body: FeatureBody, draft: number | null, replaces: number | null,
    signal?: AbortSignal): Promise<GeometryCheck> {
    const q = new URLSearchParams({ layer });
    if (draft !== null) q.set('draft', String(draft));
    if (replaces !== null) q.set('replaces', String(replaces));
    return (await send<GeometryCheck>('POST', `${base(id)}/check?${q}`, body, { signal, retryAfterLogin: false })).body;
  },

  /** The indicators on "live + the scenario's assumptions", same rows as `/api/metrics`, targets judged for its year. */
  async metrics(id: number, unit: MetricsUnit = 'all', signal?: AbortSignal): Promise<UnitMetrics[]> {
    return (await fetchFresh<UnitMetrics[]>(`${base(id)}/metrics?unit=${unit}`, signal)).body;
  },

  async compare(ids: number[], unit: MetricsUnit, signal?: AbortSignal): Promise<Comparison> {
    return (await fetchFresh<Comparison>(`/api/metrics/compare?${compareQuery(ids, unit)}`, signal)).body;
  },

  /** What the scenario adds, changes and removes, for the map. */
  async changes(id: number, signal?: AbortSignal): Promise<ChangeCollection> {
    return (await fetchFresh<ChangeCollection>(`${base(id)}/changes`, signal)).body;
  },
};
