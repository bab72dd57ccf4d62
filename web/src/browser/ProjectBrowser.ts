import L from 'leaflet';
import { api, ApiError, isAbort } from '../api/client';
import type { Feature, StreetProject, StreetProjects } from '../api/types';
import { PROJECT_TYPES, type ViewState, type ViewStore } from '../app/ViewState';
import { h, swatch } from '../app/dom';
import { formatNumber, onLangChange, t } from '../i18n';
import { PROJECT_COLORS } from '../layers/styles';
import type { LegendSection } from '../map/LegendControl';
import type { ProjectLayer } from './ProjectLayer';
import { download, formatMu, projectsCsv, projectTitle, statusName, typeName } from './projects';

const PAGE = 300;

/** What the browser needs from the map around it. */
export interface BrowserHost {
  map: L.Map;
  layer: ProjectLayer;
  /** exports the current map view as a PNG titled for the street */
  exportPng(title: string): Promise<void>;
  showError(message: string): void;
}

/**
 * The project browser for street offices (项目浏览): a street's parks, farmland projects, PV rooftops and forest plots
 * as a list beside the map, filtered by type, status and year; list and map select each other; the list exports to
 * CSV, the map to PNG. Street, filters and selection live in the URL.
 */
export class ProjectBrowser {
  readonly element = h('section', { class: 'cm-browser' });
  private streets: Feature[] = [];
  private data: StreetProjects | null = null;
  private loadedStreet: string | null = null;
  private controller: AbortController | null = null;
  private shown = PAGE;
  private listEl: HTMLElement | null = null;

  constructor(private readonly store: ViewStore, private readonly host: BrowserHost) {
    onLangChange(() => this.render());
    store.subscribe((s, changed) => {
      if (changed.has('street')) {
        this.load(s.street, true);
      } else if (changed.has('types') || changed.has('status') || changed.has('year')) {
        this.shown = PAGE;
        this.render();
        this.drawOnMap();
      } else if (changed.has('selected')) {
        this.markSelectedRow();
      }
    });
  }

  /** The streets (街道) to choose from; loads the street of the URL. */
  setStreets(streets: Feature[]): void {
    this.streets = [...streets].sort((a, b) => String(a.properties.code).localeCompare(String(b.properties.code)));
    this.render();
    const s = this.store.get();
    // a link with a street but no map view opens on the street; one with a view keeps it
    if (s.street && s.street !== this.loadedStreet) this.load(s.street, this.store.initial.center === null);
  }

  /** The projects that pass the filters, in list order. */
  filtered(s: ViewState = this.store.get()): StreetProject[] {
    if (!this.data) return [];
    return this.data.projects.filter((p) => s.types.includes(p.layer)
      && (!s.status || p.status === s.status) && (s.year === null || p.year === s.year));
  }

  /** Selects the listed project under a map click; true if there was one. */
  selectAt(latlng: L.LatLng): boolean {
    if (!this.data) return false;
    const p = this.host.layer.projectAt(latlng);
    if (!p) return false;
    this.select(p, false);
    return true;
  }

  /** The legend of the browser's map: one swatch per listed type. */
  legend(): LegendSection | null {
    if (!this.data) return null;
    const types = this.store.get().types;
    return { title: `${this.data.street.name} · ${t('tab.browser')}`, items: PROJECT_TYPES.filter((ty) => types.includes(ty))
      .map((ty) => ({ label: typeName(ty), fill: PROJECT_COLORS[ty] })) };
  }

  streetName(): string | null {
    return this.data?.street.name ?? null;
  }

