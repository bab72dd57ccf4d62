import type { TargetProgress, UnitMetrics } from '../api/types';
import { h } from '../app/dom';
import { formatPercent, pick, t } from '../i18n';
import { formatTarget, unitName } from '../indicators/indicators';

/** The units the plan sets targets on, in the order the cards show them: 生态屏障区, 一级管控区, 东丽区. */
const CARD_UNITS = [
  (u: UnitMetrics) => u.unit === 'barrier',
  (u: UnitMetrics) => u.unit === 'level' && u.code === 'L1',
  (u: UnitMetrics) => u.unit === 'district',
];

/** The plan's targets as cards: value now, target, progress bar, status (已达标 / 进展正常 / 滞后). */
export function targetCards(units: UnitMetrics[]): HTMLElement {
  const root = h('div', { class: 'cm-cards' });
  for (const match of CARD_UNITS) {
    const unit = units.find(match);
    if (!unit || unit.targets.length === 0) continue;
    root.append(h('div', { class: 'cm-card-group' }, h('h4', {}, unitName(unit)),
      ...unit.targets.map((tg) => card(unit, tg))));
  }
  return root;
}

function card(unit: UnitMetrics, tg: TargetProgress): HTMLElement {
  const progress = Math.max(0, Math.min(1, tg.progress ?? 0));
  const bar = h('div', { class: 'cm-progress' }, h('div', { class: `cm-progress-bar status-${tg.status}` }));
  (bar.firstChild as HTMLElement).style.width = `${(progress * 100).toFixed(1)}%`;
  return h('div', {
    class: `cm-card status-${tg.status}`, 'data-unit': unit.code, 'data-indicator': tg.indicator,
  },
  h('div', { class: 'cm-card-title' }, pick(tg.title)),
  h('div', { class: 'cm-card-figures' },
    h('span', { class: 'cm-card-value', 'data-testid': 'card-value' }, tg.value === null ? '—' : formatTarget(tg.indicator, tg.value)),
    h('span', { class: 'cm-card-target' }, t('dashboard.targetLine', { value: formatTarget(tg.indicator, tg.target), year: tg.year }))),
  bar,
  h('div', { class: 'cm-card-foot' },
    h('span', { class: `cm-status status-${tg.status}`, 'data-testid': 'card-status' }, t(`status.${tg.status}`)),
    h('span', {}, t('dashboard.progress', { p: formatPercent(tg.progress ?? 0, 0) })),
    h('span', { class: 'cm-muted' }, t('dashboard.office', { office: tg.office }))));
}
