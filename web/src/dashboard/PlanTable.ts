import type { PlanIndicator } from '../api/types';
import { h } from '../app/dom';
import { pick, t } from '../i18n';

/** The plan annex's non-spatial indicators with their 责任单位, target and latest entered value. */
export function planTable(indicators: PlanIndicator[] | null): HTMLElement {
  if (!indicators) return h('p', { class: 'cm-muted' }, t('dashboard.plan.unavailable'));
  return h('table', { class: 'cm-plan-table', 'data-testid': 'plan-table' },
    h('thead', {}, h('tr', {},
      h('th', {}, t('dashboard.plan.text')), h('th', {}, t('dashboard.plan.office')),
      h('th', {}, t('dashboard.plan.target')), h('th', {}, t('dashboard.plan.latest')))),
    h('tbody', {}, ...indicators.map((p) => h('tr', { 'data-id': p.id },
      h('td', {}, h('small', { class: 'cm-muted' }, pick(p.category)), h('br'), pick(p.text)),
      h('td', {}, p.office),
      h('td', {}, p.target),
      h('td', {}, p.latest
        ? t('dashboard.plan.value', { value: String(p.latest.value), year: p.latest.year })
        : h('span', { class: 'cm-muted' }, t('dashboard.plan.none')))))));
}
