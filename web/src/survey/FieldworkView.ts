import L from 'leaflet';
import { api, ApiError } from '../api/client';
import { edits, type Versioned } from '../api/edits';
import { survey, type Season, type SeasonPlot, type SeasonProgress } from '../api/survey';
import type { AttributeInfo, Feature, LayerInfo } from '../api/types';
import { h } from '../app/dom';
import type { SessionStore } from '../auth/SessionStore';
import { AttributeForm } from '../edit/AttributeForm';
import type { FieldError } from '../edit/schema';
import { formatNumber, formatPercent, lang, t, valueName } from '../i18n';
import type { CarbonTable } from './CarbonTable';
import { carbonOf, fieldProblems, filterPlots, share, streetsToDo, SURVEY_FORM_ATTRIBUTES, type SurveyState } from './survey';
import { SurveyPlotsLayer } from './SurveyPlotsLayer';

export interface FieldworkHost {
  map: L.Map;
  session: SessionStore;
  layerInfo: () => LayerInfo | undefined;
  carbon: CarbonTable;
  /** after a saved plot: the layers and the indicators are fetched again */
  committed: (layers: string[]) => Promise<void>;
  notify: (message: string, kind: 'error' | 'info') => void;
  /** the legend changed (the survey plots were drawn or removed) */
  legendChanged: () => void;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The surveyors' work in the open season (外业调查), made for a tablet: the season's progress per street, the plots
 * filtered by survey state and street (a list, and on the map orange to do / green done), and for the chosen plot a
 * form of its survey attributes — stock, canopy closure, species, planted year, survey date — with the server's
 * verdict under the fields, "save", "save and mark surveyed" and "mark surveyed".
 */
export class FieldworkView {
  readonly element = h('div', { class: 'cm-fieldwork', 'data-testid': 'fieldwork' });
  readonly layer = new SurveyPlotsLayer({ pane: 'cm-survey-plots', zIndex: 410 });
  private season: Season | null = null;
  private plots: SeasonPlot[] = [];
  private progress: SeasonProgress | null = null;
  private features: Feature[] = [];
  private state: SurveyState = 'pending';
  private street: string | null = null;
  private selected: { plot: SeasonPlot; feature: Versioned | null; form: AttributeForm | null } | null = null;
  private message: { kind: 'error' | 'info'; text: string } | null = null;
  private busy = false;
  private loaded = false;

  constructor(private readonly host: FieldworkHost) {}

  /** The open season, or null (nothing to survey). */
  setSeason(season: Season | null): void {
    if (this.season?.code !== season?.code) {
      this.season = season;
      this.loaded = false;
      this.selected = null;
    }
  }

  /** Shows the view: loads the season's plots and progress (once, and again after every save). */
  async show(): Promise<void> {
    if (!this.host.map.hasLayer(this.layer)) this.layer.addTo(this.host.map);
    this.host.legendChanged();
    if (!this.loaded) {
      const scoped = this.host.session.user()?.street?.code ?? null;
      if (scoped && this.street === null) this.street = scoped;
      await this.reload(true);
    } else {
      this.render();
    }
  }

  hide(): void {
    this.layer.remove();
    this.host.legendChanged();
  }

  isShown(): boolean {
    return this.host.map.hasLayer(this.layer);
  }

  private canSurvey(): boolean {
    return this.host.session.scopeOf('forest_plots') !== 'none';
  }

  private async reload(withFeatures: boolean): Promise<void> {
    if (!this.season) {
      this.plots = [];
      this.progress = null;
      this.layer.setPlots([], new Set());
      this.render();
      return;
    }
    const code = this.season.code;
    try {
      const [plots, progress, features] = await Promise.all([
        survey.plots(code), survey.progress(code),
        withFeatures ? api.allFeatures('forest_plots', { simplify: 0.5, precision: 7 }) : Promise.resolve(this.features),
      ]);
      this.plots = plots;
      this.progress = progress;
      this.features = features;
      this.loaded = true;
      this.layer.setPlots(features, new Set(plots.filter((p) => p.surveyed).map((p) => p.id)));
      if (this.selected) this.selected.plot = plots.find((p) => p.id === this.selected!.plot.id) ?? this.selected.plot;
    } catch (e) {
      this.message = { kind: 'error', text: e instanceof ApiError ? e.detail : String(e) };
    }
    this.render();
  }

