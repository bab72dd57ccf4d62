import L from 'leaflet';
import { api, ApiError, onUnauthenticated } from '../api/client';
import type { Feature, LayerInfo, PlanIndicator, PortalConfig, UnitMetrics } from '../api/types';
import { showLoginDialog } from '../auth/LoginDialog';
import { SessionStore } from '../auth/SessionStore';
import { UserMenu } from '../auth/UserMenu';
import { ProjectBrowser } from '../browser/ProjectBrowser';
import { ProjectLayer } from '../browser/ProjectLayer';
import { download } from '../browser/projects';
import { DashboardPanel, unitsOf } from '../dashboard/DashboardPanel';
import type { EditPanel } from '../edit/EditPanel';
import { OutlineOverlay } from '../layers/OutlineOverlay';
import { unitFigures } from '../dashboard/unitFigures';
import { lang, onLangChange, pick, setLang, t, type MessageKey } from '../i18n';
import { INDICATORS } from '../indicators/indicators';
import { CHOROPLETH_PANE, CHOROPLETH_Z, SELECTION_PANE, SELECTION_Z } from '../layers/catalog';
import { ChoroplethLayer } from '../layers/ChoroplethLayer';
import { GeoServerWmsGroup } from '../layers/GeoServerWmsGroup';
import { LayerPanel } from '../layers/LayerPanel';
import { wmsEndpoint } from '../layers/wms';
import { LayerSet } from '../layers/LayerSet';
import { featurePopup } from '../layers/popup';
import { basemapLayer } from '../map/basemap';
import { createMap, DONGLI_BOUNDS } from '../map/createMap';
import { declutterLabels } from '../map/declutter';
import { ExportControl } from '../map/ExportControl';
import { exportMapPng } from '../map/exportPng';
import { LegendControl, type LegendSection } from '../map/LegendControl';
import { h } from './dom';
import { confirmDialog } from './modal';
import { ViewStore, type Tab } from './ViewState';
import type { Season } from '../api/survey';
import { seasonNote, seasonSelect, SurveyPanel } from '../survey/SurveyPanel';
import { viewedSeason } from '../survey/survey';
import { scenarios, type Scenario } from '../api/scenarios';
import type { ScenarioPanel } from '../scenario/ScenarioPanel';
import { GapView } from '../planning/GapView';
import { PvView } from '../planning/PvView';

const TABS: Tab[] = ['layers', 'indicators', 'browser', 'survey', 'scenario', 'edit'];
/** The tabs on which the chosen scenario's drafts are drawn on the map (its figures are shown there). */
const SCENARIO_MAP_TABS: Tab[] = ['scenario', 'indicators'];
/** Pane of the outline of the street a signed-in account is scoped to (above the layers, under the editor). */
const SCOPE_PANE = 'cm-scope';
const SCOPE_Z = 430;

/**
 * CarbonMap's page: header (with the account menu), map, side panel with the tabs 图层 / 指标 / 项目浏览 and, for
 * accounts that may write, 编辑; all driven by the URL's view. Anonymous readers see everything but the editor.
 */
export class App {
  private readonly store = new ViewStore(window.location.hash);
  private map!: L.Map;
  private layers!: LayerSet;
  private legend = new LegendControl();
  private choropleth = new ChoroplethLayer({ pane: CHOROPLETH_PANE, zIndex: CHOROPLETH_Z });
  private projectLayer = new ProjectLayer({ pane: SELECTION_PANE, zIndex: SELECTION_Z });
  private dashboard!: DashboardPanel;
  private browser!: ProjectBrowser;
  private survey!: SurveyPanel;
  private seasons: Season[] = [];
  private basemap: L.Layer | null = null;
  private config: PortalConfig = { tianditu: { key: null }, geoserver: { url: null, workspace: null }, minZoom: {} };
  private metrics: UnitMetrics[] = [];
  private unitGeometries = new Map<string, Promise<Feature[]>>();
  private toast = h('div', { class: 'cm-toast', role: 'alert', hidden: true });
  private toastTimer: number | undefined;
  private readonly session = new SessionStore();
  private infos: LayerInfo[] = [];
  /** the editing tab, loaded (with Leaflet-Geoman's glue, the forms and dialogs) only for accounts that may write */
  private edit: EditPanel | null = null;
  private editLoading: Promise<EditPanel | null> | null = null;
  private sections!: Record<Tab, HTMLElement>;
  private layerPanel!: LayerPanel;
  private renderChrome: () => void = () => undefined;
  private streets: Feature[] = [];
  private scope = new OutlineOverlay({ pane: SCOPE_PANE, zIndex: SCOPE_Z });
  private legendBeforeEdit: boolean | null = null;
  /** the scenario tab, loaded for signed-in accounts (anonymous readers have no scenarios) */
  private scenarioPanel: ScenarioPanel | null = null;
  /** 差距与候选 on the indicators tab */
  private dashboardGap: GapView | null = null;
  /** 光伏潜力 on the indicators tab */
  private dashboardPv: PvView | null = null;
  private scenarioLoading: Promise<ScenarioPanel | null> | null = null;
  /** the chosen scenario, for the labels of its figures */
  private scenario: Scenario | null = null;

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    setLang(this.store.get().lang);
    const mapEl = h('div', { id: 'map', class: 'cm-map' });
    const header = h('header', { class: 'cm-header' });
    const nav = h('nav', { class: 'cm-tabs', role: 'tablist' });
    const panel = h('aside', { class: 'cm-panel' }, nav);
    this.root.replaceChildren(header, h('main', { class: 'cm-main' }, mapEl, panel), this.toast);

