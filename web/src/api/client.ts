import type {
  Bbox, FeatureCollection, Feature, LayerInfo, PlanIndicator, PortalConfig, Problem, StreetProjects, UnitMetrics,
} from './types';

/**
 * A refusal or failure of the API, carrying the RFC 9457 problem's `detail` (what the user is shown) and status, and
 * the whole problem for the answers that say more (422: `errors` with locations; 409: the `current` feature).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code?: string,
    readonly problem: Problem | null = null,
    /** seconds to wait before trying again (429) */
    readonly retryAfter: number | null = null,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

/** True when a request was cancelled by its AbortController (a stale viewport request, a new street...). */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/**
 * Sent with every request: the server then answers 401 without `WWW-Authenticate: Basic`, so that the browser never
 * shows its own password dialog over the page.
 */
export const CLIENT_HEADERS: Record<string, string> = { 'X-Requested-With': 'CarbonMap' };

async function problemOf(response: Response): Promise<ApiError> {
  let detail = `${response.status} ${response.statusText}`;
  let code: string | undefined;
  let problem: Problem | null = null;
  try {
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      problem = await response.json() as Problem;
      detail = problem.detail || problem.title || detail;
      code = problem.code;
    }
  } catch {
    // not JSON: keep the status line
  }
  const retry = Number(response.headers.get('Retry-After'));
  return new ApiError(response.status, detail, code, problem, Number.isFinite(retry) && retry > 0 ? retry : null);
}

/** GETs (or sends) JSON; a non-2xx answer becomes an {@link ApiError} with the problem's detail. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init, headers: { Accept: 'application/json, application/geo+json', ...CLIENT_HEADERS, ...init?.headers },
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json() as Promise<T>;
}

/** GETs JSON, never from the browser's cache, with the answer's ETag (a feature's version). */
export async function fetchFresh<T>(url: string, signal?: AbortSignal): Promise<{ body: T; etag: string | null }> {
  const response = await fetch(url, {
    headers: { Accept: 'application/json, application/geo+json', ...CLIENT_HEADERS }, signal, cache: 'no-store',
  });
  if (!response.ok) throw await problemOf(response);
  return { body: await response.json() as T, etag: response.headers.get('ETag') };
}

// ---- writes: session cookie + CSRF token, If-Match, and a second chance after signing in again

const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'X-XSRF-TOKEN';

/** The CSRF token the server set in its cookie (Spring Security's cookie token repository), or null. */
export function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Asked when a write is answered 401 (the session expired, or nobody signed in): it may let the user sign in and
 * resolve true, and the write is then sent once more, so that an edit is not lost to an expired session.
 */
let reauthenticate: (() => Promise<boolean>) | null = null;

export function onUnauthenticated(handler: (() => Promise<boolean>) | null): void {
  reauthenticate = handler;
}

/** What a write answered: the body (null for 204), the ETag and the status. */
export interface Sent<T> {
  body: T;
  etag: string | null;
  status: number;
}

export interface SendOptions {
  /** the version the write is based on, sent as `If-Match: "<version>"` */
  ifMatch?: number | null;
  signal?: AbortSignal;
  /** whether a 401 may open the sign-in and retry (not for the sign-in itself) */
  retryAfterLogin?: boolean;
}

/**
 * Sends a write (POST, PUT, PATCH, DELETE) with a JSON body (or a file, as it is), the session cookie and the CSRF token; a non-2xx answer
 * becomes an {@link ApiError}. Without a token cookie yet, `GET /api/session` is asked first (it sets one); a 403
 * about the token is retried once with a fresh one, and a 401 once after signing in again.
 */
