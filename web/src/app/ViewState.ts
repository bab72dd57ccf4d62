import type { Lang } from '../i18n';
import { isIndicatorKey, type IndicatorKey } from '../indicators/indicators';
import type { BasemapKind } from '../map/basemap';
import type { ForestStyleMode } from '../layers/styles';

export type Tab = 'layers' | 'indicators' | 'browser' | 'edit' | 'survey' | 'scenario';
const TABS: Tab[] = ['layers', 'indicators', 'browser', 'edit', 'survey', 'scenario'];
/** The parts of the survey tab: time series and reports, change, carbon parameters, fieldwork, season management. */
export type SurveyView = 'trend' | 'change' | 'carbon' | 'field' | 'manage';
const SURVEY_VIEWS: SurveyView[] = ['trend', 'change', 'carbon', 'field', 'manage'];
export type UnitSet = 'zones' | 'streets';
/** The parts of the scenario tab: the scenarios and their settings, the projects' ticks, the drafts, the comparison. */
export type ScenarioView = 'list' | 'projects' | 'drafts' | 'compare' | 'gap' | 'pv';
const SCENARIO_VIEWS: ScenarioView[] = ['list', 'projects', 'drafts', 'compare', 'gap', 'pv'];
/** The units a comparison of scenarios is shown for. */
export type CompareUnits = 'zones' | 'levels' | 'barrier' | 'streets' | 'district';
const COMPARE_UNITS: CompareUnits[] = ['zones', 'levels', 'barrier', 'streets', 'district'];

/**
 * Everything a link must reproduce: tab, language, map centre and zoom, layers, the thematic map, and the project
 * browser's street, filters and selection. It lives in the URL's hash (`#tab=browser&street=…&z=14&c=39.1,117.4`).
 */
export interface ViewState {
  tab: Tab;
  lang: Lang;
  /** [lat, lon] of the map centre; null: the whole district */
  center: [number, number] | null;
  zoom: number | null;
  layers: string[];
  forest: ForestStyleMode;
  basemap: BasemapKind;
  /** whether the thematic map (分区专题图) is drawn */
  choropleth: boolean;
  indicator: IndicatorKey;
  units: UnitSet;
  /** the street's 12-digit code in the project browser */
  street: string | null;
  types: string[];
  status: string | null;
  year: number | null;
  /** the selected project, `layer:id` */
  selected: string | null;
  /** the closed survey season the indicators and the thematic map show; null: now (the live layers) */
  season: string | null;
  /** the part of the survey tab */
  survey: SurveyView;
  /**
   * the planning scenario (规划情景) whose figures the indicators, the dashboard and the thematic map show, and whose
   * drafts are drawn; null: the live state (现状)
   */
  scenario: number | null;
  /** the part of the scenario tab */
  scenarioView: ScenarioView;
  /** the scenarios compared with the live state, in the order chosen */
  compare: number[];
  /** the units of the comparison */
  compareUnits: CompareUnits;
  /** the indicator of the comparison's chart */
  compareIndicator: string | null;
}

export const PROJECT_TYPES = ['parks', 'farmland', 'pv_rooftops', 'forest_plots'];

export const DEFAULT_STATE: ViewState = {
  tab: 'layers', lang: 'zh', center: null, zoom: null,
  layers: ['zones', 'streets', 'parks', 'farmland', 'forest_plots', 'land_cover', 'pv_rooftops'],
  forest: 'canopy', basemap: 'none', choropleth: false, indicator: 'blueGreenShare', units: 'zones',
  street: null, types: [...PROJECT_TYPES], status: null, year: null, selected: null, season: null, survey: 'trend',
  scenario: null, scenarioView: 'list', compare: [], compareUnits: 'barrier', compareIndicator: null,
};