    const { map } = createMap(mapEl);
    this.map = map;
    this.restoreView();
    this.legend.addTo(map);
    // a tablet held upright has half a screen of map: the legend starts folded there
    if (window.matchMedia?.('(max-width: 820px) and (orientation: portrait)').matches) this.legend.setCollapsed(true);
    new ExportControl(() => this.exportPng(this.store.get().tab === 'browser' && this.browser.streetName()
      ? t('browser.exportTitle', { street: this.browser.streetName()! }) : t('app.title'))).addTo(map);

    // an installation that switched anonymous reading off: sign in first, then the page loads as that account
    const session = await this.session.load();
    if (!session.authenticated && session.anonymousRead === false) {
      while (!(await showLoginDialog(this.session, t('login.required')))) { /* the map needs an account */ }
      window.location.reload();
      return;
    }
    const [infos, config] = await Promise.all([
      api.layers().catch((e) => this.fail<LayerInfo[]>(e, [])),
      api.config().catch(() => this.config),
    ]);
    this.config = config;
    this.infos = infos;
    if (config.sampleData?.state === 'failed') {
      // the first start could not load the sample data: the server runs on, on an empty database
      this.root.prepend(h('div', { class: 'cm-banner', role: 'alert' },
        t('app.sampleFailed', { reason: config.sampleData.reason ?? '' })));
    }
    this.layers = new LayerSet(map, infos, config.minZoom ?? {});
    const wms = wmsEndpoint(config.geoserver);
    const layerPanel = (this.layerPanel = new LayerPanel(this.layers, this.store, !!config.tianditu?.key,
      wms ? new GeoServerWmsGroup(map, wms, config.geoserver.workspace!.trim()) : null));
    this.dashboard = new DashboardPanel(this.store, (u) => this.selectUnit(u, true));
    this.addWhereToAct(map);
    this.browser = new ProjectBrowser(this.store, {
      map, layer: this.projectLayer, exportPng: (title) => this.exportPng(title), showError: (m) => this.showError(m),
    });

    this.survey = new SurveyPanel({
      map, store: this.store, session: this.session, infos: () => this.infos, metrics: () => this.metrics,
      seasonsLoaded: (seasons) => this.seasonsLoaded(seasons),
      committed: (names) => this.committed(names, this.layerPanel),
      notify: (m, kind) => (kind === 'error' ? this.showError(m) : this.showInfo(m)),
      legendChanged: () => this.updateLegend(),
    });

    const sections: Record<Tab, HTMLElement> = (this.sections = {
      layers: layerPanel.element, indicators: this.dashboard.element, browser: this.browser.element,
      survey: this.survey.element,
      scenario: h('section', { class: 'cm-scenario-panel' }, h('p', { class: 'cm-muted' }, t('app.loading'))),
      edit: h('section', { class: 'cm-edit-panel' }, h('p', { class: 'cm-muted' }, t('app.loading'))),
    });
    const userMenu = new UserMenu(this.session, {
      login: () => void showLoginDialog(this.session),
      logout: () => void this.logout(),
      accounts: () => void import('../admin/AccountsView').then(({ showAccounts }) => showAccounts({
        layers: this.infos, me: this.session.user()?.username ?? '',
        streets: this.streets.map((f) => ({ code: String(f.properties.code), name: String(f.properties.name) })),
      })).catch((e) => this.fail(e, undefined)),
    });
    // an expired session during a save: sign in again, and the save is sent once more
    onUnauthenticated(() => showLoginDialog(this.session, t('login.expired')));
    for (const tab of TABS) sections[tab].setAttribute('data-tab', tab);
    panel.append(...TABS.map((tab) => sections[tab]));