export async function send<T>(method: string, url: string, body?: unknown, options: SendOptions = {}): Promise<Sent<T>> {
  const attempt = async (): Promise<Response> => {
    if (!csrfToken()) await fetch('/api/session', { headers: { Accept: 'application/json', ...CLIENT_HEADERS } }).catch(() => undefined);
    const headers: Record<string, string> = { Accept: 'application/json, application/geo+json', ...CLIENT_HEADERS };
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
    // a file (a season's plots) goes as it is, with its own type; anything else as JSON
    const file = body instanceof Blob;
    if (body !== undefined) headers['Content-Type'] = file ? body.type || 'application/geo+json' : 'application/json';
    if (options.ifMatch !== undefined && options.ifMatch !== null) headers['If-Match'] = `"${options.ifMatch}"`;
    return fetch(url, {
      method, headers, body: body === undefined ? undefined : file ? body : JSON.stringify(body), signal: options.signal,
      credentials: 'same-origin',
    });
  };
  let response = await attempt();
  if (response.status === 403) {
    const error = await problemOf(response.clone());
    if (/csrf/i.test(`${error.code ?? ''} ${error.detail}`)) response = await attempt();
  }
  if (response.status === 401 && options.retryAfterLogin !== false && reauthenticate && await reauthenticate()) {
    response = await attempt();
  }
  if (!response.ok) throw await problemOf(response);
  const text = response.status === 204 ? '' : await response.text();
  return { body: (text ? JSON.parse(text) : null) as T, etag: response.headers.get('ETag'), status: response.status };
}

/** The version an ETag names (`"3"`, `W/"3"`), or null. */
export function versionOf(etag: string | null | undefined): number | null {
  if (!etag) return null;
  const n = Number(etag.replace(/^W\//, '').replace(/"/g, ''));
  return Number.isInteger(n) ? n : null;
}

/** Query of `GET /api/layers/{layer}/features`. */
export interface FeatureQuery {
  bbox?: Bbox;
  /** 1..5000 here (the server allows 10000, the client never asks for more than 5000 at once) */
  limit?: number;
  offset?: number;
  /** only features with a greater id: the next page after a page's last feature (keyset paging) */
  after?: number;
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
  if (q.after !== undefined) p.set('after', String(q.after));
  if (q.simplify) p.set('simplify', String(q.simplify));
  if (q.precision !== undefined) p.set('precision', String(q.precision));
  return `/api/layers/${encodeURIComponent(layer)}/features?${p}`;
}

export const api = {
  layers: (signal?: AbortSignal) => fetchJson<LayerInfo[]>('/api/layers', { signal }),

  /** One page of features. */
  features: (layer: string, q: FeatureQuery, signal?: AbortSignal) =>
    fetchJson<FeatureCollection>(featuresUrl(layer, q), { signal }),

  /**
   * Every feature matching the query, in pages of {@link MAX_PAGE}, each starting after the previous page's last
   * feature (so each page costs what it holds, and an edit meanwhile neither repeats nor skips a feature).
   */
  async allFeatures(layer: string, q: Omit<FeatureQuery, 'offset' | 'limit' | 'after'>, signal?: AbortSignal): Promise<Feature[]> {
    const out: Feature[] = [];
    for (let after = 0; ;) {
      const page = await api.features(layer, { ...q, limit: MAX_PAGE, after }, signal);
      out.push(...page.features);
      if (page.features.length < MAX_PAGE) return out;
      after = page.features[page.features.length - 1].id;
    }
  },

  feature: (layer: string, id: number, signal?: AbortSignal) =>
    fetchJson<Feature>(`/api/layers/${encodeURIComponent(layer)}/features/${id}`, { signal }),

  /** The indicators per unit: now, or of a closed survey season. */
  metrics: (unit: 'zones' | 'streets' | 'district' | 'barrier' | 'all', signal?: AbortSignal, season?: string | null) =>
    fetchJson<UnitMetrics[]>(`/api/metrics?unit=${unit}${season ? `&season=${encodeURIComponent(season)}` : ''}`, { signal }),

  config: (signal?: AbortSignal) => fetchJson<PortalConfig>('/api/config', { signal }),

  planIndicators: (signal?: AbortSignal) => fetchJson<PlanIndicator[]>('/api/plan/indicators', { signal }),

  streetProjects: (code: string, signal?: AbortSignal) =>
    fetchJson<StreetProjects>(`/api/streets/${encodeURIComponent(code)}/projects`, { signal }),
};
