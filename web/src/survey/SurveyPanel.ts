import L from 'leaflet';
import { ApiError } from '../api/client';
import { reportUrl, survey, type Season, type SeasonChange, type SeriesPoint } from '../api/survey';
import type { LayerInfo, UnitMetrics } from '../api/types';
import { h } from '../app/dom';
import type { SurveyView, ViewStore } from '../app/ViewState';
import type { SessionStore } from '../auth/SessionStore';
import { formatNumber, formatPercent, onLangChange, t, type MessageKey } from '../i18n';
import type { LegendSection } from '../map/LegendControl';
import { CarbonTable } from './CarbonTable';
import { ChangeLayer } from './ChangeLayer';
import { FieldworkView } from './FieldworkView';
import { SeasonAdmin } from './SeasonAdmin';
import { pointLabel, SeriesChart } from './SeriesChart';
import {
  canopyChange, closedSeasons, openSeason, parseUnitRef, plotsBeyond, reportUnits, SERVER_CANOPY_THRESHOLD,
  SERVER_STOCK_THRESHOLD, stockChange, unitRef, viewedSeason,
} from './survey';

export interface SurveyHost {
  map: L.Map;
  store: ViewStore;
  session: SessionStore;
  infos: () => LayerInfo[];
  /** the indicators now (the units a series or report is made for) */
  metrics: () => UnitMetrics[];
  /** the seasons were fetched (again): the indicator tab's selector follows */
  seasonsLoaded: (seasons: Season[]) => void;
  /** after a write by the panel (a plot, a parameter): layers and indicators are fetched again */
  committed: (layers: string[]) => Promise<void>;
  notify: (message: string, kind: 'error' | 'info') => void;
  legendChanged: () => void;
}

const VIEWS: SurveyView[] = ['trend', 'change', 'carbon', 'field', 'manage'];

/**
 * The survey tab (调查): the survey season the indicators and the thematic map show (the live working copy or a
 * frozen season), a unit's time series across seasons with its reports, the forest gained and lost between two
 * seasons on the map, the carbon parameters, the surveyors' fieldwork and, for those who may, season management.
 */
export class SurveyPanel {
  readonly element = h('section', { class: 'cm-survey-panel' });
  private readonly change = new ChangeLayer({ pane: 'cm-survey-change', zIndex: 409 });
  private readonly chart = new SeriesChart();
  private readonly carbon: CarbonTable;
  private readonly fieldwork: FieldworkView;
  private readonly admin: SeasonAdmin;
  private seasons: Season[] = [];
  private unit: string | null = null;
  private series: SeriesPoint[] | null = null;
  private seriesError: string | null = null;
  private changeFrom: string | null = null;
  private changeTo: string | null = null;
  private changeUnits: 'zones' | 'streets' = 'streets';
  private changeResult: SeasonChange | null = null;
  private changeError: string | null = null;
  private stockThreshold = SERVER_STOCK_THRESHOLD;
  private canopyThreshold = SERVER_CANOPY_THRESHOLD;
  private active = false;

  constructor(private readonly host: SurveyHost) {
    this.carbon = new CarbonTable({
      canEdit: () => this.isManager(),
      saved: () => { void host.committed([]); this.series = null; if (this.view() === 'trend') void this.loadSeries(); },
    });
    this.fieldwork = new FieldworkView({
      map: host.map, session: host.session, layerInfo: () => host.infos().find((i) => i.name === 'forest_plots'),
      carbon: this.carbon, committed: (layers) => host.committed(layers), notify: host.notify, legendChanged: host.legendChanged,
    });
    this.admin = new SeasonAdmin({ changed: async () => { await this.loadSeasons(); }, notify: host.notify });
    onLangChange(() => this.render());
    host.session.subscribe(() => this.render());
  }

  /** Accounts that manage seasons and carbon parameters: admins and editors of all of forest plots. */
  private isManager(): boolean {
    return this.host.session.scopeOf('forest_plots') === 'all';
  }

  private view(): SurveyView {
    const v = this.host.store.get().survey;
    return v === 'manage' && !this.isManager() ? 'trend' : v;
  }

  /** The seasons, for the selector (also when the tab is not open: the indicators tab shows them too). */
  async loadSeasons(): Promise<Season[]> {
    try {
      this.seasons = await survey.seasons();
    } catch {
      this.seasons = [];
    }
    const closed = closedSeasons(this.seasons);
    if (!closed.some((s) => s.code === this.changeFrom)) this.changeFrom = closed.length > 1 ? closed[closed.length - 2].code : null;
    if (!closed.some((s) => s.code === this.changeTo)) this.changeTo = closed.length > 0 ? closed[closed.length - 1].code : null;
    this.fieldwork.setSeason(openSeason(this.seasons));
    this.admin.setSeasons(this.seasons);
    this.series = null;
    this.changeResult = null;
    this.host.seasonsLoaded(this.seasons);
    if (this.active) await this.refresh();
    return this.seasons;
  }

