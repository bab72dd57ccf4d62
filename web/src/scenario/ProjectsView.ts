import L from 'leaflet';
import { api, ApiError } from '../api/client';
import { PROJECT_LAYERS, scenarios, type ProjectLayerName, type Scenario, type ScenarioProject } from '../api/scenarios';
import { h } from '../app/dom';
import { formatMu, statusName, typeName } from '../browser/projects';
import { formatNumber, t } from '../i18n';
import { OutlineOverlay } from '../layers/OutlineOverlay';
import { filterChoices, filterProjects, idsToSet, NO_FILTER, projectBasis, type ProjectFilter } from './scenario';

export interface ProjectsHost {
  map: L.Map;
  /** the scenario's settings changed (a tick): its figures are fetched again */
  changed(scenario: Scenario): Promise<void>;
  notify(message: string, kind: 'info' | 'error'): void;
}

const SELECTED_STYLE: L.PathOptions = { color: '#00bcd4', weight: 4, fill: true, fillColor: '#00bcd4', fillOpacity: 0.15 };

/**
 * The projects of a scenario (项目): every park and farmland project not done today, with a tick box saying whether
 * the scenario counts it as done — by its status rule, or by an explicit tick (and "back to the rule") — filtered by
 * type, status, year and street, "tick all shown" / "untick all shown". A click on a project zooms the map to it.
 */
export class ProjectsView {
  readonly element = h('div', { class: 'cm-scenario-projects', 'data-testid': 'scenario-projects' });
  private scenario: Scenario | null = null;
  private projects: ScenarioProject[] | null = null;
  private error: string | null = null;
  private filter: ProjectFilter = { ...NO_FILTER };
  private busy = false;
  private selected: string | null = null;
  private readonly outline = new OutlineOverlay({ pane: 'cm-scenario-selection', zIndex: 460 });
  private controller: AbortController | null = null;

  constructor(private readonly host: ProjectsHost) {}

  /** Shows the projects of a scenario (fetched again when it is another one, or `reload`). */
  async show(scenario: Scenario, reload = false): Promise<void> {
    const other = this.scenario?.id !== scenario.id;
    this.scenario = scenario;
    if (other) {
      this.projects = null;
      this.selected = null;
      this.outline.setOutlines([]);
    }
    this.render();
    if (other || reload || !this.projects) await this.load();
  }

  /** The tab or the view was left: the selected project's outline goes. */
  hide(): void {
    this.outline.remove();
  }

  private async load(): Promise<void> {
    const s = this.scenario;
    if (!s) return;
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    try {
      const lists = await Promise.all(PROJECT_LAYERS.map((layer) => scenarios.projects(s.id, layer, controller.signal)));
      if (controller.signal.aborted) return;
      this.projects = lists.flat();
      this.error = null;
    } catch (e) {
      if (controller.signal.aborted) return;
      this.error = e instanceof ApiError ? e.detail : String(e);
    }
    this.render();
  }

