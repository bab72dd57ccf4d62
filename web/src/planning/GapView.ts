import L from 'leaflet';
import { api, ApiError } from '../api/client';
import type { Scenario } from '../api/scenarios';
import type { UnitMetrics } from '../api/types';
import {
  CANDIDATE_INDICATORS, candidatesUrl, where, type CandidateAnswer, type CandidateFeatureCollection, type CandidateIndicator,
} from '../api/where';
import { h } from '../app/dom';
import type { LegendSection } from '../map/LegendControl';
import { formatNumber, t, type MessageKey } from '../i18n';
import { unitName } from '../indicators/indicators';
import {
  candidateFromText, closingSummary, gapQuery, gapText, layerTitle, parseUnitKey, targetFromText, targetText, unitKey,
  type GapViewState,
} from './where';
import { setLegend, setStyle } from './setLayer';

/** What the gap view needs from the scenario tab. */
export interface GapHost {
  map: L.Map;
  /** the chosen scenario (its id goes into every request), or null: the live state */
  current(): Scenario | null;
  /** the scenarios the account may read (the targets of "加入情景" are those it may edit) */
  scenarios(): Scenario[];
  /** whether the account may create scenarios (ADMIN, EDITOR) */
  mayCreate(): boolean;
  notify(message: string, kind: 'info' | 'error'): void;
  /** the candidates were added to a scenario as drafts: the tab chooses that scenario */
  draftsAdded(scenario: Scenario): Promise<void>;
  /** the candidates' layer came or went: the legend follows */
  legendChanged(): void;
}

const PANE = 'cm-where-candidates';
const Z = 413;

/**
 * 差距与候选: a unit's gap to its blue-green, forest or high-standard farmland target, the candidate sites ranked by the area they add, the
 * set that closes the gap (highlighted on the map), its exports, and "加入情景" (the set as drafts of a scenario).
 */
export class GapView {
  readonly element = h('div', { class: 'cm-where-gap', 'data-testid': 'where-gap' });
  private units: UnitMetrics[] | null = null;
  private unit: string | null = null;
  private code: string | null = null;
  private indicator: CandidateIndicator = 'blueGreenShare';
  private answer: CandidateAnswer | null = null;
  private error: string | null = null;
  private loading = false;
  private layer: L.GeoJSON | null = null;
  private active = false;
  private controller: AbortController | null = null;
  private target: string = 'new';
  /** the query of the shown answer (`candidatesUrl`), so that showing the view again does not fetch again */
  private loadedKey: string | null = null;
  private busy = false;

  constructor(private readonly host: GapHost) {}

  private state(): GapViewState {
    return { unit: this.unit, code: this.code, indicator: this.indicator, scenario: this.host.current()?.id ?? null };
  }

  async show(): Promise<void> {
    this.active = true;
    if (!this.host.map.getPane(PANE)) this.host.map.createPane(PANE).style.zIndex = String(Z);
    if (!this.units) {
      try {
        this.units = await api.metrics('all');
      } catch (e) {
        this.units = [];
        this.error = e instanceof ApiError ? e.detail : String(e);
      }
    }
    if (!this.active) return;
    const q = gapQuery(this.state());
    if (q && this.answer && this.layer && this.loadedKey === candidatesUrl(q)) {
      this.layer.addTo(this.host.map);
      this.host.legendChanged();
      this.render();
      return;
    }
    await this.refresh();
  }

  hide(): void {
    this.active = false;
    this.controller?.abort();
    this.layer?.remove();
    this.host.legendChanged();
  }

  /** The legend of the candidates on the map: the closing set and the other candidates. */
  legend(): LegendSection | null {
    if (!this.active || !this.layer || !this.host.map.hasLayer(this.layer)) return null;
    return setLegend(t('where.legend.title'), t('where.legend.closing'), t('where.legend.other'));
  }

  /** The chosen scenario's drafts changed: the answer is fetched again when shown. */
  invalidate(): void {
    this.loadedKey = null;
  }

  /** Chooses the unit (e.g. the one chosen on the indicators tab): fetched now if the view is shown. */
  choose(unit: string, code: string): void {
    if (unit === this.unit && code === this.code) return;
    this.unit = unit;
    this.code = code;
    if (this.active) void this.refresh();
    else this.loadedKey = null;
  }

