import { ApiError } from '../api/client';
import type { Scenario } from '../api/scenarios';
import { PV_UNITS, pvPotentialUrl, where, type PvEnergyIndicator, type PvParameter, type PvPotential, type PvRow, type PvToTarget, type PvUnit } from '../api/where';
import { h } from '../app/dom';
import { formatNumber, formatPercent, lang, pick, t, type MessageKey } from '../i18n';
import { parameterErrors, shareText } from './where';

/** What the PV view needs from the scenario tab. */
export interface PvHost {
  current(): Scenario | null;
  /** whether the account may edit the parameters (ADMIN) */
  isAdmin(): boolean;
  notify(message: string, kind: 'info' | 'error'): void;
}

/**
 * 光伏潜力: per unit kind (streets, zones, the district) installed and potential rooftop PV, what it yields and saves,
 * the roofs without PV and the roofs needed for the target by count and by area; the parameters with their sources
 * (admins edit them); the plan's energy-1 and city-4 beside them.
 */
export class PvView {
  readonly element = h('div', { class: 'cm-where-pv', 'data-testid': 'where-pv' });
  private unit: PvUnit = 'streets';
  private answer: PvPotential | null = null;
  private error: string | null = null;
  private active = false;
  private controller: AbortController | null = null;
  /** the URL of the shown answer, so that showing the view again does not fetch again */
  private loadedKey: string | null = null;

  constructor(private readonly host: PvHost) {}

  async show(): Promise<void> {
    this.active = true;
    if (this.answer && this.loadedKey === pvPotentialUrl(this.unit, this.host.current()?.id ?? null)) {
      this.render();
      return;
    }
    await this.refresh();
  }

  hide(): void {
    this.active = false;
    this.controller?.abort();
  }

  /** The chosen scenario's drafts changed: fetched again when shown. */
  invalidate(): void {
    this.loadedKey = null;
  }

  private async refresh(): Promise<void> {
    if (!this.active) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.error = null;
    this.answer = null;
    this.loadedKey = null;
    this.render();
    try {
      const answer = await where.pvPotential(this.unit, this.host.current()?.id ?? null, controller.signal);
      if (controller.signal.aborted) return;
      this.answer = answer;
      this.loadedKey = pvPotentialUrl(this.unit, this.host.current()?.id ?? null);
    } catch (e) {
      if (controller.signal.aborted) return;
      this.error = e instanceof ApiError ? e.detail : String(e);
    }
    this.render();
  }

  private render(): void {
    const kinds = h('select', { 'data-testid': 'pv-unit', 'aria-label': t('where.pv.unitKind'), onchange: (ev: Event) => {
      this.unit = (ev.target as HTMLSelectElement).value as PvUnit;
      void this.refresh();
    } }, ...PV_UNITS.map((u) => h('option', { value: u, selected: u === this.unit }, t(`where.pv.units.${u}` as MessageKey))));
    const scenario = this.host.current()?.id ?? null;
    const a = this.answer;
    this.element.replaceChildren(
      h('div', { class: 'cm-form-row' }, h('label', {}, t('where.pv.unitKind'), ' ', kinds), ' ',
        h('a', { href: pvPotentialUrl(this.unit, scenario, 'xlsx'), download: '' }, t('where.export.xlsx')), ' ',
        h('a', { href: pvPotentialUrl(this.unit, scenario, 'csv'), download: '' }, t('where.export.csv'))),
      this.error ? h('p', { class: 'cm-form-error', role: 'alert' }, t('app.error', { detail: this.error })) : '',
      !a && !this.error ? h('p', { class: 'cm-muted' }, t('app.loading')) : '',
      a ? h('p', { class: 'cm-muted' }, t('where.pv.target', { share: formatPercent(a.target, 0) })) : '',
      a ? this.table(a.rows) : '',
      a ? this.energy(a.energy) : '',
      a ? this.parameters(a.parameters) : '');
  }