  /** Ticks, unticks or gives back to the rule some projects; the figures follow. */
  private async set(changes: Map<ProjectLayerName, number[]>, done: boolean | null): Promise<void> {
    const s = this.scenario;
    if (!s || this.busy || changes.size === 0) return;
    this.busy = true;
    this.render();
    try {
      let updated = s;
      for (const [layer, ids] of changes) updated = await scenarios.setProjects(s.id, layer, ids, done);
      this.scenario = updated;
      await this.load();
      await this.host.changed(updated);
    } catch (e) {
      this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private async zoomTo(p: ScenarioProject): Promise<void> {
    const key = `${p.layer}:${p.id}`;
    this.selected = key;
    const [x0, y0, x1, y1] = p.bbox;
    this.host.map.fitBounds([[y0, x0], [y1, x1]], { maxZoom: 16, padding: [40, 40] });
    this.markSelected();
    try {
      const f = await api.feature(p.layer, p.id);
      if (this.selected !== key) return;
      this.outline.setOutlines([{ geometry: f.geometry, style: SELECTED_STYLE, label: p.name, labelClass: 'cm-scenario-project-label' }]);
      if (!this.host.map.hasLayer(this.outline)) this.outline.addTo(this.host.map);
    } catch (e) {
      this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
    }
  }

  private markSelected(): void {
    for (const tr of this.element.querySelectorAll<HTMLElement>('tr[data-key]')) tr.classList.toggle('selected', tr.dataset.key === this.selected);
  }

  render(): void {
    const s = this.scenario;
    if (!s) {
      this.element.replaceChildren();
      return;
    }
    if (this.error) {
      this.element.replaceChildren(h('p', { class: 'cm-form-error', role: 'alert' }, t('app.error', { detail: this.error })));
      return;
    }
    if (!this.projects) {
      this.element.replaceChildren(h('p', { class: 'cm-muted' }, t('app.loading')));
      return;
    }
    const all = this.projects;
    const choices = filterChoices(this.filter.layer ? all.filter((p) => p.layer === this.filter.layer) : all);
    const shown = filterProjects(all, this.filter);
    const set = (patch: Partial<ProjectFilter>) => {
      this.filter = { ...this.filter, ...patch };
      this.render();
    };
    const select = (id: string, value: string, options: [string, string][], onChange: (v: string) => void) => h('select', {
      id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value),
    }, ...options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
    const filters = h('div', { class: 'cm-controls cm-scenario-filters' },
      h('label', { class: 'cm-field' }, h('span', {}, t('browser.type')), select('cm-sp-layer', this.filter.layer ?? '', [
        ['', t('browser.all')], ...PROJECT_LAYERS.map((l): [string, string] => [l, typeName(l)])],
      (v) => set({ layer: (v || null) as ProjectLayerName | null, status: null }))),
      h('label', { class: 'cm-field' }, h('span', {}, t('browser.status')), select('cm-sp-status', this.filter.status ?? '', [
        ['', t('browser.all')], ...choices.statuses.map((st): [string, string] => [st, statusName(st)])], (v) => set({ status: v || null }))),
      h('label', { class: 'cm-field' }, h('span', {}, t('browser.year')), select('cm-sp-year', this.filter.year, [
        ['', t('browser.all')], [`le:${s.year}`, t('scenario.projects.upTo', { year: s.year })],
        ...choices.years.map((y): [string, string] => [String(y), String(y)])], (v) => set({ year: v }))),
      h('label', { class: 'cm-field' }, h('span', {}, t('browser.street')), select('cm-sp-street', this.filter.street ?? '', [
        ['', t('browser.all')], ...choices.streets.map((st): [string, string] => [st.code, st.name])], (v) => set({ street: v || null }))));
    const counted = shown.filter((p) => p.done);
    const areaDone = counted.reduce((a, p) => a + p.areaM2, 0);
    const bulk = s.canEdit ? h('div', { class: 'cm-actions', 'data-testid': 'project-bulk' },
      h('button', { type: 'button', 'data-action': 'tick-shown', disabled: this.busy || shown.length === 0,
        onclick: () => void this.set(idsToSet(shown, true), true) }, t('scenario.projects.tickShown')),
      h('button', { type: 'button', 'data-action': 'untick-shown', disabled: this.busy || shown.length === 0,
        onclick: () => void this.set(idsToSet(shown, false), false) }, t('scenario.projects.untickShown')),
      h('button', { type: 'button', 'data-action': 'rule-shown', disabled: this.busy || !shown.some((p) => p.choice !== null),
        onclick: () => void this.set(idsToSet(shown, null), null) }, t('scenario.projects.ruleShown'))) : '';
    const rows = shown.map((p) => {
      const key = `${p.layer}:${p.id}`;
      const box = h('input', {
        type: 'checkbox', checked: p.done, disabled: !s.canEdit || this.busy, 'data-project': key,
        'aria-label': t('scenario.projects.countIt', { name: p.name }),
        onchange: (e: Event) => void this.set(new Map([[p.layer, [p.id]]]), (e.target as HTMLInputElement).checked),
      });
      return h('tr', { 'data-key': key, class: `${p.done ? 'cm-done' : ''}${this.selected === key ? ' selected' : ''}` },
        h('td', {}, box),
        h('td', { class: 'cm-project-title' },
          h('button', { type: 'button', class: 'cm-link', 'data-action': 'zoom', onclick: () => void this.zoomTo(p) }, p.name),
          h('small', { class: 'cm-muted' }, `${typeName(p.layer)}${p.street ? ` · ${p.street.name}` : ''}`)),
        h('td', {}, statusName(p.status), h('small', { class: 'cm-muted' }, p.year === null ? '' : String(p.year))),
        h('td', { class: 'num' }, formatMu(p.areaM2)),
        h('td', { class: 'cm-basis' }, h('span', { class: `cm-basis-${p.choice === null ? 'rule' : 'tick'}`, 'data-testid': 'basis', 'data-basis': p.choice === null ? 'rule' : 'tick',
          title: t(p.choice === null ? 'scenario.projects.basisHint.rule' : 'scenario.projects.basisHint.tick') }, t(projectBasis(p))),
          p.choice !== null && s.canEdit ? h('button', { type: 'button', class: 'cm-link', 'data-action': 'rule', disabled: this.busy,
            onclick: () => void this.set(new Map([[p.layer, [p.id]]]), null) }, t('scenario.projects.backToRule')) : ''));
    });
    this.element.replaceChildren(
      h('p', { class: 'cm-muted' }, t('scenario.projects.intro')),
      filters,
      h('p', { class: 'cm-muted', 'data-testid': 'project-summary' }, t('scenario.projects.summary', {
        n: formatNumber(shown.length), done: formatNumber(counted.length), mu: formatMu(areaDone) })),
      bulk,
      shown.length === 0 ? h('p', { class: 'cm-muted' }, t('browser.empty')) : h('div', { class: 'cm-table-scroll cm-scenario-project-list' },
        h('table', { class: 'cm-projects' },
          h('thead', {}, h('tr', {}, h('th', {}, t('scenario.projects.done')), h('th', {}, t('browser.col.title')),
            h('th', {}, t('browser.col.status')), h('th', { class: 'num' }, t('browser.col.area')), h('th', {}, t('scenario.projects.basis')))),
          h('tbody', {}, ...rows))),
    );
  }
}
