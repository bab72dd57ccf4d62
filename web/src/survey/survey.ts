import type { CarbonParameter, PlotChange, Season, SeasonPlot, SeasonProgress, StreetProgress } from '../api/survey';
import type { AttributeInfo, UnitMetrics, WriteProblem } from '../api/types';
import type { FieldError } from '../edit/schema';

// The survey module's pure parts: carbon by the volume-expansion method, thresholds of change, progress, the season
// list and the server's attribute problems under their fields. No DOM, no Leaflet: unit-tested in node.

/** The ratio of the molecular masses of CO₂ and C. */
export const CO2_PER_C = 44 / 12;

/** The attributes a survey form shows, in order; the server says which of them a surveyor may change. */
export const SURVEY_FORM_ATTRIBUTES = ['plot_code', 'species', 'canopy_closure', 'stock_m3', 'planted_year', 'survey_date'];

/** t C per m³ of stock: wood density × biomass expansion factor × (1 + root-to-shoot ratio) × carbon fraction. */
export function carbonPerM3(p: Pick<CarbonParameter, 'woodDensity' | 'bef' | 'rootShoot' | 'carbonFraction'>): number {
  return p.woodDensity * p.bef * (1 + p.rootShoot) * p.carbonFraction;
}

/** The carbon (t C) and CO₂ (t) in a stock of the species, or null without the species' parameters. */
export function carbonOf(parameters: CarbonParameter[], species: unknown, stockM3: unknown): { c: number; co2: number } | null {
  const p = parameters.find((x) => x.species === species);
  if (!p || typeof stockM3 !== 'number' || !Number.isFinite(stockM3)) return null;
  const c = stockM3 * carbonPerM3(p);
  return { c, co2: c * CO2_PER_C };
}

/** The server reports a stock change from 10 % and a canopy change from 0.1; a list may ask for more, not less. */
export const SERVER_STOCK_THRESHOLD = 0.1;
export const SERVER_CANOPY_THRESHOLD = 0.1;

/** Relative change of a plot's stock (null when it was 0 or is missing at either end). */
export function stockChange(p: PlotChange): number | null {
  if (p.stockFrom === null || p.stockTo === null || p.stockFrom === 0) return null;
  return (p.stockTo - p.stockFrom) / p.stockFrom;
}

export function canopyChange(p: PlotChange): number | null {
  return p.canopyFrom === null || p.canopyTo === null ? null : p.canopyTo - p.canopyFrom;
}

/**
 * The plots whose stock moved by at least `stockShare` (0.2 = 20 %) or whose canopy closure moved by at least
 * `canopy`, largest relative stock change first. A plot only at one end (planted, cleared) is always kept.
 */
export function plotsBeyond(plots: PlotChange[], stockShare: number, canopy: number): PlotChange[] {
  const eps = 1e-9;
  const kept = plots.filter((p) => {
    const s = stockChange(p);
    const c = canopyChange(p);
    if (p.stockFrom === null || p.stockTo === null) return true;
    return (s !== null && Math.abs(s) >= stockShare - eps) || (c !== null && Math.abs(c) >= canopy - eps);
  });
  return kept.sort((a, b) => Math.abs(stockChange(b) ?? Infinity) - Math.abs(stockChange(a) ?? Infinity)
    || a.plotCode.localeCompare(b.plotCode));
}

/** Share surveyed, 0–1 (a street without plots counts as done). */
export function share(p: Pick<StreetProgress, 'plots' | 'surveyed'>): number {
  return p.plots === 0 ? 1 : p.surveyed / p.plots;
}

/** The streets with plots, least advanced first (where the surveyors are needed), then by name. */
export function streetsToDo(progress: SeasonProgress): StreetProgress[] {
  return progress.streets.filter((s) => s.plots > 0)
    .sort((a, b) => share(a) - share(b) || a.name.localeCompare(b.name, 'zh-CN'));
}

export type SurveyState = 'all' | 'pending' | 'surveyed';

/** The plots of a survey state and street (null: every street), by plot code. */
export function filterPlots(plots: SeasonPlot[], state: SurveyState, street: string | null): SeasonPlot[] {
  return plots.filter((p) => (state === 'all' || (state === 'surveyed') === p.surveyed) && (!street || p.street === street))
    .sort((a, b) => a.plot_code.localeCompare(b.plot_code));
}

/** The open season (the working copy's), if any. */
export function openSeason(seasons: Season[]): Season | null {
  return seasons.find((s) => s.state === 'open') ?? null;
}

/** The closed seasons, oldest first. */
export function closedSeasons(seasons: Season[]): Season[] {
  return seasons.filter((s) => s.state === 'closed').sort((a, b) => a.surveyDate.localeCompare(b.surveyDate) || a.code.localeCompare(b.code));
}

/** The season a view names, if it is closed; null (the live layers) otherwise. */
export function viewedSeason(seasons: Season[], code: string | null): Season | null {
  return closedSeasons(seasons).find((s) => s.code === code) ?? null;
}

/**
 * The server's attribute problems under their fields: a 422 answer's `errors` name the attribute first
 * ("canopy_closure: 1.5 is above the maximum 1"); the others are returned for the form's general message.
 */
export function fieldProblems(attributes: AttributeInfo[], problems: WriteProblem[]): { fields: Record<string, FieldError>; other: WriteProblem[] } {
  const fields: Record<string, FieldError> = {};
  const other: WriteProblem[] = [];
  for (const p of problems) {
    const a = attributes.find((x) => p.reason.startsWith(`${x.name}:`) || p.reason.startsWith(`${x.name} `));
    if (a) fields[a.name] = { key: 'form.server', params: { reason: p.reason } };
    else other.push(p);
  }
  return { fields, other };
}

/** The unit a time series, a change and a report are made for, as `kind:code`. */
export type UnitRef = `${UnitMetrics['unit']}:${string}`;

export function unitRef(u: Pick<UnitMetrics, 'unit' | 'code'>): UnitRef {
  return `${u.unit}:${u.code}`;
}

export function parseUnitRef(ref: string | null): { unit: UnitMetrics['unit']; code: string } | null {
  const m = /^(zone|level|barrier|street|district):(.+)$/.exec(ref ?? '');
  return m ? { unit: m[1] as UnitMetrics['unit'], code: m[2] } : null;
}

/** The units a report or series can be made for: the district, the barrier, the control levels, zones, streets. */
export function reportUnits(metrics: UnitMetrics[]): UnitMetrics[] {
  const order: Record<string, number> = { district: 0, barrier: 1, level: 2, zone: 3, street: 4 };
  return metrics.filter((u) => u.unit !== 'zone' || u.zoneType === 'control_level' || u.zoneType === 'functional_area')
    .sort((a, b) => order[a.unit] - order[b.unit] || a.code.localeCompare(b.code));
}