    const renderChrome = (this.renderChrome = () => {
      document.title = `${t('app.title')} · CarbonMap`;
      userMenu.render();
      header.replaceChildren(
        h('h1', {}, t('app.title')), h('span', { class: 'cm-subtitle' }, t('app.subtitle')),
        h('div', { class: 'cm-header-end' }, userMenu.element,
          h('button', { type: 'button', id: 'cm-lang', class: 'cm-lang',
            onclick: () => this.store.set({ lang: lang() === 'zh' ? 'en' : 'zh' }) }, t('app.langSwitch'))));
      const tabs = this.tabs();
      const current = this.currentTab();
      nav.replaceChildren(...tabs.map((tab) => h('button', {
        type: 'button', role: 'tab', 'data-tab': tab, 'aria-selected': String(current === tab),
        class: current === tab ? 'active' : '', onclick: () => this.store.set({ tab }),
      }, t(`tab.${tab}` as MessageKey))));
      for (const tab of TABS) this.sections[tab].hidden = current !== tab;
    });
    renderChrome();
    onLangChange(() => { renderChrome(); this.updateLegend(); this.applyScope(); });
    this.session.subscribe(() => {
      if (this.session.canEdit()) void this.loadEditor();
      if (this.session.user()) void this.loadScenarios();
      else this.scenarioChosen(null);
      // a scenario of the URL is readable only when signed in: the figures follow the session
      if (this.store.get().scenario !== null) void this.reloadMetrics(false);
      renderChrome();
      this.applyTab();
      this.applyScope();
    });

    this.store.subscribe((s, changed) => {
      if (changed.has('lang')) setLang(s.lang);
      if (changed.has('tab')) {
        renderChrome();
        this.applyTab();
      }
      if (changed.has('layers')) this.layers.show(s.layers);
      if (changed.has('forest')) this.layers.setForestMode(s.forest);
      if (changed.has('basemap')) this.applyBasemap();
      if (changed.has('choropleth') || changed.has('indicator') || changed.has('units')) this.applyChoropleth();
      if (changed.has('season') || changed.has('scenario')) void this.reloadMetrics();
      if (changed.has('survey') && !changed.has('tab')) this.survey.setActive(this.currentTab() === 'survey');
      this.updateLegend();
    });
    map.on('moveend', () => {
      const c = map.getCenter();
      this.store.set({ center: [Number(c.lat.toFixed(5)), Number(c.lng.toFixed(5))], zoom: map.getZoom() });
    });
    map.on('zoomend', () => this.updateLegend());
    // street names first: they are what the street offices look for
    const declutter = () => declutterLabels(map, ['cm-label-streets', 'cm-label-zones']);
    map.on('zoomend moveend', declutter);
    this.layers.on('load', declutter);
    map.on('click', (e: L.LeafletMouseEvent) => this.onMapClick(e.latlng));
    this.layers.on('statechange', () => this.updateLegend());
    this.layers.on('error', (e) => {
      const error = (e as unknown as { error: unknown }).error;
      this.showError(error instanceof ApiError ? error.detail : String(error));
    });
    map.on('cm:projectsdrawn', () => this.updateLegend());

    this.layers.setForestMode(this.store.get().forest);
    this.layers.show(this.store.get().layers);
    this.applyBasemap();
    if (this.session.user()) void this.loadScenarios();
    this.applyTab();

