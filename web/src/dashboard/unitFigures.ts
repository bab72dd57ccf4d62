import type { UnitMetrics } from '../api/types';
import { h } from '../app/dom';
import { formatNumber, formatPercent, t } from '../i18n';
import { stockPerHa, unitName } from '../indicators/indicators';

/** The figures of one unit (zone, street, barrier) as a small table: for the popup and the side panel. */
export function unitFigures(u: UnitMetrics): HTMLElement {
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, 1));
  const rows: [string, string][] = [
    [t('dashboard.area'), `${formatNumber(u.areaM2 / 10_000, 1)} ${t('unit.ha')}`],
    [t('indicator.blueGreenShare'), pct(u.blueGreenShare)],
    [t('indicator.forestCover'), pct(u.forestCover)],
    [t('indicator.forestStockM3'), `${formatNumber(u.forestStockM3, 0)} ${t('unit.m3')}`],
    [t('indicator.stockPerHa'), `${formatNumber(stockPerHa(u) ?? 0, 1)} ${t('unit.m3ha')}`],
    [t('indicator.pvCountShare'), `${pct(u.pvCountShare)} · ${t('dashboard.pvCount', { installed: u.pvInstalled, eligible: u.pvEligible })}`],
    [t('indicator.farmlandMu'), `${formatNumber(u.farmlandMu, 0)} ${t('unit.mu')}`],
  ];
  return h('div', { class: 'cm-unit-figures', 'data-unit': u.code },
    h('h3', {}, unitName(u)),
    h('table', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))));
}