  /** A plot the map was clicked on: chosen, as from the list. */
  onMapClick(latlng: L.LatLng): boolean {
    if (!this.isShown()) return false;
    const f = this.layer.plotAt(latlng);
    const plot = f && this.plots.find((p) => p.id === f.id);
    if (!plot) return false;
    void this.select(plot, false);
    return true;
  }

  render(): void {
    if (!this.season) {
      this.element.replaceChildren(h('p', { class: 'cm-muted', 'data-testid': 'no-open-season' }, t('survey.field.noOpenSeason')));
      return;
    }
    const visible = filterPlots(this.plots, this.state, this.street);
    this.layer.filter(new Set(visible.map((p) => p.id)));
    this.element.replaceChildren(
      this.messageBox(),
      this.selected ? this.plotView() : h('div', {}, this.progressView(), this.filterView(), this.listView(visible)),
    );
  }

  private messageBox(): HTMLElement | string {
    if (!this.message) return '';
    return h('div', { class: `cm-survey-message cm-survey-${this.message.kind}`, role: this.message.kind === 'error' ? 'alert' : 'status',
      'data-testid': 'survey-message' }, this.message.text);
  }

  private progressView(): HTMLElement {
    const p = this.progress;
    if (!p) return h('div', {});
    const bar = (s: number) => h('span', { class: 'cm-bar' }, h('span', { class: 'cm-bar-fill', style: `width:${(s * 100).toFixed(1)}%` }));
    return h('div', { class: 'cm-survey-progress', 'data-testid': 'survey-progress' },
      h('h3', {}, t('survey.field.progress', { season: this.season!.name })),
      h('div', { class: 'cm-progress-total' }, bar(share(p)),
        h('span', { 'data-testid': 'progress-total' }, t('survey.field.progressCount', { done: p.surveyed, all: p.plots, pct: formatPercent(share(p), 1) }))),
      h('ul', { class: 'cm-street-progress' }, ...streetsToDo(p).map((s) => h('li', {},
        h('button', { type: 'button', class: `cm-street-row${this.street === s.code ? ' active' : ''}`, 'data-street': s.code,
          onclick: () => { this.street = this.street === s.code ? null : s.code; this.render(); } },
          h('span', { class: 'cm-street-name' }, s.name), bar(share(s)),
          h('span', { class: 'cm-street-count' }, `${s.surveyed}/${s.plots}`))))),
    );
  }

  private filterView(): HTMLElement {
    const count = (state: SurveyState) => filterPlots(this.plots, state, this.street).length;
    const streets = this.progress?.streets.filter((s) => s.plots > 0) ?? [];
    return h('div', { class: 'cm-survey-filters' },
      h('div', { class: 'cm-segmented', role: 'radiogroup', 'aria-label': t('survey.field.state') },
        ...(['pending', 'surveyed', 'all'] as SurveyState[]).map((s) => h('button', {
          type: 'button', role: 'radio', 'aria-checked': String(this.state === s), 'data-state': s,
          class: this.state === s ? 'active' : '', onclick: () => { this.state = s; this.render(); },
        }, `${t(`survey.field.state.${s}`)} (${count(s)})`))),
      h('label', { class: 'cm-field' }, h('span', {}, t('survey.field.street')),
        h('select', { id: 'cm-survey-street', onchange: (e: Event) => { this.street = (e.target as HTMLSelectElement).value || null; this.render(); } },
          h('option', { value: '' }, t('survey.field.allStreets')),
          ...streets.map((s) => h('option', { value: s.code, selected: this.street === s.code }, s.name)))),
    );
  }