    // the seasons first: the view may name one, whose figures are then asked for
    await this.survey.loadSeasons();
    const [figures, plan, streets] = await Promise.all([
      this.fetchFigures().catch((e) => this.figuresFailed(e)),
      api.planIndicators().catch(() => null as PlanIndicator[] | null),
      this.geometriesOf('streets').catch((e) => this.fail<Feature[]>(e, [])),
    ]);
    this.metrics = figures.metrics;
    this.dashboard.setLive(figures.live);
    this.dashboard.setData(figures.metrics, plan?.filter((p) => p.spatial !== true) ?? null);
    this.survey.metricsLoaded();
    this.browser.setStreets(streets);
    this.streets = streets;
    this.applyScope();
    document.addEventListener('keydown', (e) => {
      // Ctrl+Z on the other tabs does nothing here; on the editing tab the editor takes it
      if (e.key === 'Escape' && this.toast.hidden === false) this.toast.hidden = true;
    });
    await this.applyChoropleth();
    this.updateLegend();
    document.body.dataset.ready = 'true';
  }

  private restoreView(): void {
    const s = this.store.get();
    if (s.center && s.zoom !== null) this.map.setView(s.center, s.zoom, { animate: false });
    else this.map.fitBounds(DONGLI_BOUNDS, { animate: false });
  }

  /** The tabs this session sees: 规划情景 for signed-in accounts, 编辑 only for an account that may write a layer. */
  private tabs(): Tab[] {
    return TABS.filter((tab) => (tab !== 'edit' || this.session.canEdit()) && (tab !== 'scenario' || !!this.session.user()));
  }

  /** The URL's tab, or 图层 when it names one this session does not see. */
  private currentTab(): Tab {
    const tab = this.store.get().tab;
    return this.tabs().includes(tab) ? tab : 'layers';
  }

  private applyTab(): void {
    const tab = this.currentTab();
    if (tab === 'edit') {
      void this.loadEditor().then((edit) => edit?.open()).catch((e) => this.fail(e, undefined));
      // the legend folds while editing (it would cover a corner of the plot), and comes back as it was
      if (this.legendBeforeEdit === null) this.legendBeforeEdit = this.legend.isCollapsed();
      this.legend.setCollapsed(true);
    } else {
      this.edit?.suspend();
      if (this.legendBeforeEdit !== null) this.legend.setCollapsed(this.legendBeforeEdit);
      this.legendBeforeEdit = null;
    }
    if (tab === 'browser') this.projectLayer.addTo(this.map);
    else this.projectLayer.remove();
    this.scenarioPanel?.setActive(tab === 'scenario');
    this.scenarioPanel?.setMapShown(SCENARIO_MAP_TABS.includes(tab));
    if (tab === 'indicators') {
      // the figures are live: fetch them again whenever the tab is opened
      void this.reloadMetrics(false);
    }
    this.survey?.setActive(tab === 'survey');
    this.map.invalidateSize();
  }

  /** The scenario whose figures are shown: the URL's, for a signed-in account (scenarios are not public). */
  private viewedScenario(): number | null {
    return this.session.user() ? this.store.get().scenario : null;
  }

  /**
   * The figures the dashboard and the thematic map show: the chosen scenario's (live + its assumptions, with the live
   * figures beside them), else those of the season the view names (if it is a closed one), else of now.
   */
  private async fetchFigures(): Promise<{ metrics: UnitMetrics[]; live: UnitMetrics[] | null }> {
    const id = this.viewedScenario();
    if (id !== null) {
      const [metrics, live] = await Promise.all([scenarios.metrics(id, 'all'), api.metrics('all')]);
      return { metrics, live };
    }
    return { metrics: await api.metrics('all', undefined, viewedSeason(this.seasons, this.store.get().season)?.code ?? null), live: null };
  }

  /** A scenario's figures that cannot be read (deleted, no longer shared) take the view back to the live state. */
  private figuresFailed(e: unknown): { metrics: UnitMetrics[]; live: null } {
    if (this.viewedScenario() !== null && e instanceof ApiError && [401, 403, 404].includes(e.status)) {
      this.showError(t('scenario.unavailable', { detail: e.detail }));
      this.store.set({ scenario: null });
    } else this.fail(e, undefined);
    return { metrics: [], live: null };
  }

  /** Fetches the figures again (another season or scenario, the tab opened) for the dashboard and the thematic map. */
  private async reloadMetrics(report = true): Promise<void> {
    const asked = this.viewedScenario();
    try {
      const f = await this.fetchFigures();
      if (asked !== this.viewedScenario()) return; // another scenario was chosen meanwhile
      this.metrics = f.metrics;
      this.dashboard.setLive(f.live);
      this.dashboard.setMetrics(f.metrics);
      if (this.store.get().choropleth) await this.applyChoropleth();
      this.survey.metricsLoaded();
      document.body.dataset.figures = asked === null ? 'live' : `scenario-${asked}`;
    } catch (e) {
      if (asked !== this.viewedScenario()) return;
      if (report || asked !== null) this.figuresFailed(e);
    }
  }

  /** The chosen scenario was loaded (or none is chosen): the figures are labelled with its name and year. */
  private scenarioChosen(s: Scenario | null): void {
    this.scenario = s;
    this.dashboard.setScenario(s && { name: s.name, year: s.year, author: s.author }, () => this.store.set({ scenario: null }));
    this.dashboard.showFolds();
    this.updateLegend();
  }

  /**
   * Where to act on the indicators tab (issue 13): 差距与候选 for the chosen unit and 光伏潜力, of the live state or of
   * the scenario whose figures the tab shows; candidates added to a scenario open it on the scenario tab.
   */
  private addWhereToAct(map: L.Map): void {
    const shown = () => (this.viewedScenario() !== null ? this.scenario : null);
    const notify = (m: string, kind: 'info' | 'error') => (kind === 'error' ? this.showError(m) : this.showInfo(m));
    this.dashboardGap = new GapView({
      map, notify, current: shown,
      scenarios: () => this.scenarioPanel?.scenarios() ?? [],
      mayCreate: () => this.session.has('ADMIN') || this.session.has('EDITOR'),
      draftsAdded: async (sc) => {
        await (await this.loadScenarios())?.draftsAdded(sc);
        this.store.set({ tab: 'scenario', scenarioView: 'drafts' });
      },
      legendChanged: () => this.updateLegend(),
    });
    this.dashboard.addFold('scenario.view.gap', 'dashboard-gap', this.dashboardGap);
    this.dashboardPv = new PvView({
      map, current: shown, isAdmin: () => this.session.has('ADMIN'), notify, legendChanged: () => this.updateLegend(),
    });
    this.dashboard.addFold('scenario.view.pv', 'dashboard-pv', this.dashboardPv);
  }

  /** Loads the scenario tab (once) for a signed-in account. */
  private loadScenarios(): Promise<ScenarioPanel | null> {
    if (!this.session.user()) return Promise.resolve(this.scenarioPanel);
    this.scenarioLoading ??= import('../scenario/ScenarioPanel').then(({ ScenarioPanel }) => {
      const panel = new ScenarioPanel({
        map: this.map, layers: this.layers, store: this.store, session: this.session, infos: () => this.infos,
        scope: () => this.scopeStreet(), notify: (m, kind) => (kind === 'error' ? this.showError(m) : this.showInfo(m)),
        chosen: (s) => this.scenarioChosen(s), figuresChanged: () => this.reloadMetrics(), legendChanged: () => this.updateLegend(),
      });
      panel.element.setAttribute('data-tab', 'scenario');
      this.sections.scenario.replaceWith(panel.element);
      this.sections.scenario = panel.element;
      this.scenarioPanel = panel;
      this.renderChrome();
      void panel.load();
      this.applyTab();
      return panel;
    }, (e) => {
      this.scenarioLoading = null;
      throw e;
    });
    return this.scenarioLoading;
  }

  /** The survey seasons were fetched: the indicators tab's selector lists them. */
  private seasonsLoaded(seasons: Season[]): void {
    const before = viewedSeason(this.seasons, this.store.get().season)?.code ?? null;
    this.seasons = seasons;
    this.dashboard.setSeasonControl(seasons.length === 0 ? null : () => [
      seasonSelect(this.seasons, this.store.get().season, (season) => this.store.set({ season })),
      h('p', { class: 'cm-muted cm-season-note' }, seasonNote(this.seasons, this.store.get().season)),
    ]);
    // a season closed or imported since: the figures asked for may now exist
    if (this.metrics.length && before !== (viewedSeason(seasons, this.store.get().season)?.code ?? null)) void this.reloadMetrics();
  }

  private applyBasemap(): void {
    this.basemap?.remove();
    this.basemap = basemapLayer(this.store.get().basemap, this.config.tianditu?.key ?? null);
    this.basemap?.addTo(this.map);
  }

  private geometriesOf(layer: 'zones' | 'streets'): Promise<Feature[]> {
    let p = this.unitGeometries.get(layer);
    if (!p) {
      p = api.allFeatures(layer, { simplify: 5, precision: 6 });
      p.catch(() => this.unitGeometries.delete(layer));
      this.unitGeometries.set(layer, p);
    }
    return p;
  }

  private async applyChoropleth(): Promise<void> {
    const s = this.store.get();
    if (!s.choropleth || this.metrics.length === 0) {
      this.choropleth.remove();
      this.updateLegend();
      return;
    }
    const features = await this.geometriesOf(s.units).catch((e) => this.fail<Feature[]>(e, []));
    this.choropleth.setData(INDICATORS[s.indicator], features, unitsOf(this.metrics, s.units), this.metrics);
    this.choropleth.addTo(this.map);
    this.updateLegend();
  }

  private selectUnit(u: UnitMetrics, zoom: boolean): void {
    if (zoom && u.bbox) {
      const [x0, y0, x1, y1] = u.bbox;
      this.map.fitBounds([[y0, x0], [y1, x1]], { padding: [20, 20] });
      L.popup({ maxWidth: 320 }).setLatLng([(y0 + y1) / 2, (x0 + x1) / 2]).setContent(unitFigures(u)).openOn(this.map);
    }
    this.choropleth.highlight(u.code);
    this.dashboard.showUnit(u);
    this.survey.showUnit(u);
  }

  private onMapClick(latlng: L.LatLng): void {
    const s = this.store.get();
    if (this.currentTab() === 'edit' && this.edit?.onMapClick(latlng)) return;
    if (s.tab === 'browser' && this.browser.selectAt(latlng)) return;
    if (this.currentTab() === 'survey' && this.survey.onMapClick(latlng)) return;
    if (this.currentTab() === 'scenario' && this.scenarioPanel?.onMapClick(latlng)) return;
    if (s.choropleth && this.map.hasLayer(this.choropleth)) {
      const u = this.choropleth.unitAt(latlng);
      if (u) {
        this.selectUnit(u, true);
        return;
      }
    }
    const hit = this.layers.featureAt(latlng);
    if (hit) L.popup({ maxWidth: 340 }).setLatLng(latlng).setContent(featurePopup(hit.feature, hit.info)).openOn(this.map);
  }

  /** The legend on the map: thematic map, the browser's project types, then each visible layer (or its zoom hint). */
  private legendSections(): LegendSection[] {
    const out: LegendSection[] = [];
    const s = this.store.get();
    const surveyLegend = this.survey?.legend();
    if (surveyLegend) out.push(surveyLegend);
    out.push(...(this.scenarioPanel?.legend() ?? []));
    for (const view of [this.dashboardGap, this.dashboardPv]) {
      const section = view?.legend();
      if (section) out.push(section);
    }
    const choro = s.choropleth && this.map.hasLayer(this.choropleth) ? this.choropleth.legend() : null;
    const scenario = this.viewedScenario() !== null ? this.scenario : null;
    if (choro) {
      const title = t('choropleth.legendTitle', { indicator: choro.title, units: t(`choropleth.units.${s.units}`) });
      out.push({ title: scenario ? t('scenario.legendOf', { title, name: scenario.name, year: scenario.year }) : title, items: choro.items });
    }
    const projects = s.tab === 'browser' ? this.browser?.legend() : null;
    if (projects) out.push(projects);
    for (const l of [...(this.layers?.visible() ?? [])].reverse()) {
      const hidden = l.layer.getState() === 'hidden';
      out.push({
        title: pick(l.info.title), items: this.layers.legendOf(l.info.name, s.forest),
        hint: hidden ? t(`layers.zoomHint.${l.info.name}` as MessageKey, { z: l.minZoom }) : null,
      });
    }
    return out;
  }

  private updateLegend(): void {
    if (this.layers) this.legend.setSections(this.legendSections());
  }

  private async exportPng(title: string): Promise<void> {
    const date = new Date().toISOString().slice(0, 10);
    const s = this.store.get();
    const scenario = this.viewedScenario() !== null ? this.scenario : null;
    const subtitle = [t('browser.exportDate', { date }),
      s.choropleth ? t(INDICATORS[s.indicator].title) : null,
      scenario ? t('scenario.exportNote', { name: scenario.name, year: scenario.year }) : null].filter(Boolean).join(' · ');
    try {
      const blob = await exportMapPng(this.map, {
        title, subtitle, legend: this.legendSections(),
        footer: `${t('map.source')} · ${t('browser.exportNoBasemap')} · CGCS2000`,
      });
      download(blob, `${title}-${date}.png`);
    } catch (e) {
      this.showError(String(e));
    }
  }

  private fail<T>(e: unknown, fallback: T): T {
    this.showError(e instanceof ApiError ? e.detail : String(e));
    return fallback;
  }

  showError(message: string): void {
    this.showToast(t('app.error', { detail: message }), 'error');
  }

  /** A short notice that something worked (an undo, a sign-out). */
  showInfo(message: string): void {
    this.showToast(message, 'info');
  }

  private showToast(text: string, kind: 'error' | 'info'): void {
    this.toast.textContent = text;
    this.toast.className = `cm-toast toast-${kind}`;
    this.toast.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    this.toast.hidden = false;
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => { this.toast.hidden = true; }, kind === 'error' ? 8000 : 4000);
  }

  /**
   * After a committed write (save, delete, split, merge, restore, undo): the layers' features are fetched again, and
   * so are the indicators, which reflect every write — the dashboard, the thematic map and the layer counts follow
   * without a reload.
   */
  private async committed(names: string[], layerPanel: LayerPanel): Promise<void> {
    for (const name of names) {
      this.layers.get(name)?.layer.reload();
      if (name === 'zones' || name === 'streets') this.unitGeometries.delete(name);
    }
    const [figures, infos] = await Promise.all([
      this.fetchFigures().catch((e) => this.fail<null>(e, null)),
      api.layers().catch(() => null),
    ]);
    if (figures) {
      this.metrics = figures.metrics;
        this.dashboard.setLive(figures.live);
      this.dashboard.setMetrics(figures.metrics);
      if (this.store.get().choropleth) await this.applyChoropleth();
    }
    for (const fresh of infos ?? []) {
      const info = this.infos.find((i) => i.name === fresh.name);
      if (info) info.featureCount = fresh.featureCount;
    }
    layerPanel.render();
    void this.scenarioPanel?.liveChanged();
    document.body.dataset.committed = String(Number(document.body.dataset.committed ?? 0) + 1);
  }

  private async logout(): Promise<void> {
    if ((this.edit?.isDirty() || this.scenarioPanel?.isDirty()) && !(await confirmDialog({
      title: t('edit.discardTitle'), message: t('login.logoutDirty'), ok: t('login.logout'), danger: true,
    }))) return;
    try {
      await this.session.logout();
      this.showInfo(t('login.loggedOut'));
    } catch (e) {
      this.showError(e instanceof ApiError ? e.detail : String(e));
    }
  }

  /** Loads the editing tab (once) for an account that may write. */
  private loadEditor(): Promise<EditPanel | null> {
    if (!this.session.canEdit()) return Promise.resolve(this.edit);
    this.editLoading ??= import('../edit/EditPanel').then(({ EditPanel }) => {
      const edit = new EditPanel({
        map: this.map, layers: this.layers, infos: () => this.infos, session: this.session, store: this.store,
        committed: (names) => this.committed(names, this.layerPanel),
        scope: () => this.scopeStreet(),
        notify: (m, kind) => (kind === 'error' ? this.showError(m) : this.showInfo(m)),
      });
      edit.element.setAttribute('data-tab', 'edit');
      this.sections.edit.replaceWith(edit.element);
      this.sections.edit = edit.element;
      this.edit = edit;
      this.renderChrome();
      return edit;
    }, (e) => {
      this.editLoading = null;
      throw e;
    });
    return this.editLoading;
  }

  /** The street the signed-in account is scoped to, with its outline, or null. */
  private scopeStreet(): Feature | null {
    const street = this.session.user()?.street;
    return (street && this.streets.find((f) => String(f.properties.code) === street.code)) || null;
  }

  /** The street a scoped account may edit, outlined on the map with its name. */
  private applyScope(): void {
    const street = this.session.user()?.street;
    const feature = this.scopeStreet();
    if (!feature) {
      this.scope.remove();
      return;
    }
    this.scope.setOutlines([{
      geometry: feature.geometry, label: t('edit.scopeLabel', { street: street!.name }), labelClass: 'cm-scope-label',
      style: { color: '#0d47a1', weight: 4, dashArray: '10 6', fill: false, opacity: 0.9 },
    }]);
    if (!this.map.hasLayer(this.scope)) this.scope.addTo(this.map);
  }
}