  private table(rows: PvRow[]): HTMLElement {
    const need = (x: PvToTarget) => x.reachable ? formatNumber(x.roofs) : t('where.pv.unreachable', { n: formatNumber(x.roofs) });
    const cols = ['name', 'installedKwp', 'potentialKwp', 'installedKwh', 'potentialKwh', 'co2', 'withoutPv', 'byCount', 'byArea'];
    return h('div', { class: 'cm-table-scroll' }, h('table', { class: 'cm-table cm-pv-table', 'data-testid': 'pv-table' },
      h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', {}, t(`where.pv.col.${c}` as MessageKey))))),
      h('tbody', {}, ...rows.map((r) => h('tr', { 'data-code': r.code },
        h('th', { scope: 'row' }, r.name),
        // one unit per column (named in its header), so that the rows compare at a glance
        h('td', { class: 'cm-num' }, formatNumber(r.installedKwp, 0)),
        h('td', { class: 'cm-num' }, formatNumber(r.potentialKwp, 0)),
        h('td', { class: 'cm-num' }, formatNumber(r.installedKwhPerYear / 1000, 1)),
        h('td', { class: 'cm-num' }, formatNumber(r.potentialKwhPerYear / 1000, 1)),
        h('td', { class: 'cm-num' }, formatNumber(r.co2AvoidedTPerYear, 1)),
        h('td', { class: 'cm-num' }, formatNumber(r.roofsWithoutPv)),
        h('td', { class: 'cm-num' }, need(r.toTarget.byCount)),
        h('td', { class: 'cm-num' }, need(r.toTarget.byArea)))))));
  }

  private energy(list: PvEnergyIndicator[]): HTMLElement {
    return h('section', { class: 'cm-where-energy', 'data-testid': 'pv-energy' }, h('h3', {}, t('where.pv.energy')),
      ...list.map((e) => {
        const f = e.figures;
        const now = e.id === 'energy-1' ? f.shareOfCapacityNow : f.shareOfBuildingEnergyNow;
        const potential = e.id === 'energy-1' ? f.shareOfCapacityAtPotential : f.shareOfBuildingEnergyAtPotential;
        return h('div', { class: 'cm-where-energy-item', 'data-indicator': e.id },
          h('strong', {}, `${e.id} ${pick(e.text)}`),
          e.target ? h('div', {}, `${t('where.targetLabel')}: ${e.target}`) : '',
          h('div', {}, e.entered ? t('where.pv.energy.entered', { value: e.entered.value, year: e.entered.year }) : t('where.pv.energy.noneEntered')),
          h('div', { 'data-share': 'now' }, `${t('where.pv.energy.now')}: ${shareText(now)}`),
          h('div', { 'data-share': 'atPotential' }, `${t('where.pv.energy.atPotential')}: ${shareText(potential)}`));
      }));
  }

  private parameters(list: PvParameter[]): HTMLElement {
    const admin = this.host.isAdmin();
    return h('section', { class: 'cm-where-params', 'data-testid': 'pv-parameters' }, h('h3', {}, t('where.pv.parameters')),
      h('table', { class: 'cm-table' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, t('where.pv.param.value')), h('th', {}, t('where.pv.param.source')), admin ? h('th', {}, '') : '')),
        h('tbody', {}, ...list.map((p) => admin ? this.editRow(p) : h('tr', { 'data-key': p.key },
          h('td', {}, lang() === 'zh' ? p.nameZh : p.nameEn || p.nameZh),
          h('td', { class: 'cm-num' }, p.value === null ? t('where.pv.notEntered') : `${p.value} ${p.unit}`),
          h('td', {}, p.source ?? ''))))));
  }

  private editRow(p: PvParameter): HTMLElement {
    const value = h('input', { type: 'text', inputmode: 'decimal', value: p.value === null ? '' : String(p.value),
      'aria-label': t('where.pv.param.value'), 'data-param': p.key, size: 8 });
    const source = h('input', { type: 'text', value: p.source ?? '', 'aria-label': t('where.pv.param.source'), 'data-param-source': p.key });
    const error = h('div', { class: 'cm-form-error', role: 'alert' });
    const name = lang() === 'zh' ? p.nameZh : p.nameEn || p.nameZh;
    const save = h('button', { type: 'button', 'data-action': 'save-pv-parameter', onclick: async () => {
      const problems = parameterErrors(p, value.value, source.value);
      error.textContent = problems.join(' ');
      if (problems.length) return;
      save.disabled = true;
      try {
        const v = value.value.trim();
        await where.savePvParameter(p.key, v === '' ? null : Number(v), source.value.trim());
        this.host.notify(t('where.pv.param.saved', { name }), 'info');
        await this.refresh();
      } catch (e) {
        // a 422 says why the server refused (out of range, no source): its detail is shown by the field
        error.textContent = e instanceof ApiError ? e.detail : String(e);
      } finally {
        save.disabled = false;
      }
    } }, t('where.pv.param.save'));
    return h('tr', { 'data-key': p.key },
      h('td', {}, name),
      h('td', {}, value, ' ', p.unit),
      h('td', {}, source, error),
      h('td', {}, save));
  }
}