  private listView(plots: SeasonPlot[]): HTMLElement {
    const streetName = (code: string | null) => this.progress?.streets.find((s) => s.code === code)?.name ?? '—';
    if (plots.length === 0) return h('p', { class: 'cm-muted', 'data-testid': 'plot-list-empty' }, t('survey.field.none'));
    return h('ul', { class: 'cm-plot-list', 'data-testid': 'plot-list' }, ...plots.map((p) => h('li', {},
      h('button', { type: 'button', class: 'cm-plot-row', 'data-plot': p.plot_code, 'data-id': p.id, onclick: () => void this.select(p, true) },
        h('span', { class: `cm-dot ${p.surveyed ? 'cm-dot-done' : 'cm-dot-todo'}` }),
        h('strong', {}, p.plot_code),
        h('span', {}, valueName('species', p.species, lang())),
        h('span', { class: 'cm-muted' }, streetName(p.street)),
        h('span', { class: 'cm-plot-state' }, p.surveyed ? t('survey.field.state.surveyed') : t('survey.field.state.pending'))))));
  }

  /** Chooses a plot: its outline on the map, its stored version in the form. */
  private async select(plot: SeasonPlot, zoom: boolean): Promise<void> {
    this.message = null;
    this.selected = { plot, feature: null, form: null };
    this.layer.select(plot.id);
    const b = this.layer.boundsOf(plot.id);
    if (zoom && b) this.host.map.fitBounds(b, { maxZoom: 16, padding: [40, 40] });
    this.render();
    try {
      const v = await edits.feature('forest_plots', plot.id);
      if (this.selected?.plot.id !== plot.id) return;
      this.selected.feature = v;
      this.selected.form = this.form(v, plot);
    } catch (e) {
      this.message = { kind: 'error', text: e instanceof ApiError ? e.detail : String(e) };
    }
    this.render();
  }

  private attributes(): AttributeInfo[] {
    const all = this.host.layerInfo()?.attributes ?? [];
    return SURVEY_FORM_ATTRIBUTES.map((n) => all.find((a) => a.name === n)).filter((a): a is AttributeInfo => !!a);
  }

  private form(v: Versioned, plot: SeasonPlot): AttributeForm {
    const editable = new Set(this.host.layerInfo()?.editing?.surveyAttributes ?? []);
    const form = new AttributeForm({
      layer: 'forest_plots', attributes: this.attributes(),
      editable: (name) => this.canSurvey() && editable.has(name),
      onChange: () => this.renderCarbon(),
    });
    form.setValues(v.feature.properties);
    // a plot not yet surveyed this season: today is the likely survey date
    const date = form.element.querySelector<HTMLInputElement>('#cm-attr-survey_date');
    if (!plot.surveyed && this.canSurvey() && date && !date.disabled && date.value !== today()) {
      date.value = today();
      form.markChanged(['survey_date']);
    }
    return form;
  }

  private carbonLine = h('p', { class: 'cm-plot-carbon', 'data-testid': 'plot-carbon' });

  private renderCarbon(): void {
    const form = this.selected?.form;
    if (!form) return;
    const raw = form.raw();
    const c = carbonOf(this.host.carbon.all(), raw.species, Number(raw.stock_m3));
    this.carbonLine.textContent = c ? t('survey.field.carbon', { c: formatNumber(c.c, 1), co2: formatNumber(c.co2, 1) }) : '';
  }

  private plotView(): HTMLElement {
    const s = this.selected!;
    const back = h('button', { type: 'button', class: 'cm-button cm-back', 'data-action': 'back',
      onclick: () => { this.selected = null; this.message = null; this.layer.select(null); this.render(); } }, `← ${t('survey.field.back')}`);
    const status = s.plot.surveyed
      ? t('survey.field.surveyedBy', { by: s.plot.surveyedBy ?? '—', at: (s.plot.surveyedAt ?? '').slice(0, 16).replace('T', ' ') })
      : t('survey.field.state.pending');
    const head = h('div', { class: 'cm-plot-head' }, back,
      h('h3', {}, t('survey.field.plot', { code: s.plot.plot_code })),
      h('span', { class: `cm-badge ${s.plot.surveyed ? 'cm-badge-done' : 'cm-badge-todo'}`, 'data-testid': 'plot-state' }, status));
    if (!s.form) return h('div', { class: 'cm-plot-view' }, head, h('p', { class: 'cm-muted' }, t('app.loading')));
    this.renderCarbon();
    const can = this.canSurvey();
    const actions = can ? h('div', { class: 'cm-form-actions cm-survey-actions' },
      h('button', { type: 'button', class: 'cm-button', 'data-action': 'save', disabled: this.busy, onclick: () => void this.save(false) }, t('survey.field.save')),
      h('button', { type: 'button', class: 'cm-button cm-primary', 'data-action': 'save-mark', disabled: this.busy, onclick: () => void this.save(true) },
        t('survey.field.saveAndMark'))) : h('p', { class: 'cm-muted' }, t('survey.field.signInToSurvey'));
    const markOnly = can && !s.plot.surveyed ? h('button', { type: 'button', class: 'cm-link', 'data-action': 'mark', disabled: this.busy,
      onclick: () => void this.mark() }, t('survey.field.markOnly')) : '';
    return h('div', { class: 'cm-plot-view', 'data-testid': 'plot-view' }, head, s.form.element, this.carbonLine, actions, markOnly);
  }

