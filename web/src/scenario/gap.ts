import type { TargetGap, TargetProgress } from '../api/types';
import { M2_PER_MU } from '../browser/projects';
import { formatNumber, t } from '../i18n';

// The gap to a target (缺口) in the units a planner uses: 公顷 and 亩 of area, m³ of stock, roofs with PV. Live
// figures and scenarios' figures carry it (issue 12); the dashboard's cards and the comparison show it.

/** Hectares and 亩 of an area in m². */
export function haMu(m2: number): string {
  const ha = m2 / 10_000;
  const mu = m2 / M2_PER_MU;
  return t('scenario.gap.area', { ha: formatNumber(ha, ha < 10 ? 2 : 1), mu: formatNumber(mu, mu < 10 ? 1 : 0) });
}

/** An amount of a gap in its unit: 公顷 and 亩 for areas, m³ for stock, 个屋顶 for PV roofs. */
export function gapAmount(unit: TargetGap['unit'], amount: number): string {
  switch (unit) {
    case 'm2': return haMu(amount);
    case 'm3': return `${formatNumber(amount, 0)} ${t('unit.m3')}`;
    case 'roofs': return t('scenario.gap.roofs', { n: formatNumber(Math.ceil(amount - 1e-9), 0) });
  }
}

/**
 * What a target's gap says: "缺口 12.30 公顷（184 亩）", "超出 5,000 m³", or "恰好达标" when neither; null without a gap
 * (a server before issue 12).
 */
export function formatGap(gap: TargetGap | undefined | null): { kind: 'missing' | 'exceeded' | 'exact'; text: string } | null {
  if (!gap) return null;
  if (gap.missing > 0) return { kind: 'missing', text: t('scenario.gap.missing', { amount: gapAmount(gap.unit, gap.missing) }) };
  if (gap.exceeded > 0) return { kind: 'exceeded', text: t('scenario.gap.exceeded', { amount: gapAmount(gap.unit, gap.exceeded) }) };
  return { kind: 'exact', text: t('scenario.gap.exact') };
}


/**
 * What a scenario changes on a target compared with the live state, in the gap's unit ("较现状 +3.0 公顷（45 亩）"):
 * the live figure's distance to the target minus the scenario's. Null without gaps or when they are the same.
 */
export function gapDelta(scenario: TargetProgress, live: TargetProgress): { text: string; same: boolean } | null {
  const a = scenario.gap;
  const b = live.gap;
  if (!a || !b || a.unit !== b.unit) return null;
  const d = (b.missing - b.exceeded) - (a.missing - a.exceeded);
  if (Math.abs(d) < (a.unit === 'roofs' ? 0.5 : 1)) return { text: t('scenario.delta.same'), same: true };
  return { text: t(d > 0 ? 'scenario.delta.more' : 'scenario.delta.less', { amount: gapAmount(a.unit, Math.abs(d)) }), same: false };
}
