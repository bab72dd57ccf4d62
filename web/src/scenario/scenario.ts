import type {
  Comparison, CompareColumn, CompareUnit, DraftFeature, MetricsUnit, ProjectLayerName, Scenario, ScenarioProject,
  ScenarioSettings,
} from '../api/scenarios';
import type { UnitMetrics } from '../api/types';
import type { CompareUnits } from '../app/ViewState';
import { formatNumber, formatPercent, t, type MessageKey } from '../i18n';
import { formatGap } from './gap';

export { formatGap, gapAmount, haMu } from './gap';

// The pure parts of the scenario tab (规划情景): gaps in a planner's units, the project filters, the settings' checks,
// the comparison table, the drafts' effect on the live layers, the scenarios' colours. No DOM, no Leaflet.

// ---- the scenario's settings

/** The years offered for a new scenario (any other can be typed). */
export const OFFERED_YEARS = [2025, 2030];

/** The settings a scenario is changed with: what it has now. */
export function settingsOf(s: Scenario): ScenarioSettings {
  return {
    name: s.name, description: s.description, year: s.year, countAsDone: s.countAsDone,
    countAsDoneUpToYear: s.countAsDoneUpToYear, shared: s.shared,
  };
}

/** What is wrong with settings typed in the dialog (message keys by field); empty when they can be sent. */
export function settingsProblems(s: { name: string; year: number; countAsDoneUpToYear: number | null }): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  if (!s.name.trim()) out.name = 'scenario.form.needName';
  else if (s.name.trim().length > 200) out.name = 'scenario.form.nameTooLong';
  if (!Number.isInteger(s.year) || s.year < 2000 || s.year > 2100) out.year = 'scenario.form.badYear';
  if (s.countAsDoneUpToYear !== null && (!Number.isInteger(s.countAsDoneUpToYear) || s.countAsDoneUpToYear < 1900
    || s.countAsDoneUpToYear > 2100)) out.upToYear = 'scenario.form.badYear';
  return out;
}

/** A name for a copy: "名称 副本", "名称 副本 2"… that no scenario in the list has yet. */
export function copyName(name: string, taken: string[]): string {
  const base = t('scenario.copyName', { name });
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base} ${n}`)) return `${base} ${n}`;
}

// ---- projects (the tick boxes)

/** The project filter of the tab: layer, status, year (exact, or up to a year: `le:2025`), street code. */
export interface ProjectFilter {
  layer: ProjectLayerName | null;
  status: string | null;
  /** '' (any), '2024' (that year) or 'le:2025' (that year or earlier) */
  year: string;
  street: string | null;
}

export const NO_FILTER: ProjectFilter = { layer: null, status: null, year: '', street: null };

/** Whether a project passes the filter. */
export function projectMatches(p: ScenarioProject, f: ProjectFilter): boolean {
  if (f.layer && p.layer !== f.layer) return false;
  if (f.status && p.status !== f.status) return false;
  if (f.street && p.street?.code !== f.street) return false;
  if (f.year.startsWith('le:')) {
    const max = Number(f.year.slice(3));
    if (p.year === null || p.year > max) return false;
  } else if (f.year && p.year !== Number(f.year)) return false;
  return true;
}

/** The projects that pass the filter, parks first, then by year and name. */
export function filterProjects(projects: ScenarioProject[], f: ProjectFilter): ScenarioProject[] {
  return projects.filter((p) => projectMatches(p, f)).sort((a, b) => (a.layer === b.layer ? 0 : a.layer === 'parks' ? -1 : 1)
    || (a.year ?? 9999) - (b.year ?? 9999) || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
}

/** The ids of the shown projects whose tick would change, by layer: what "tick all shown" (or untick) sends. */
export function idsToSet(shown: ScenarioProject[], done: boolean | null): Map<ProjectLayerName, number[]> {
  const out = new Map<ProjectLayerName, number[]>();
  for (const p of shown) {
    const changes = done === null ? p.choice !== null : p.choice !== done;
    if (!changes) continue;
    out.set(p.layer, [...(out.get(p.layer) ?? []), p.id]);
  }
  return out;
}

/** How a project comes to count (or not): by the status rule, or by an explicit tick. */
export function projectBasis(p: ScenarioProject): MessageKey {
  if (p.choice === null) return p.done ? 'scenario.projects.byRuleDone' : 'scenario.projects.byRuleNot';
  return p.choice ? 'scenario.projects.ticked' : 'scenario.projects.unticked';
}

/** The filter choices present among the projects: statuses, years (newest first) and streets (by name). */
export function filterChoices(projects: ScenarioProject[]): { statuses: string[]; years: number[]; streets: { code: string; name: string }[] } {
  const statuses = [...new Set(projects.map((p) => p.status))];
  const years = [...new Set(projects.map((p) => p.year).filter((y): y is number => y !== null))].sort((a, b) => b - a);
  const streets = new Map<string, string>();
  for (const p of projects) if (p.street) streets.set(p.street.code, p.street.name);
  return {
    statuses, years,
    streets: [...streets].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
  };
}

// ---- drafts and the live layers

/**
 * The live features a scenario's drafts stand in for, by layer: an applied `update` draws the draft instead, an
 * applied `delete` removes it. A conflicting draft is not applied: its live feature stays.
 */
export function replacedLive(drafts: DraftFeature[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const d of drafts) {
    const s = d.scenario;
    if (s.op === 'create' || s.conflict || s.liveId === null) continue;
    out.set(s.layer, [...(out.get(s.layer) ?? []), s.liveId]);
  }
  return out;
}

/** The draft of a live feature in a scenario, if it has one. */
export function draftOfLive(drafts: DraftFeature[], layer: string, liveId: number): DraftFeature | undefined {
  return drafts.find((d) => d.scenario.layer === layer && d.scenario.liveId === liveId);
}

/** A draft's name for lists: its name, code or plot code, else its layer and id. */
export function draftLabel(d: DraftFeature): string {
  const p = d.properties ?? {};
  const name = p.name ?? p.project ?? p.plot_code ?? p.code ?? p.building_id;
  return name === undefined || name === null || name === '' ? `#${d.scenario.liveId ?? d.id}` : String(name);
}

