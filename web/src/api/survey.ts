import { fetchJson, send } from './client';
import type { FeatureCollection, UnitKind } from './types';

// The surveys' API (issue 7): seasons, the surveyors' marks and progress, the time series, the change between two
// seasons, the carbon parameters and the reports.

/** A survey season (调查季): open (the live forest plots are its working copy) or closed (frozen). */
export interface Season {
  code: string;
  name: string;
  surveyDate: string;
  state: 'open' | 'closed';
  withLandCover: boolean;
  createdBy: string | null;
  closedAt: string | null;
}

/** One plot of a season, with whether it has been surveyed (`GET /api/seasons/{code}/plots`). */
export interface SeasonPlot {
  id: number;
  plot_code: string;
  species: string | null;
  canopy_closure: number | null;
  stock_m3: number | null;
  /** the street's code (by the plot's point-on-surface), or null outside every street */
  street: string | null;
  surveyed: boolean;
  surveyedBy: string | null;
  surveyedAt: string | null;
}

export interface StreetProgress { code: string; name: string; plots: number; surveyed: number }

/** `GET /api/seasons/{code}/progress`. */
export interface SeasonProgress {
  season: string;
  plots: number;
  surveyed: number;
  streets: StreetProgress[];
}

/** One point of a unit's time series: a closed season, or `current` (the live layers). */
export interface SeriesPoint {
  season: string;
  name: string;
  date: string;
  blueGreenShare: number | null;
  forestCover: number | null;
  forestStockM3: number;
  carbonT: number;
  co2T: number;
  /** t C a year since the previous point; null for the first */
  sequestrationTPerYear: number | null;
  co2TPerYear: number | null;
}

export interface UnitChange {
  unit: UnitKind;
  code: string;
  name: string;
  gainedM2: number;
  lostM2: number;
  netM2: number;
  carbonFromT: number;
  carbonToT: number;
  sequestrationTPerYear: number;
  co2TPerYear: number;
}

/** A plot whose stock or canopy closure moved beyond the server's thresholds (10 % of stock, 0.1 of closure). */
export interface PlotChange {
  plotCode: string;
  stockFrom: number | null;
  stockTo: number | null;
  canopyFrom: number | null;
  canopyTo: number | null;
}

/** `GET /api/seasons/change`: forest gained and lost between two closed seasons. */
export interface SeasonChange {
  from: string;
  to: string;
  years: number;
  units: UnitChange[];
  gained: FeatureCollection;
  lost: FeatureCollection;
  changedPlots: PlotChange[];
}

/** The volume-expansion parameters of one species, with their source. */
export interface CarbonParameter {
  species: string;
  nameZh: string | null;
  woodDensity: number;
  bef: number;
  rootShoot: number;
  carbonFraction: number;
  source: string;
}

export interface NewSeason { code: string; name: string; surveyDate: string; withLandCover: boolean }

const seasonUrl = (code: string) => `/api/seasons/${encodeURIComponent(code)}`;

export const survey = {
  seasons: (signal?: AbortSignal) => fetchJson<Season[]>('/api/seasons', { signal, cache: 'no-store' }),

  plots: (season: string, q: { state?: 'pending' | 'surveyed'; street?: string } = {}, signal?: AbortSignal) => {
    const p = new URLSearchParams();
    if (q.state) p.set('state', q.state);
    if (q.street) p.set('street', q.street);
    return fetchJson<SeasonPlot[]>(`${seasonUrl(season)}/plots${p.size ? `?${p}` : ''}`, { signal, cache: 'no-store' });
  },

  progress: (season: string, signal?: AbortSignal) =>
    fetchJson<SeasonProgress>(`${seasonUrl(season)}/progress`, { signal, cache: 'no-store' }),

  markSurveyed: async (season: string, id: number) =>
    (await send<{ season: string; id: number; surveyed: boolean; by: string }>('POST', `${seasonUrl(season)}/plots/${id}/surveyed`)).body,

  series: (unit: UnitKind, code: string, signal?: AbortSignal) =>
    fetchJson<SeriesPoint[]>(`/api/seasons/series?${new URLSearchParams({ unit, code })}`, { signal, cache: 'no-store' }),

  change: (from: string, to: string, unit: 'zones' | 'streets' | 'all', signal?: AbortSignal) =>
    fetchJson<SeasonChange>(`/api/seasons/change?${new URLSearchParams({ from, to, unit })}`, { signal }),

  parameters: (signal?: AbortSignal) => fetchJson<CarbonParameter[]>('/api/carbon/parameters', { signal, cache: 'no-store' }),

  saveParameter: async (p: CarbonParameter) =>
    (await send<CarbonParameter>('PUT', `/api/carbon/parameters/${encodeURIComponent(p.species)}`, {
      nameZh: p.nameZh, woodDensity: p.woodDensity, bef: p.bef, rootShoot: p.rootShoot, carbonFraction: p.carbonFraction,
      source: p.source,
    })).body,

  /** Opens a season: the live plots become its working copy. */
  open: async (s: NewSeason) => (await send<Season>('POST', '/api/seasons', s)).body,

  /** Closes the open season: its plots are frozen. */
  close: async (code: string) => (await send<Season>('POST', `${seasonUrl(code)}/close`)).body,

  /** Imports a past season from a GeoJSON file of forest plots, closed at once. */
  importSeason: async (code: string, name: string, surveyDate: string, file: Blob) =>
    (await send<Season>('POST', `${seasonUrl(code)}/import?${new URLSearchParams({ name, surveyDate })}`, file)).body,
};

/** The report of a unit (`zone`, `level`, `barrier`, `street`, `district`) as a PDF or an xlsx workbook. */
export function reportUrl(unit: UnitKind, code: string, format: 'pdf' | 'xlsx'): string {
  return `/api/reports/${encodeURIComponent(unit)}/${encodeURIComponent(code)}.${format}`;
}