  private async load(code: string | null, fit: boolean): Promise<void> {
    this.controller?.abort();
    this.element.dataset.mapReady = 'false';
    this.data = null;
    this.loadedStreet = code;
    this.shown = PAGE;
    this.render();
    if (!code) {
      await this.host.layer.show(null, null, []);
      return;
    }
    const controller = (this.controller = new AbortController());
    try {
      this.data = await api.streetProjects(code, controller.signal);
    } catch (e) {
      if (isAbort(e)) return;
      this.host.showError(e instanceof ApiError ? e.detail : String(e));
      return;
    }
    this.data.projects.sort((a, b) => PROJECT_TYPES.indexOf(a.layer) - PROJECT_TYPES.indexOf(b.layer)
      || (b.year ?? 0) - (a.year ?? 0) || a.title.localeCompare(b.title, 'zh-CN'));
    if (fit) {
      const [x0, y0, x1, y1] = this.data.street.bbox;
      this.host.map.fitBounds([[y0, x0], [y1, x1]], { padding: [20, 20] });
    }
    this.render();
    await this.drawOnMap();
  }

  private async drawOnMap(): Promise<void> {
    if (!this.data) return;
    this.element.dataset.mapReady = 'false';
    const street = this.streets.find((f) => f.properties.code === this.data!.street.code) ?? null;
    try {
      await this.host.layer.show(street, this.data.street.bbox, this.filtered());
      this.element.dataset.mapReady = 'true';
      this.host.map.fire('cm:projectsdrawn');
    } catch (e) {
      this.host.showError(e instanceof ApiError ? e.detail : String(e));
    }
  }

  private select(p: StreetProject, zoom: boolean): void {
    const key = `${p.layer}:${p.id}`;
    const index = this.filtered().findIndex((x) => `${x.layer}:${x.id}` === key);
    if (index >= this.shown) {
      this.shown = Math.ceil((index + 1) / PAGE) * PAGE;
      this.renderList();
    }
    this.store.set({ selected: key });
    const bounds = this.host.layer.select(key);
    if (zoom) {
      const [x0, y0, x1, y1] = p.bbox;
      this.host.map.fitBounds(bounds ?? L.latLngBounds([y0, x0], [y1, x1]), { maxZoom: 17, padding: [40, 40] });
    }
    this.markSelectedRow();
  }

  private render(): void {
    const s = this.store.get();
    const streetSelect = h('select', {
      id: 'cm-street', onchange: (e: Event) => this.store.set({
        street: (e.target as HTMLSelectElement).value || null, selected: null, status: null, year: null,
      }),
    }, h('option', { value: '' }, t('browser.chooseStreet')),
    ...this.streets.map((f) => h('option', { value: String(f.properties.code), selected: s.street === f.properties.code },
      String(f.properties.name))));

    const types = h('div', { class: 'cm-type-filter' }, ...PROJECT_TYPES.map((ty) => h('label', { class: 'cm-check' },
      h('input', {
        type: 'checkbox', value: ty, checked: s.types.includes(ty), 'data-type': ty,
        onchange: (e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          this.store.set({ types: PROJECT_TYPES.filter((x) => (x === ty ? on : this.store.get().types.includes(x))) });
        },
      }), swatch({ fill: PROJECT_COLORS[ty] }), typeName(ty))));

    const ofTypes = (this.data?.projects ?? []).filter((p) => s.types.includes(p.layer));
    const statuses = [...new Set(ofTypes.map((p) => p.status).filter((x): x is string => !!x))];
    const years = [...new Set(ofTypes.map((p) => p.year).filter((x): x is number => x !== null))].sort((a, b) => b - a);
    const statusSelect = h('select', {
      id: 'cm-status', onchange: (e: Event) => this.store.set({ status: (e.target as HTMLSelectElement).value || null }),
    }, h('option', { value: '' }, t('browser.all')),
    ...statuses.map((st) => h('option', { value: st, selected: s.status === st }, statusName(st))));
    const yearSelect = h('select', {
      id: 'cm-year', onchange: (e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        this.store.set({ year: v ? Number(v) : null });
      },
    }, h('option', { value: '' }, t('browser.all')),
    ...years.map((y) => h('option', { value: String(y), selected: s.year === y }, String(y))));

    const list = this.filtered();
    const actions = h('div', { class: 'cm-actions' },
      h('button', { type: 'button', id: 'cm-csv', disabled: !this.data, onclick: () => this.exportCsv() }, t('browser.csv')),
      h('button', { type: 'button', id: 'cm-png', disabled: !this.data, onclick: () => this.exportPng() }, t('browser.png')),
      h('button', { type: 'button', id: 'cm-link', onclick: (e: Event) => this.copyLink(e.target as HTMLButtonElement) }, t('browser.copyLink')));

    this.listEl = h('div', { class: 'cm-project-list', 'data-testid': 'project-list' });
    this.element.replaceChildren(
      h('h2', {}, t('browser.heading')),
      h('label', { class: 'cm-field' }, h('span', {}, t('browser.street')), streetSelect),
      h('div', { class: 'cm-field' }, h('span', {}, t('browser.type')), types),
      h('div', { class: 'cm-controls' },
        h('label', { class: 'cm-field' }, h('span', {}, t('browser.status')), statusSelect),
        h('label', { class: 'cm-field' }, h('span', {}, t('browser.year')), yearSelect)),
      actions,
      this.data ? h('p', { class: 'cm-muted', 'data-testid': 'project-count' }, t('browser.count', { n: formatNumber(list.length) })) : '',
      this.listEl,
    );
    this.renderList();
  }

