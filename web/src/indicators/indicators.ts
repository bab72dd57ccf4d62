import type { UnitMetrics } from '../api/types';
import { formatNumber, formatPercent, lang, t, type MessageKey } from '../i18n';

/** The indicators that can be mapped per unit and charted: the plan's spatial indicators. */
export type IndicatorKey = 'blueGreenShare' | 'forestCover' | 'stockPerHa' | 'pvCountShare' | 'farmlandMu';

export const INDICATOR_KEYS: IndicatorKey[] = ['blueGreenShare', 'forestCover', 'stockPerHa', 'pvCountShare', 'farmlandMu'];

export interface Indicator {
  key: IndicatorKey;
  /** its name in the dictionaries */
  title: MessageKey;
  /** the value of a unit, or null when it cannot be computed (no area, no eligible rooftop) */
  value(u: UnitMetrics): number | null;
  /** the value as text, with its unit */
  format(v: number): string;
  /** colours of the choropleth classes, light to dark */
  colors: string[];
  /** the plan target this indicator is measured against (the `indicator` of /api/metrics targets) */
  targetIndicator: string;
  /**
   * The target on this indicator's own scale, for a target set on `unit` (e.g. the barrier's 60,000 m³ of stock as
   * m³ per hectare of the barrier); null when the target is a total that no single unit's value compares to.
   */
  targetOnScale(target: number, unit: UnitMetrics): number | null;
}

const GREENS = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'];
const TEALS = ['#f0f9e8', '#bae4bc', '#7bccc4', '#43a2ca', '#0868ac'];
const BROWNS = ['#ffffd4', '#fed98e', '#fe9929', '#d95f0e', '#993404'];
const PURPLES = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'];
const GOLDS = ['#ffffe5', '#f7fcb9', '#d9f0a3', '#addd8e', '#41ab5d'];

const share = (v: number) => formatPercent(v, 1);

export const INDICATORS: Record<IndicatorKey, Indicator> = {
  blueGreenShare: {
    key: 'blueGreenShare', title: 'indicator.blueGreenShare', value: (u) => u.blueGreenShare, format: share,
    colors: TEALS, targetIndicator: 'blueGreenShare', targetOnScale: (target) => target,
  },
  forestCover: {
    key: 'forestCover', title: 'indicator.forestCover', value: (u) => u.forestCover, format: share,
    colors: GREENS, targetIndicator: 'forestCover', targetOnScale: (target) => target,
  },
  stockPerHa: {
    key: 'stockPerHa', title: 'indicator.stockPerHa', value: stockPerHa,
    format: (v) => `${formatNumber(v, 1)} ${t('unit.m3ha')}`, colors: BROWNS, targetIndicator: 'forestStockM3',
    // a stock target over a unit is, on average, that stock per hectare of the unit
    targetOnScale: (target, unit) => (unit.areaM2 > 0 ? target / (unit.areaM2 / 10_000) : null),
  },
  pvCountShare: {
    key: 'pvCountShare', title: 'indicator.pvCountShare', value: (u) => u.pvCountShare, format: share,
    colors: PURPLES, targetIndicator: 'pvCountShare', targetOnScale: (target) => target,
  },
  farmlandMu: {
    key: 'farmlandMu', title: 'indicator.farmlandMu', value: (u) => u.farmlandMu,
    format: (v) => `${formatNumber(v, 0)} ${t('unit.mu')}`, colors: GOLDS, targetIndicator: 'farmlandMu',
    // the district's total: no street or zone is expected to reach it alone
    targetOnScale: () => null,
  },
};

/** Forest stock per hectare of the unit's area, m³/ha (forestStockM3 / (areaM2 / 10,000)). */
export function stockPerHa(u: UnitMetrics): number | null {
  return u.areaM2 > 0 ? u.forestStockM3 / (u.areaM2 / 10_000) : null;
}

export function isIndicatorKey(s: string | null | undefined): s is IndicatorKey {
  return !!s && (INDICATOR_KEYS as string[]).includes(s);
}

