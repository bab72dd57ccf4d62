import type { Lang } from '../i18n';
import { isIndicatorKey, type IndicatorKey } from '../indicators/indicators';
import type { BasemapKind } from '../map/basemap';
import type { ForestStyleMode } from '../layers/styles';

export type Tab = 'layers' | 'indicators' | 'browser' | 'edit';
export type UnitSet = 'zones' | 'streets';

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
}

export const PROJECT_TYPES = ['parks', 'farmland', 'pv_rooftops', 'forest_plots'];

export const DEFAULT_STATE: ViewState = {
  tab: 'layers', lang: 'zh', center: null, zoom: null,
  layers: ['zones', 'streets', 'parks', 'farmland', 'forest_plots', 'land_cover', 'pv_rooftops'],
  forest: 'canopy', basemap: 'none', choropleth: false, indicator: 'blueGreenShare', units: 'zones',
  street: null, types: [...PROJECT_TYPES], status: null, year: null, selected: null,
};

/** Reads a view from a URL hash; anything missing or malformed takes its default. */
export function parseViewState(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: ViewState = { ...DEFAULT_STATE, layers: [...DEFAULT_STATE.layers], types: [...DEFAULT_STATE.types] };
  const tab = p.get('tab');
  if (tab === 'layers' || tab === 'indicators' || tab === 'browser' || tab === 'edit') s.tab = tab;
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