  /** The tab was opened or closed. */
  setActive(active: boolean): void {
    this.active = active;
    if (!active) {
      this.change.remove();
      this.fieldwork.hide();
      return;
    }
    void this.refresh();
  }

  /** A unit chosen elsewhere (on the thematic map, in the indicators' chart): its series. */
  showUnit(u: UnitMetrics): void {
    this.unit = unitRef(u);
    this.series = null;
    if (this.active) void this.refresh();
  }

  /** The indicators were fetched (the units of the series are known from them). */
  metricsLoaded(): void {
    if (this.active) void this.refresh();
  }

  /** The map was clicked: a plot of the fieldwork view is chosen. */
  onMapClick(latlng: L.LatLng): boolean {
    return this.active && this.view() === 'field' && this.fieldwork.onMapClick(latlng);
  }

  legend(): LegendSection | null {
    if (!this.active) return null;
    if (this.view() === 'change' && this.host.map.hasLayer(this.change)) {
      return { title: t('survey.change.legend', { from: this.changeFrom ?? '', to: this.changeTo ?? '' }), items: this.change.legend() };
    }
    if (this.view() === 'field' && this.fieldwork.isShown()) return { title: t('survey.field.legend'), items: this.fieldwork.layer.legend() };
    return null;
  }

  private async refresh(): Promise<void> {
    const v = this.view();
    if (v !== 'change') this.change.remove();
    if (v !== 'field') this.fieldwork.hide();
    this.render();
    if (v === 'trend' && !this.series) await this.loadSeries();
    if (v === 'change' && !this.changeResult) await this.loadChange();
    if (v === 'change' && this.changeResult) this.change.addTo(this.host.map);
    if (v === 'carbon' && this.carbon.all().length === 0) await this.carbon.load().catch((e) => this.host.notify(String(e), 'error'));
    if (v === 'field') {
      if (this.carbon.all().length === 0) await this.carbon.load().catch(() => undefined);
      await this.fieldwork.show();
    }
    this.host.legendChanged();
    this.render();
  }

  /** The unit of the series and reports (the district until one is chosen). */
  private currentUnit(): UnitMetrics | null {
    const units = reportUnits(this.host.metrics());
    const ref = parseUnitRef(this.unit);
    return units.find((u) => ref && u.unit === ref.unit && u.code === ref.code) ?? units.find((u) => u.unit === 'district') ?? units[0] ?? null;
  }

  private async loadSeries(): Promise<void> {
    const u = this.currentUnit();
    if (!u) return;
    try {
      this.series = await survey.series(u.unit, u.code);
      this.seriesError = null;
    } catch (e) {
      this.seriesError = e instanceof ApiError ? e.detail : String(e);
    }
    this.render();
  }

  private async loadChange(): Promise<void> {
    if (!this.changeFrom || !this.changeTo) return;
    try {
      this.changeResult = await survey.change(this.changeFrom, this.changeTo, this.changeUnits);
      this.changeError = null;
      this.change.setChange(this.changeResult.gained, this.changeResult.lost);
    } catch (e) {
      this.changeResult = null;
      this.change.setChange(null, null);
      this.changeError = e instanceof ApiError ? e.detail : String(e);
    }
    this.render();
  }

  render(): void {
    const s = this.host.store.get();
    const v = this.view();
    const views = VIEWS.filter((x) => x !== 'manage' || this.isManager());
    this.element.replaceChildren(
      h('h2', {}, t('survey.heading')),
      seasonSelect(this.seasons, s.season, (season) => this.host.store.set({ season })),
      h('p', { class: 'cm-muted cm-season-note', 'data-testid': 'season-note' }, seasonNote(this.seasons, s.season)),
      h('nav', { class: 'cm-subtabs', role: 'tablist' }, ...views.map((x) => h('button', {
        type: 'button', role: 'tab', 'data-view': x, 'aria-selected': String(v === x), class: v === x ? 'active' : '',
        onclick: () => this.host.store.set({ survey: x }),
      }, t(`survey.view.${x}` as MessageKey)))),
      v === 'trend' ? this.trendView() : v === 'change' ? this.changeView() : v === 'carbon' ? this.carbonView()
        : v === 'field' ? this.fieldwork.element : this.admin.element,
    );
    if (v === 'field') this.fieldwork.render();
    if (v === 'carbon') this.carbon.render();
    if (v === 'trend' && this.series) void this.chart.render(this.series);
  }

