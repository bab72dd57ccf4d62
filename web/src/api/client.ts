import type {
  Bbox, FeatureCollection, Feature, LayerInfo, PlanIndicator, PortalConfig, StreetProjects, UnitMetrics,
} from './types';

/**
 * A refusal or failure of the API, carrying the RFC 9457 problem's `detail` (what the user is shown) and status.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly detail: string, readonly code?: string) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** True when a request was cancelled by its AbortController (a stale viewport request, a new street...). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

async function problemOf(response: Response): Promise<ApiError> {
  let detail = `${response.status} ${response.statusText}`;
  let code: string | undefined;
  try {
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      const body = await response.json();
      detail = body.detail || body.title || detail;
      code = body.code;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, detail, code);
}

/** GETs (or sends) JSON; a non-2xx answer becomes an {@link ApiError} with the problem's detail. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { Accept: 'application/json, application/geo+json', ...init?.headers } });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json() as Promise<T>;
}

/** Query of `GET /api/layers/{layer}/features`. */
export interface FeatureQuery {
  bbox?: Bbox;
  /** 1..5000 here (the server allows 10000, the client never asks for more than 5000 at once) */
  limit?: number;
  offset?: number;
  /** display simplification tolerance, metres */
  simplify?: number;
  /** decimals of the coordinates */
  precision?: number;
}

export const MAX_PAGE = 5000;

export function featuresUrl(layer: string, q: FeatureQuery = {}): string {
  const p = new URLSearchParams();
  if (q.bbox) p.set('bbox', q.bbox.map((v) => v.toFixed(6)).join(','));
  p.set('limit', String(Math.min(q.limit ?? MAX_PAGE, MAX_PAGE)));
  if (q.offset) p.set('offset', String(q.offset));
  if (q.simplify) p.set('simplify', String(q.simplify));
  if (q.precision !== undefined) p.set('precision', String(q.precision));
  return `/api/layers/${encodeURIComponent(layer)}/features?${p}`;
}

export const api = {
  layers: (signal?: AbortSignal) => fetchJson<LayerInfo[]>('/api/layers', { signal }),

  /** One page of features. */
  features: (layer: string, q: FeatureQuery, signal?: AbortSignal) =>
    fetchJson<FeatureCollection>(featuresUrl(layer, q), { signal }),

  /** Every feature matching the query, paging by {@link MAX_PAGE}. */
  async allFeatures(layer: string, q: Omit<FeatureQuery, 'offset' | 'limit'>, signal?: AbortSignal): Promise<Feature[]> {
    const out: Feature[] = [];
    for (let offset = 0; ; offset += MAX_PAGE) {
      const page = await api.features(layer, { ...q, limit: MAX_PAGE, offset }, signal);
      out.push(...page.features);
      if (page.features.length < MAX_PAGE) return out;
    }
  },

  feature: (layer: string, id: number, signal?: AbortSignal) =>
    fetchJson<Feature>(`/api/layers/${encodeURIComponent(layer)}/features/${id}`, { signal }),

  metrics: (unit: 'zones' | 'streets' | 'district' | 'barrier' | 'all', signal?: AbortSignal) =>
    fetchJson<UnitMetrics[]>(`/api/metrics?unit=${unit}`, { signal }),

  config: (signal?: AbortSignal) => fetchJson<PortalConfig>('/api/config', { signal }),

  planIndicators: (signal?: AbortSignal) => fetchJson<PlanIndicator[]>('/api/plan/indicators', { signal }),

  streetProjects: (code: string, signal?: AbortSignal) =>
    fetchJson<StreetProjects>(`/api/streets/${encodeURIComponent(code)}/projects`, { signal }),
};