  /** Saves the survey attributes (a new version of the plot), then marks the plot surveyed if asked. */
  private async save(mark: boolean): Promise<void> {
    const s = this.selected;
    if (!s?.form || !s.feature || !this.season) return;
    const v = s.form.validate();
    if (Object.keys(v.errors).length) {
      this.message = { kind: 'error', text: t('survey.field.fixFields') };
      this.renderMessageOnly();
      return;
    }
    this.busy = true;
    this.render();
    let fields: Record<string, FieldError> | null = null;
    try {
      const saved = await edits.update('forest_plots', s.plot.id, s.feature.version, {
        type: 'Feature', geometry: s.feature.feature.geometry, properties: { ...s.feature.feature.properties, ...v.values },
      });
      s.feature = saved;
      if (mark) await survey.markSurveyed(this.season.code, s.plot.id);
      this.message = { kind: 'info', text: mark ? t('survey.field.savedMarked', { code: s.plot.plot_code }) : t('survey.field.saved', { code: s.plot.plot_code }) };
      const form = s.form;
      await this.reload(false);
      form.setValues(saved.feature.properties);
      await this.host.committed(['forest_plots']);
    } catch (e) {
      fields = this.refused(e);
    } finally {
      this.busy = false;
      this.render();
    }
    // after the view is drawn again: a field losing the focus there checks itself and would hide the server's word
    if (fields) s.form.showErrors(fields);
  }

  private async mark(): Promise<void> {
    const s = this.selected;
    if (!s || !this.season) return;
    this.busy = true;
    this.render();
    try {
      await survey.markSurveyed(this.season.code, s.plot.id);
      this.message = { kind: 'info', text: t('survey.field.marked', { code: s.plot.plot_code }) };
      await this.reload(false);
    } catch (e) {
      this.refused(e);
    } finally {
      this.busy = false;
      this.render();
    }
  }

  /**
   * The server's refusal: a newer version is reloaded, the rest is the message; returns the attribute problems to show
   * under their fields.
   */
  private refused(e: unknown): Record<string, FieldError> | null {
    const s = this.selected;
    if (!(e instanceof ApiError)) {
      this.message = { kind: 'error', text: String(e) };
      return null;
    }
    if (e.status === 422 && s?.form) {
      const { fields, other } = fieldProblems(this.attributes(), e.problem?.errors ?? []);
      this.message = { kind: 'error', text: other.length ? other.map((p) => p.reason).join('；') : t('survey.field.refused') };
      return fields;
    } else if (e.status === 409 && s) {
      this.message = { kind: 'error', text: t('survey.field.conflict') };
      void edits.feature('forest_plots', s.plot.id).then((v) => {
        if (this.selected !== s) return;
        s.feature = v;
        s.form?.setValues(v.feature.properties);
        this.render();
      });
    } else {
      this.message = { kind: 'error', text: t('app.error', { detail: e.detail }) };
    }
    return null;
  }

  private renderMessageOnly(): void {
    const old = this.element.querySelector('.cm-survey-message');
    const box = this.messageBox();
    if (old && typeof box !== 'string') old.replaceWith(box);
    else if (typeof box !== 'string') this.element.prepend(box);
  }
}
