import type { TargetProgress, UnitMetrics } from '../api/types';
import { h } from '../app/dom';
import { formatPercent, pick, t } from '../i18n';
import { formatTarget, unitName } from '../indicators/indicators';
import { formatGap, gapDelta } from '../scenario/gap';

/** The units the plan sets targets on, in the order the cards show them: 生态屏障区, 一级管控区, 东丽区. */
const CARD_UNITS = [
  (u: UnitMetrics) => u.unit === 'barrier',
  (u: UnitMetrics) => u.unit === 'level' && u.code === 'L1',
  (u: UnitMetrics) => u.unit === 'district',
];

/**
 * The plan's targets as cards: value, target, progress bar, status (已达标 / 进展正常 / 滞后) and the gap to the target
 * (缺口, or 超出). With `live` (the figures are a scenario's), each card also says where the live state stands.
 */
export function targetCards(units: UnitMetrics[], live: UnitMetrics[] | null = null): HTMLElement {
  const root = h('div', { class: 'cm-cards' });
  for (const match of CARD_UNITS) {
    const unit = units.find(match);
    if (!unit || unit.targets.length === 0) continue;
    const baseline = live?.find(match) ?? null;
    root.append(h('div', { class: 'cm-card-group' }, h('h4', {}, unitName(unit)),
      ...unit.targets.map((tg) => card(unit, tg, baseline?.targets.find((b) => b.indicator === tg.indicator) ?? null))));
  }
  return root;
}

function card(unit: UnitMetrics, tg: TargetProgress, live: TargetProgress | null): HTMLElement {
  const progress = Math.max(0, Math.min(1, tg.progress ?? 0));
  const bar = h('div', { class: 'cm-progress' }, h('div', { class: `cm-progress-bar status-${tg.status}` }));
  (bar.firstChild as HTMLElement).style.width = `${(progress * 100).toFixed(1)}%`;
  const gap = formatGap(tg.gap);
  const delta = live ? gapDelta(tg, live) : null;
  return h('div', {
    class: `cm-card status-${tg.status}`, 'data-unit': unit.code, 'data-indicator': tg.indicator,
    'data-value': tg.value === null ? '' : String(tg.value),
  },
  h('div', { class: 'cm-card-title' }, pick(tg.title)),
  h('div', { class: 'cm-card-figures' },
    h('span', { class: 'cm-card-value', 'data-testid': 'card-value' }, tg.value === null ? '—' : formatTarget(tg.indicator, tg.value)),
    h('span', { class: 'cm-card-target' }, t('dashboard.targetLine', { value: formatTarget(tg.indicator, tg.target), year: tg.year }))),
  bar,
  gap ? h('div', { class: `cm-gap cm-gap-${gap.kind}`, 'data-testid': 'card-gap' }, gap.text) : '',
  live ? h('div', { class: 'cm-card-live', 'data-testid': 'card-live' }, t('scenario.cardLive', {
    value: live.value === null ? '—' : formatTarget(live.indicator, live.value), status: t(`status.${live.status}`) }),
  delta ? h('span', { class: `cm-card-delta${delta.same ? ' cm-same' : ''}`, 'data-testid': 'card-delta' }, ` · ${delta.text}`) : '') : '',
  h('div', { class: 'cm-card-foot' },
    h('span', { class: `cm-status status-${tg.status}`, 'data-testid': 'card-status' }, t(`status.${tg.status}`)),
    h('span', {}, t('dashboard.progress', { p: formatPercent(tg.progress ?? 0, 0) })),
    h('span', { class: 'cm-muted' }, t('dashboard.office', { office: tg.office }))));
}