  private unitSelect(): HTMLElement {
    const current = this.currentUnit();
    return h('label', { class: 'cm-field' }, h('span', {}, t('survey.unit')),
      h('select', { id: 'cm-survey-unit', onchange: (e: Event) => {
        this.unit = (e.target as HTMLSelectElement).value;
        this.series = null;
        void this.refresh();
      } }, ...reportUnits(this.host.metrics()).map((u) => h('option', { value: unitRef(u), selected: current && unitRef(current) === unitRef(u) },
        u.name))));
  }

  private trendView(): HTMLElement {
    const u = this.currentUnit();
    const rows = this.series ?? [];
    const n = (v: number | null | undefined, d = 0) => (v === null || v === undefined ? '—' : formatNumber(v, d));
    return h('div', { class: 'cm-survey-trend' },
      this.unitSelect(),
      this.seriesError ? h('p', { class: 'cm-field-error', role: 'alert' }, this.seriesError) : '',
      h('h3', {}, t('survey.series.heading', { unit: u?.name ?? '' })),
      this.chart.element,
      h('div', { class: 'cm-table-scroll' }, h('table', { class: 'cm-survey-table', 'data-testid': 'series-table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('survey.series.season')), h('th', {}, t('survey.series.cover')),
          h('th', {}, t('survey.series.stockUnit')), h('th', {}, t('survey.series.carbonUnit')), h('th', {}, t('survey.series.seqUnit')))),
        h('tbody', {}, ...rows.map((p) => h('tr', { 'data-season': p.season },
          h('th', { scope: 'row', title: p.name }, pointLabel(p)),
          h('td', {}, p.forestCover === null ? '—' : formatPercent(p.forestCover, 1)),
          h('td', {}, n(p.forestStockM3)), h('td', {}, n(p.carbonT)), h('td', {}, n(p.sequestrationTPerYear, 1))))))),
      h('p', { class: 'cm-muted' }, t('survey.series.note')),
      u ? h('div', { class: 'cm-report-buttons', 'data-testid': 'reports' },
        h('h3', {}, t('survey.report.heading', { unit: u.name })),
        h('a', { class: 'cm-button cm-primary', href: reportUrl(u.unit, u.code, 'pdf'), download: '', 'data-format': 'pdf' }, t('survey.report.pdf')),
        h('a', { class: 'cm-button', href: reportUrl(u.unit, u.code, 'xlsx'), download: '', 'data-format': 'xlsx' }, t('survey.report.xlsx'))) : '',
    );
  }

  private changeView(): HTMLElement {
    const closed = closedSeasons(this.seasons);
    if (closed.length < 2) return h('p', { class: 'cm-muted' }, t('survey.change.needTwo'));
    const pick = (value: string | null, set: (v: string) => void, id: string) => h('select', { id, onchange: (e: Event) => {
      set((e.target as HTMLSelectElement).value);
      this.changeResult = null;
      void this.refresh();
    } }, ...closed.map((s) => h('option', { value: s.code, selected: s.code === value }, s.name)));
    const r = this.changeResult;
    const ha = (m2: number) => formatNumber(m2 / 10000, 2);
    const plots = r ? plotsBeyond(r.changedPlots, this.stockThreshold, this.canopyThreshold) : [];
    const fmtStock = (v: number | null) => (v === null ? '—' : formatNumber(v, 1));
    const fmtCanopy = (v: number | null) => (v === null ? '—' : formatNumber(v, 2));
    const pct = (v: number | null) => (v === null ? '' : ` (${v > 0 ? '+' : ''}${formatPercent(v, 0)})`);
    return h('div', { class: 'cm-survey-change' },
      h('div', { class: 'cm-controls' },
        h('label', { class: 'cm-field' }, h('span', {}, t('survey.change.from')), pick(this.changeFrom, (v) => { this.changeFrom = v; }, 'cm-change-from')),
        h('label', { class: 'cm-field' }, h('span', {}, t('survey.change.to')), pick(this.changeTo, (v) => { this.changeTo = v; }, 'cm-change-to')),
        h('label', { class: 'cm-field' }, h('span', {}, t('survey.change.units')), h('select', { id: 'cm-change-units', onchange: (e: Event) => {
          this.changeUnits = (e.target as HTMLSelectElement).value as 'zones' | 'streets';
          this.changeResult = null;
          void this.refresh();
        } }, ...(['streets', 'zones'] as const).map((k) => h('option', { value: k, selected: this.changeUnits === k }, t(`choropleth.units.${k}`)))))),
      this.changeError ? h('p', { class: 'cm-field-error', role: 'alert' }, this.changeError) : '',
      r ? h('div', {},
        h('p', { class: 'cm-change-summary', 'data-testid': 'change-summary' }, t('survey.change.summary', {
          gained: r.gained.features.length, lost: r.lost.features.length, years: formatNumber(r.years, 1) })),
        h('button', { type: 'button', class: 'cm-button', 'data-action': 'zoom-change', onclick: () => {
          const b = this.change.bounds();
          if (b) this.host.map.fitBounds(b, { padding: [20, 20] });
        } }, t('survey.change.zoom')),
        h('div', { class: 'cm-table-scroll' }, h('table', { class: 'cm-survey-table', 'data-testid': 'change-units' },
          h('thead', {}, h('tr', {}, h('th', {}, t('survey.unit')), h('th', {}, t('survey.change.gainedHa')),
            h('th', {}, t('survey.change.lostHa')), h('th', {}, t('survey.change.netHa')), h('th', {}, t('survey.series.seqUnit')))),
          h('tbody', {}, ...r.units.filter((u) => u.gainedM2 > 0 || u.lostM2 > 0 || this.changeUnits === 'streets').map((u) => h('tr', { 'data-code': u.code },
            h('th', { scope: 'row' }, u.name), h('td', { class: 'cm-gain' }, ha(u.gainedM2)), h('td', { class: 'cm-loss' }, ha(u.lostM2)),
            h('td', {}, ha(u.netM2)), h('td', {}, formatNumber(u.sequestrationTPerYear, 1))))))),
        h('h3', {}, t('survey.change.plotsHeading')),
        h('div', { class: 'cm-controls' },
          h('label', { class: 'cm-field' }, h('span', {}, t('survey.change.stockThreshold')), h('input', {
            type: 'number', id: 'cm-stock-threshold', min: SERVER_STOCK_THRESHOLD * 100, max: 100, step: 5, inputmode: 'numeric',
            value: String(Math.round(this.stockThreshold * 100)), onchange: (e: Event) => {
              this.stockThreshold = Math.max(SERVER_STOCK_THRESHOLD, Number((e.target as HTMLInputElement).value) / 100 || SERVER_STOCK_THRESHOLD);
              this.render();
            } })),
          h('label', { class: 'cm-field' }, h('span', {}, t('survey.change.canopyThreshold')), h('input', {
            type: 'number', id: 'cm-canopy-threshold', min: SERVER_CANOPY_THRESHOLD, max: 1, step: 0.05, inputmode: 'decimal',
            value: String(this.canopyThreshold), onchange: (e: Event) => {
              this.canopyThreshold = Math.max(SERVER_CANOPY_THRESHOLD, Number((e.target as HTMLInputElement).value) || SERVER_CANOPY_THRESHOLD);
              this.render();
            } }))),
        h('p', { class: 'cm-muted', 'data-testid': 'changed-count' }, t('survey.change.plotsCount', { n: plots.length })),
        h('div', { class: 'cm-table-scroll cm-changed-plots' }, h('table', { class: 'cm-survey-table', 'data-testid': 'changed-plots' },
          h('thead', {}, h('tr', {}, h('th', {}, t('survey.change.plot')), h('th', {}, t('survey.change.stock')), h('th', {}, t('survey.change.canopy')))),
          h('tbody', {}, ...plots.map((p) => h('tr', { 'data-plot': p.plotCode },
            h('th', { scope: 'row' }, p.plotCode),
            h('td', {}, `${fmtStock(p.stockFrom)} → ${fmtStock(p.stockTo)}${pct(stockChange(p))}`),
            h('td', { class: Math.abs(canopyChange(p) ?? 0) >= this.canopyThreshold ? 'cm-strong' : '' },
              `${fmtCanopy(p.canopyFrom)} → ${fmtCanopy(p.canopyTo)}`))))))) : h('p', { class: 'cm-muted' }, t('app.loading')),
    );
  }

  private carbonView(): HTMLElement {
    return h('div', { class: 'cm-survey-carbon' }, this.carbon.element);
  }
}

/** The season selector: the live working copy and each closed season; drives the indicators and the thematic map. */
export function seasonSelect(seasons: Season[], value: string | null, onChange: (season: string | null) => void): HTMLElement {
  const open = openSeason(seasons);
  const viewed = viewedSeason(seasons, value);
  return h('label', { class: 'cm-field cm-season-select' }, h('span', {}, t('survey.season')),
    h('select', { class: 'cm-season', 'data-testid': 'season-select', onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value || null) },
      h('option', { value: '', selected: !viewed }, open ? t('survey.live', { name: open.name }) : t('survey.current')),
      ...closedSeasons(seasons).reverse().map((s) => h('option', { value: s.code, selected: viewed?.code === s.code }, t('survey.frozen', { name: s.name })))));
}

/** What the selected season means for the map and the figures. */
export function seasonNote(seasons: Season[], value: string | null): string {
  const viewed = viewedSeason(seasons, value);
  return viewed ? t('survey.frozenNote', { name: viewed.name, date: viewed.surveyDate }) : t('survey.liveNote');
}