/** A positive integer id of the URL, or null. */
function idOf(text: string | null): number | null {
  const n = Number(text);
  return text !== null && /^\d+$/.test(text) && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Reads a view from a URL hash; anything missing or malformed takes its default. */
export function parseViewState(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: ViewState = { ...DEFAULT_STATE, layers: [...DEFAULT_STATE.layers], types: [...DEFAULT_STATE.types], compare: [] };
  const tab = p.get('tab');
  if (TABS.includes(tab as Tab)) s.tab = tab as Tab;
  if (p.get('lang') === 'en') s.lang = 'en';
  const c = p.get('c')?.split(',').map(Number);
  if (c && c.length === 2 && c.every(Number.isFinite)) s.center = [c[0], c[1]];
  const z = Number(p.get('z'));
  if (p.has('z') && Number.isFinite(z)) s.zoom = z;
  if (p.has('layers')) s.layers = p.get('layers')!.split(',').filter(Boolean);
  if (p.get('forest') === 'species') s.forest = 'species';
  const bm = p.get('basemap');
  if (bm === 'vec' || bm === 'img') s.basemap = bm;
  s.choropleth = p.get('choro') === '1';
  const ind = p.get('ind');
  if (isIndicatorKey(ind)) s.indicator = ind;
  if (p.get('units') === 'streets') s.units = 'streets';
  s.street = p.get('street') || null;
  if (p.has('types')) s.types = p.get('types')!.split(',').filter((t) => PROJECT_TYPES.includes(t));
  s.status = p.get('status') || null;
  const y = Number(p.get('year'));
  s.year = p.has('year') && Number.isInteger(y) ? y : null;
  s.selected = p.get('sel') || null;
  s.season = p.get('season') || null;
  const sv = p.get('sv');
  if (SURVEY_VIEWS.includes(sv as SurveyView)) s.survey = sv as SurveyView;
  s.scenario = idOf(p.get('scenario'));
  const scv = p.get('scv');
  if (SCENARIO_VIEWS.includes(scv as ScenarioView)) s.scenarioView = scv as ScenarioView;
  if (p.has('cmp')) s.compare = [...new Set(p.get('cmp')!.split(',').map(idOf).filter((n): n is number => n !== null))];
  const cmpu = p.get('cmpu');
  if (COMPARE_UNITS.includes(cmpu as CompareUnits)) s.compareUnits = cmpu as CompareUnits;
  s.compareIndicator = p.get('cmpi') || null;
  return s;
}

/** Writes a view as a URL hash, leaving out what equals the default so that links stay short. */
export function formatViewState(s: ViewState): string {
  const p = new URLSearchParams();
  const d = DEFAULT_STATE;
  if (s.tab !== d.tab) p.set('tab', s.tab);
  if (s.lang !== d.lang) p.set('lang', s.lang);
  if (s.center) p.set('c', `${s.center[0].toFixed(5)},${s.center[1].toFixed(5)}`);
  if (s.zoom !== null) p.set('z', String(s.zoom));
  if (s.layers.join(',') !== d.layers.join(',')) p.set('layers', s.layers.join(','));
  if (s.forest !== d.forest) p.set('forest', s.forest);
  if (s.basemap !== d.basemap) p.set('basemap', s.basemap);
  if (s.choropleth) p.set('choro', '1');
  if (s.indicator !== d.indicator) p.set('ind', s.indicator);
  if (s.units !== d.units) p.set('units', s.units);
  if (s.street) p.set('street', s.street);
  if (s.types.join(',') !== d.types.join(',')) p.set('types', s.types.join(','));
  if (s.status) p.set('status', s.status);
  if (s.year !== null) p.set('year', String(s.year));
  if (s.selected) p.set('sel', s.selected);
  if (s.season) p.set('season', s.season);
  if (s.survey !== d.survey) p.set('sv', s.survey);
  if (s.scenario !== null) p.set('scenario', String(s.scenario));
  if (s.scenarioView !== d.scenarioView) p.set('scv', s.scenarioView);
  if (s.compare.length) p.set('cmp', s.compare.join(','));
  if (s.compareUnits !== d.compareUnits) p.set('cmpu', s.compareUnits);
  if (s.compareIndicator) p.set('cmpi', s.compareIndicator);
  return `#${p.toString().replace(/%2C/g, ',')}`;
}

type Listener = (state: ViewState, changed: Set<keyof ViewState>) => void;

/** The current view, kept in the URL (history.replaceState, no new history entry per pan) and shared by all panels. */
export class ViewStore {
  private state: ViewState;
  private listeners = new Set<Listener>();
  /** the view the page was opened with (e.g. whether the link named a map view) */
  readonly initial: ViewState;

  constructor(hash: string) {
    this.state = parseViewState(hash);
    this.initial = this.state;
  }

  get(): ViewState {
    return this.state;
  }

  /** Changes part of the view, writes the URL and tells the listeners what changed. */
  set(patch: Partial<ViewState>): void {
    const changed = new Set<keyof ViewState>();
    for (const [k, v] of Object.entries(patch) as [keyof ViewState, unknown][]) {
      if (JSON.stringify(this.state[k]) !== JSON.stringify(v)) changed.add(k);
    }
    if (changed.size === 0) return;
    this.state = { ...this.state, ...patch };
    const hash = formatViewState(this.state);
    if (hash !== window.location.hash) history.replaceState(null, '', hash === '#' ? window.location.pathname + window.location.search : hash);
    for (const l of this.listeners) l(this.state, changed);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