// ---- comparison

/** The units a comparison is shown for, and the `unit` of the API that holds them. */
export type CompareUnitSet = CompareUnits;
export const COMPARE_UNIT_SETS: CompareUnitSet[] = ['barrier', 'levels', 'zones', 'streets', 'district'];

export function apiUnitOf(set: CompareUnitSet): MetricsUnit {
  return set === 'levels' ? 'barrier' : set;
}

/** Whether a unit of a comparison belongs to the set shown. */
export function inUnitSet(u: { unit: string }, set: CompareUnitSet): boolean {
  return u.unit === ({ zones: 'zone', levels: 'level', barrier: 'barrier', streets: 'street', district: 'district' } as const)[set];
}

/** An indicator of the comparison table and chart, with how to show its value and a difference. */
export interface CompareIndicator {
  key: 'blueGreenShare' | 'forestCover' | 'forestStockM3' | 'co2T' | 'pvCountShare' | 'farmlandMu';
  title: MessageKey;
  value(u: UnitMetrics): number | null;
  format(v: number): string;
  /** a difference to the live state, signed */
  delta(d: number): string;
  /** the kind of the figure: shares compare in percentage points */
  share: boolean;
}

const signed = (d: number, text: string) => `${d > 0 ? '+' : d < 0 ? '−' : '±'}${text}`;
// a scenario often moves a share by hundredths of a point: those are shown, not rounded to ±0.0
const shareDelta = (d: number) => signed(d, t('scenario.compare.points', { p: formatNumber(Math.abs(d) * 100, Math.abs(d) < 0.001 ? 2 : 1) }));

export const COMPARE_INDICATORS: CompareIndicator[] = [
  { key: 'blueGreenShare', title: 'indicator.blueGreenShare', value: (u) => u.blueGreenShare, format: (v) => formatPercent(v, 1), delta: shareDelta, share: true },
  { key: 'forestCover', title: 'indicator.forestCover', value: (u) => u.forestCover, format: (v) => formatPercent(v, 1), delta: shareDelta, share: true },
  { key: 'forestStockM3', title: 'indicator.forestStockM3', value: (u) => u.forestStockM3,
    format: (v) => `${formatNumber(v, 0)} ${t('unit.m3')}`, delta: (d) => signed(d, `${formatNumber(Math.abs(d), 0)} ${t('unit.m3')}`), share: false },
  { key: 'co2T', title: 'scenario.indicator.co2T', value: (u) => u.co2T ?? null,
    format: (v) => `${formatNumber(v, 0)} ${t('unit.tco2')}`, delta: (d) => signed(d, `${formatNumber(Math.abs(d), 0)} ${t('unit.tco2')}`), share: false },
  { key: 'pvCountShare', title: 'indicator.pvCountShare', value: (u) => u.pvCountShare, format: (v) => formatPercent(v, 1), delta: shareDelta, share: true },
  { key: 'farmlandMu', title: 'indicator.farmlandMu', value: (u) => u.farmlandMu,
    format: (v) => `${formatNumber(v, 0)} ${t('unit.mu')}`, delta: (d) => signed(d, `${formatNumber(Math.abs(d), 0)} ${t('unit.mu')}`), share: false },
];

