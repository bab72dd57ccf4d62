import type { Geometry, LineString } from 'geojson';
import { ApiError, fetchFresh, send, versionOf } from './client';
import type { Feature, FeatureVersion, GeometryCheck, MergeResult, Properties, SplitResult, UndoResult } from './types';

// The writes of the layers' API (issue 5): features with their versions, checks, split and merge, history, undo.

/** A feature with the version its ETag named: what an update or delete must send back in If-Match. */
export interface Versioned {
  feature: Feature;
  version: number;
}

/** A feature as the client sends it: GeoJSON in CGCS2000 longitude/latitude. */
export interface FeatureBody {
  type: 'Feature';
  geometry: Geometry;
  properties: Properties;
}

interface UndoAnswer {
  op?: string;
  features?: { layer: string; id: number }[];
  undone?: { layer: string; id: number; op: string };
}

const layerUrl = (layer: string) => `/api/layers/${encodeURIComponent(layer)}`;
const featureUrl = (layer: string, id: number) => `${layerUrl(layer)}/features/${id}`;

function versioned(feature: Feature, etag: string | null): Versioned {
  const version = versionOf(etag) ?? feature.meta?.version;
  if (version === undefined || version === null) throw new ApiError(500, 'the server sent a feature without a version');
  return { feature, version };
}

export const edits = {
  /** One feature, unsimplified, with its version (what the editor starts from). */
  async feature(layer: string, id: number, signal?: AbortSignal): Promise<Versioned> {
    const r = await fetchFresh<Feature>(featureUrl(layer, id), signal);
    return versioned(r.body, r.etag);
  },

  async create(layer: string, body: FeatureBody): Promise<Versioned> {
    const r = await send<Feature>('POST', `${layerUrl(layer)}/features`, body);
    return versioned(r.body, r.etag);
  },

  /** Replaces a feature; 409 (with the stored feature) if `version` is no longer the current one. */
  async update(layer: string, id: number, version: number, body: FeatureBody): Promise<Versioned> {
    const r = await send<Feature>('PUT', featureUrl(layer, id), body, { ifMatch: version });
    return versioned(r.body, r.etag);
  },

  async remove(layer: string, id: number, version: number): Promise<void> {
    await send<null>('DELETE', featureUrl(layer, id), undefined, { ifMatch: version });
  },

  /** The checks of a save (geometry, district, minimum area, overlaps, attributes), nothing written. */
  async check(layer: string, body: FeatureBody, id: number | null, signal?: AbortSignal): Promise<GeometryCheck> {
    const q = new URLSearchParams({ layer });
    if (id !== null) q.set('id', String(id));
    return (await send<GeometryCheck>('POST', `/api/geometry/check?${q}`, body, { signal, retryAfterLogin: false })).body;
  },

  /** The geometry repaired (JTS GeometryFixer): it may come back as a MultiPolygon. */
  async makeValid(geometry: Geometry): Promise<Geometry> {
    return (await send<Geometry>('POST', '/api/geometry/make-valid', geometry)).body;
  },

  async split(layer: string, id: number, version: number, line: LineString): Promise<SplitResult> {
    return (await send<SplitResult>('POST', `${featureUrl(layer, id)}/split`, { line }, { ifMatch: version })).body;
  },

  async merge(layer: string, features: { id: number; version: number }[]): Promise<MergeResult> {
    return (await send<MergeResult>('POST', `${layerUrl(layer)}/merge`, { features })).body;
  },

  /** The versions of a feature, newest first. */
  async history(layer: string, id: number, signal?: AbortSignal): Promise<FeatureVersion[]> {
    return (await fetchFresh<FeatureVersion[]>(`${featureUrl(layer, id)}/history`, signal)).body;
  },

  /** Makes an earlier version current again, as a new version; `current` is null when the feature is deleted. */
  async restore(layer: string, id: number, version: number, current: number | null): Promise<Versioned> {
    const r = await send<Feature>('POST', `${featureUrl(layer, id)}/restore`, { version }, { ifMatch: current });
    return versioned(r.body, r.etag);
  },

  /** Undoes the signed-in account's last edit; 404 when there is none, 409 when someone changed it since. */
  async undo(): Promise<UndoResult> {
    const body = (await send<UndoAnswer>('POST', '/api/edits/undo')).body;
    // two shapes: {op, features: [{layer, id}]}, or {undone: {layer, id, op}, feature}
    if (body.undone) return { op: body.undone.op, features: [{ layer: body.undone.layer, id: body.undone.id }] };
    return { op: body.op ?? 'update', features: body.features ?? [] };
  },
};