  private renderList(): void {
    if (!this.listEl) return;
    if (!this.data) {
      this.listEl.replaceChildren(s(this.loadedStreet ? t('app.loading') : ''));
      return;
    }
    const list = this.filtered();
    if (list.length === 0) {
      this.listEl.replaceChildren(s(t('browser.empty')));
      return;
    }
    const rows = list.slice(0, this.shown).map((p) => h('tr', {
      'data-key': `${p.layer}:${p.id}`, tabindex: 0,
      onclick: () => this.select(p, true),
      onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === 'Enter') this.select(p, true); },
    },
    h('td', {}, swatch({ fill: PROJECT_COLORS[p.layer] })),
    h('td', { class: 'cm-project-title' }, projectTitle(p), h('small', { class: 'cm-muted' }, typeName(p.layer))),
    h('td', {}, statusName(p.status)),
    h('td', {}, p.year === null ? '' : String(p.year)),
    h('td', { class: 'num' }, formatMu(p.areaM2))));
    const table = h('table', { class: 'cm-projects' },
      h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, t('browser.col.title')), h('th', {}, t('browser.col.status')),
        h('th', {}, t('browser.col.year')), h('th', { class: 'num' }, t('browser.col.area')))),
      h('tbody', {}, ...rows));
    const more = list.length > this.shown
      ? h('button', { type: 'button', class: 'cm-more', onclick: () => { this.shown += PAGE; this.renderList(); } },
        t('browser.moreShown', { shown: this.shown, n: list.length }))
      : null;
    this.listEl.replaceChildren(table, more ?? '');
    this.markSelectedRow();
  }

  private markSelectedRow(): void {
    const key = this.store.get().selected;
    this.host.layer.select(key);
    let row: HTMLElement | null = null;
    for (const tr of this.element.querySelectorAll<HTMLTableRowElement>('tr[data-key]')) {
      const on = tr.dataset.key === key;
      tr.classList.toggle('selected', on);
      tr.setAttribute('aria-selected', String(on));
      if (on) row = tr;
    }
    row?.scrollIntoView({ block: 'nearest' });
  }

  private fileBase(): string {
    return `${this.data?.street.name ?? 'CarbonMap'}-${new Date().toISOString().slice(0, 10)}`;
  }

  private exportCsv(): void {
    download(new Blob([projectsCsv(this.filtered())], { type: 'text/csv;charset=utf-8' }), `${this.fileBase()}.csv`);
  }

  private async exportPng(): Promise<void> {
    await this.host.exportPng(t('browser.exportTitle', { street: this.data?.street.name ?? '' }));
  }

  private async copyLink(button: HTMLButtonElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(window.location.href);
      button.textContent = t('browser.linkCopied');
    } catch {
      window.prompt(t('browser.copyLink'), window.location.href);
    }
  }
}

const s = (text: string) => h('p', { class: 'cm-muted' }, text);
