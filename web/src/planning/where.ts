import type { CandidateAnswer, CandidateFrom, CandidateIndicator, CandidateQuery, PvParameter, PvUnit, TargetFrom } from '../api/where';
import { formatNumber, formatPercent, lang, t, valueName, type MessageKey } from '../i18n';
import { haMu } from '../scenario/gap';

// The pure parts of the "where to act" views (差距与候选, 光伏潜力): their state as queries, the numbers in the
// planners' units, the closing set's summary and the checks of the PV parameter form. No DOM here (unit-tested).

/** What the gap view shows: a unit (of `/api/metrics`), an indicator, and the chosen scenario or none. */
export interface GapViewState {
  unit: string | null;
  code: string | null;
  indicator: CandidateIndicator;
  scenario: number | null;
}

/** The candidates' query of a view state, or null while no unit is picked. */
export function gapQuery(s: GapViewState): CandidateQuery | null {
  if (!s.unit || !s.code) return null;
  return { unit: s.unit, code: s.code, indicator: s.indicator, scenario: s.scenario };
}

/** The value of a unit picker's option (`street:120110001`) and back. */
export function unitKey(unit: string, code: string): string {
  return `${unit}:${code}`;
}

export function parseUnitKey(key: string): { unit: string; code: string } | null {
  const i = key.indexOf(':');
  if (i <= 0 || i === key.length - 1) return null;
  return { unit: key.slice(0, i), code: key.slice(i + 1) };
}

/** An area in m² as 公顷 only, two decimals ("12.35 公顷"). */
export function formatHa(m2: number): string {
  return `${formatNumber(m2 / 10_000, 2)}\u00a0${t('unit.ha')}`;
}

/** The gap of a candidate answer: "缺口 …公顷（…亩）", or "已达标" when there is none. */
export function gapText(a: Pick<CandidateAnswer, 'gapM2'>): string {
  return a.gapM2 > 0 ? t('scenario.gap.missing', { amount: haMu(a.gapM2) }) : t('where.gap.none');
}

/** Where the target comes from, in words. */
export function targetFromText(from: TargetFrom | null): string {
  return from ? t(`where.targetFrom.${from}` as MessageKey) : t('where.targetFrom.none');
}

/** The target as a share (or 亩 of farmland) with its year, or "无目标". */
export function targetText(a: Pick<CandidateAnswer, 'target' | 'targetYear'> & Partial<Pick<CandidateAnswer, 'targetUnit'>>): string {
  if (a.target === null || a.target === undefined) return t('where.target.none');
  const v = a.targetUnit === 'mu' ? `${formatNumber(a.target)}\u00a0${t('unit.mu')}` : formatPercent(a.target, 1);
  return a.targetYear ? t('where.target.year', { value: v, year: a.targetYear }) : v;
}

/** What a candidate is now, in words: "裸地", "规划" (a project's status), "郁闭度 0.10". */
export function candidateFromText(from: CandidateFrom): string {
  if (from.attribute === 'canopy_closure') {
    return t('where.from.canopy', { value: typeof from.value === 'number' ? formatNumber(from.value, 2) : String(from.value ?? '') });
  }
  return valueName(from.attribute, from.value, lang());
}

/** A candidate's layer by its title ("土地覆盖"). */
export function layerTitle(layer: string): string {
  return valueName('layer', layer, lang());
}

/**
 * The closing set in one sentence: how many sites, what they add and whether that closes the gap ("3 处候选地块新增
 * 1.20 公顷，可补齐缺口" / "…，仍差 0.40 公顷"; with 亩 for farmland); "无需补齐" without a gap, "没有候选地块" without sites.
 */
export function closingSummary(a: Pick<CandidateAnswer, 'gapM2' | 'closingSet'> & Partial<Pick<CandidateAnswer, 'indicator'>>): string {
  const c = a.closingSet;
  if (a.gapM2 <= 0) return t('where.closing.noGap');
  if (c.count === 0) return t('where.closing.empty');
  // farmland is planned in 亩: its areas with 亩 beside the 公顷
  const area = a.indicator === 'farmlandMu' ? haMu : formatHa;
  const head = t('where.closing.head', { n: formatNumber(c.count), added: area(c.addedM2) });
  return c.closesGap ? t('where.closing.closes', { head })
    : t('where.closing.short', { head, remaining: area(c.remainingGapM2) });
}

/** The PV view's unit kinds in the order of the picker. */
export const PV_UNIT_ORDER: PvUnit[] = ['streets', 'zones', 'district'];

/** A share of energy-1 or city-4, or "未录入" when the district total it is measured against was not entered. */
export function shareText(share: number | null | undefined): string {
  return share === null || share === undefined ? t('where.pv.notEntered') : formatPercent(share, 1);
}

/** The PV parameter form's checks, as the server's: a number within [min, max] (empty only if optional), a source. */
export function parameterErrors(p: Pick<PvParameter, 'min' | 'max' | 'optional'>, value: string, source: string): string[] {
  const out: string[] = [];
  const v = value.trim();
  if (v === '') {
    if (!p.optional) out.push(t('where.param.required'));
  } else {
    const n = Number(v);
    if (!Number.isFinite(n)) out.push(t('where.param.notNumber'));
    else if ((p.min !== null && n < p.min) || (p.max !== null && n > p.max)) {
      out.push(p.min !== null && p.max !== null ? t('where.param.range', { min: String(p.min), max: String(p.max) })
        : p.min !== null ? t('where.param.min', { min: String(p.min) }) : t('where.param.max', { max: String(p.max) }));
    }
  }
  if (source.trim() === '') out.push(t('where.param.source'));
  return out;
}