  private async refresh(): Promise<void> {
    const q = gapQuery(this.state());
    this.controller?.abort();
    this.layer?.remove();
    this.layer = null;
    this.answer = null;
    this.loadedKey = null;
    if (!q) {
      this.render();
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    this.error = null;
    this.render();
    try {
      const [answer, features] = await Promise.all([
        where.candidates(q, controller.signal), where.candidatesGeojson(q, controller.signal)]);
      if (controller.signal.aborted) return;
      this.answer = answer;
      this.loadedKey = candidatesUrl(q);
      this.drawMap(features);
    } catch (e) {
      if (controller.signal.aborted) return;
      this.error = e instanceof ApiError ? e.detail : String(e);
    } finally {
      if (this.controller === controller) this.loading = false;
    }
    this.render();
  }

  private drawMap(features: CandidateFeatureCollection): void {
    if (!this.active) return;
    this.layer = L.geoJSON(features as GeoJSON.FeatureCollection, {
      pane: PANE, interactive: false,
      style: (f) => setStyle(!!f?.properties?.inClosingSet),
      pointToLayer: (_f, latlng) => L.circleMarker(latlng, { pane: PANE, radius: 4 }),
    }).addTo(this.host.map);
    this.host.legendChanged();
  }

  private render(): void {
    const units = this.units ?? [];
    const picker = h('select', { 'data-testid': 'where-unit', 'aria-label': t('where.unit'), onchange: (ev: Event) => {
      const k = parseUnitKey((ev.target as HTMLSelectElement).value);
      this.unit = k?.unit ?? null;
      this.code = k?.code ?? null;
      void this.refresh();
    } }, h('option', { value: '' }, '—'), ...units.map((u) => h('option', {
      value: unitKey(u.unit, u.code), selected: u.unit === this.unit && u.code === this.code }, unitName(u))));
    const indicator = h('select', { 'data-testid': 'where-indicator', 'aria-label': t('where.indicator'), onchange: (ev: Event) => {
      this.indicator = (ev.target as HTMLSelectElement).value as CandidateIndicator;
      void this.refresh();
    } }, ...CANDIDATE_INDICATORS.map((i) => h('option', { value: i, selected: i === this.indicator },
      t(`where.indicator.${i}` as MessageKey))));
    const s = this.host.current();
    this.element.replaceChildren(
      h('div', { class: 'cm-form-row' }, h('label', {}, t('where.unit'), ' ', picker), ' ', h('label', {}, t('where.indicator'), ' ', indicator)),
      h('p', { class: 'cm-muted' }, s ? t('where.scenarioNote', { name: s.name, year: s.year }) : t('where.liveNote')),
      this.error ? h('p', { class: 'cm-form-error', role: 'alert' }, t('app.error', { detail: this.error })) : '',
      this.loading ? h('p', { class: 'cm-muted' }, t('app.loading')) : '',
      !this.unit && !this.loading ? h('p', { class: 'cm-scope-note' }, t('where.pickUnit')) : '',
      this.answer ? this.answerView(this.answer) : '');
  }

  private answerView(a: CandidateAnswer): HTMLElement {
    const q = gapQuery(this.state())!;
    const dl = h('dl', { class: 'cm-where-summary', 'data-testid': 'where-summary' },
      h('dt', {}, t('where.gapLabel')), h('dd', { 'data-testid': 'where-gap-text' }, gapText(a)),
      h('dt', {}, t('where.targetLabel')), h('dd', {}, targetText(a)),
      h('dt', {}, t('where.targetFromLabel')), h('dd', {}, targetFromText(a.targetFrom)),
      h('dt', {}, t('where.closingLabel')), h('dd', { 'data-testid': 'where-closing' }, closingSummary(a)));
    // a click on a row zooms to the site
    const rows = a.candidates.map((c) => h('tr', { class: c.inClosingSet ? 'cm-where-in-set' : '', 'data-id': `${c.layer}.${c.id}`,
      onclick: () => this.host.map.fitBounds([[c.bbox[1], c.bbox[0]], [c.bbox[3], c.bbox[2]]], { maxZoom: 17 }) },
      h('td', {}, c.rank), h('td', {}, layerTitle(c.layer)), h('td', {}, c.id), h('td', {}, candidateFromText(c.from)),
      h('td', { class: 'cm-num' }, formatNumber(c.addedM2 / 10_000, 2)),
      h('td', {}, c.inClosingSet ? '✓' : '')));
    const table = h('table', { class: 'cm-table', 'data-testid': 'where-candidates' },
      h('caption', {}, t('where.candidates', { n: formatNumber(a.candidateCount), shown: formatNumber(a.candidates.length) })),
      h('thead', {}, h('tr', {}, ...(['rank', 'layer', 'id', 'class', 'added'] as const).map((k) => h('th', {}, t(`where.col.${k}`))),
        h('th', {}, t('where.inSet')))),
      h('tbody', {}, ...rows));
    const exports = h('div', { class: 'cm-actions' },
      h('a', { href: candidatesUrl(q, 'xlsx'), download: '', 'data-testid': 'where-xlsx' }, t('where.export.xlsx')),
      ' ', h('a', { href: candidatesUrl(q, 'csv'), download: '', 'data-testid': 'where-csv' }, t('where.export.csv')));
    return h('div', {}, dl, exports, a.closingSet.count > 0 ? this.toScenarioForm(a) : '', table);
  }

  /** "加入情景": to one of the scenarios the account may edit, or to a new one (name, year). */
  private toScenarioForm(a: CandidateAnswer): HTMLElement | string {
    const editable = this.host.scenarios().filter((x) => x.canEdit);
    if (!editable.length && !this.host.mayCreate()) return '';
    const current = this.host.current();
    if (this.target === 'new' && !this.host.mayCreate() && editable.length) this.target = String(editable[0].id);
    if (this.target === 'new' && current?.canEdit) this.target = String(current.id);
    const name = h('input', { type: 'text', 'data-testid': 'where-new-name', 'aria-label': t('where.toScenario.name'),
      placeholder: t('where.toScenario.name') });
    const year = h('input', { type: 'number', 'data-testid': 'where-new-year', 'aria-label': t('where.toScenario.year'),
      value: String(a.targetYear ?? new Date().getFullYear() + 5), min: '2000', max: '2100', step: '1' });
    const fresh = h('span', { class: 'cm-where-new' }, name, ' ', year);
    fresh.hidden = this.target !== 'new';
    const select = h('select', { 'data-testid': 'where-target-scenario', 'aria-label': t('where.toScenario.which'), onchange: (ev: Event) => {
      this.target = (ev.target as HTMLSelectElement).value;
      fresh.hidden = this.target !== 'new';
    } },
    ...editable.map((x) => h('option', { value: String(x.id), selected: this.target === String(x.id) }, t('scenario.nameYear', { name: x.name, year: x.year }))),
    this.host.mayCreate() ? h('option', { value: 'new', selected: this.target === 'new' }, t('where.toScenario.new')) : '');
    const error = h('p', { class: 'cm-form-error', role: 'alert' });
    error.hidden = true;
    const button = h('button', { type: 'button', class: 'cm-button cm-primary', 'data-action': 'candidates-to-scenario', onclick: async () => {
      if (this.busy) return;
      const q = gapQuery(this.state());
      if (!q) return;
      let body;
      if (this.target === 'new') {
        if (!name.value.trim()) {
          error.textContent = t('where.toScenario.nameMissing');
          error.hidden = false;
          return;
        }
        body = { unit: q.unit, code: q.code, indicator: q.indicator, newScenario: { name: name.value.trim(), year: Number(year.value) } };
      } else body = { unit: q.unit, code: q.code, indicator: q.indicator, scenario: Number(this.target) };
      this.busy = true;
      button.disabled = true;
      try {
        const r = await where.toDrafts(body);
        this.host.notify(t('where.toScenario.done', { n: formatNumber(r.drafts.length), name: r.scenario.name }), 'info');
        this.target = String(r.scenario.id);
        await this.host.draftsAdded(r.scenario);
      } catch (e) {
        error.textContent = e instanceof ApiError ? e.detail : String(e);
        error.hidden = false;
      } finally {
        this.busy = false;
        button.disabled = false;
      }
    } }, t('where.toScenario'));
    return h('div', { class: 'cm-where-to-scenario' }, h('label', {}, t('where.toScenario.which'), ' ', select), ' ', fresh, ' ', button, error);
  }
}