/** A plan target as it bears on one indicator. */
export interface IndicatorTarget {
  /** the unit the plan sets it on (生态屏障区, 一级管控区, 东丽区) */
  unitName: string;
  /** the target as the plan states it (a share, m³, 亩) */
  target: number;
  /** the target on the indicator's scale, or null */
  onScale: number | null;
  year: number;
  /** the plan's target, formatted in its own unit */
  targetText: string;
  /** the unit's value now, formatted in the target's unit */
  currentText: string;
}

/**
 * A unit's name in the current language: the server's (Chinese) name, or in English the name of the plan's units
 * (生态屏障区, 一/二/三级管控区, 东丽区); streets and zones keep their proper names.
 */
export function unitName(u: Pick<UnitMetrics, 'unit' | 'code' | 'name'>): string {
  if (lang() === 'zh') return u.name;
  if (u.unit === 'barrier') return t('unitName.barrier');
  if (u.unit === 'district') return t('unitName.district');
  if (u.unit === 'level') return t('unitName.level', { n: u.code.replace(/^L/, '') });
  return u.name;
}

/** The plan's targets for an indicator, found on the units of a `/api/metrics?unit=all` answer. */
export function targetsOf(indicator: Indicator, units: UnitMetrics[]): IndicatorTarget[] {
  const out: IndicatorTarget[] = [];
  for (const u of units) {
    for (const tg of u.targets) {
      if (tg.indicator !== indicator.targetIndicator) continue;
      out.push({
        unitName: unitName(u), target: tg.target, onScale: indicator.targetOnScale(tg.target, u), year: tg.year,
        targetText: formatTarget(tg.indicator, tg.target),
        currentText: tg.value === null ? '—' : formatTarget(tg.indicator, tg.value),
      });
    }
  }
  return out;
}

/** A target in the unit the plan states it in. */
export function formatTarget(indicator: string, value: number): string {
  switch (indicator) {
    case 'forestStockM3': return `${formatNumber(value, 0)} ${t('unit.m3')}`;
    case 'farmlandMu': return `${formatNumber(value, 0)} ${t('unit.mu')}`;
    default: return formatPercent(value, 1);
  }
}

/** Class breaks: at most `n` equal intervals of a round width, from below the smallest to above the largest value. */
export function classBreaks(values: number[], n: number): number[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo === hi) return [lo, hi];
  let step = niceStep((hi - lo) / n);
  let min = Math.floor(lo / step) * step;
  let max = Math.ceil(hi / step) * step;
  while (Math.round((max - min) / step) > n) {
    step = niceStep(step * 1.01);
    min = Math.floor(lo / step) * step;
    max = Math.ceil(hi / step) * step;
  }
  const breaks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) breaks.push(Number(v.toPrecision(12)));
  return breaks;
}

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/** The colour of a value: the class it falls in, with as many colours as classes (the darkest ones). */
export function colorFor(value: number | null, breaks: number[], colors: string[]): string | null {
  if (value === null || breaks.length < 2) return value === null ? null : colors[colors.length - 1];
  const classes = breaks.length - 1;
  const palette = colors.slice(Math.max(0, colors.length - classes));
  for (let i = 0; i < classes; i++) {
    if (value <= breaks[i + 1] || i === classes - 1) return palette[Math.min(i, palette.length - 1)];
  }
  return palette[palette.length - 1];
}

/** One line per target of the plan for an indicator: where it is set, what it is, and where the unit stands now. */
export function targetLines(indicator: Indicator, units: UnitMetrics[]): string[] {
  return targetsOf(indicator, units).map((tg) => (tg.onScale !== null && indicator.key === 'stockPerHa'
    ? t('choropleth.targetEquivalent', { unit: tg.unitName, value: tg.targetText, per: indicator.format(tg.onScale) })
    : t('choropleth.targetFor', { unit: tg.unitName, value: tg.targetText, year: tg.year }))
    + t('choropleth.current', { value: tg.currentText }));
}