export const compareIndicator = (key: string | null | undefined): CompareIndicator =>
  COMPARE_INDICATORS.find((i) => i.key === key) ?? COMPARE_INDICATORS[0];

/** One cell of the comparison table: a column's figure for a unit and indicator. */
export interface CompareCell {
  value: number | null;
  text: string;
  /** the difference to the live state (the first column), or null for the live column itself or when unchanged */
  delta: string | null;
  /** the gap to the target set on this unit for this indicator, if there is one */
  gap: { kind: 'missing' | 'exceeded' | 'exact'; text: string } | null;
  /** the target's status (for the column's year) */
  status: string | null;
}

export interface CompareRow {
  indicator: CompareIndicator;
  cells: CompareCell[];
}

export interface CompareGroup {
  unit: CompareUnit;
  rows: CompareRow[];
}

/** The indicator of a target in the comparison (the plan sets farmland in 亩, stock in m³, the others as shares). */
const TARGET_OF: Record<CompareIndicator['key'], string> = {
  blueGreenShare: 'blueGreenShare', forestCover: 'forestCover', forestStockM3: 'forestStockM3', co2T: '',
  pvCountShare: 'pvCountShare', farmlandMu: 'farmlandMu',
};

/**
 * The comparison as a table: per unit of the set, one row per indicator, one cell per column (现状 first), each with
 * its difference to the live state and, where the plan sets a target on the unit, the gap for that column's year.
 * Indicators no column has a value for (PV where there are no eligible roofs) are left out.
 */
export function compareTable(c: Comparison, set: CompareUnitSet, indicators = COMPARE_INDICATORS): CompareGroup[] {
  const live = Math.max(0, c.columns.findIndex((col) => col.key === 'live'));
  return c.units.filter((u) => inUnitSet(u, set)).map((unit) => ({
    unit,
    rows: indicators.map((indicator) => {
      const values = unit.figures.map((f) => (f ? indicator.value(f) : null));
      const cells = unit.figures.map((f, i): CompareCell => {
        const v = values[i];
        const base = values[live];
        const d = v !== null && base !== null && i !== live ? v - base : null;
        const target = f?.targets.find((tg) => tg.indicator === TARGET_OF[indicator.key]);
        return {
          value: v, text: v === null ? '—' : indicator.format(v),
          delta: d === null || Math.abs(d) < (indicator.share ? 5e-5 : 0.5) ? null : indicator.delta(d),
          gap: target ? formatGap(target.gap) : null, status: target?.status ?? null,
        };
      });
      return { indicator, cells };
    }).filter((r) => r.cells.some((c2) => c2.value !== null)),
  }));
}

/** A column's heading: 现状, or the scenario's name with its year. */
export function columnTitle(col: CompareColumn): string {
  return col.key === 'live' ? t('scenario.live') : t('scenario.nameYear', { name: col.name, year: col.year });
}

// ---- colours

/** The colours of the scenarios in a comparison (chart series, map layer), in the order chosen; 现状 is grey. */
export const SCENARIO_COLORS = ['#4527a0', '#00838f', '#c2185b', '#f9a825', '#37474f', '#6d4c41'];
export const LIVE_COLOR = '#78909c';

export function scenarioColor(index: number): string {
  return SCENARIO_COLORS[index % SCENARIO_COLORS.length];
}

/** The scenario chosen for the URL's id among those readable (null when it is not one of them). */
export function chosenScenario(list: Scenario[], id: number | null): Scenario | null {
  return id === null ? null : list.find((s) => s.id === id) ?? null;
}
