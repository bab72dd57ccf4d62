import L from 'leaflet';
import { ApiError } from '../api/client';
import { compareExportUrl, scenarios, type ChangeCollection, type Comparison, type Scenario } from '../api/scenarios';
import { h, swatch } from '../app/dom';
import type { CompareUnits, ViewStore } from '../app/ViewState';
import { t } from '../i18n';
import { unitName } from '../indicators/indicators';
import { OutlineOverlay, type Outline } from '../layers/OutlineOverlay';
import type { LegendSection } from '../map/LegendControl';
import { CompareChart } from './CompareChart';
import {
  apiUnitOf, columnTitle, COMPARE_INDICATORS, COMPARE_UNIT_SETS, compareIndicator, compareTable, inUnitSet, LIVE_COLOR,
  scenarioColor,
} from './scenario';

export interface CompareHost {
  map: L.Map;
  store: ViewStore;
  /** the scenarios the account may read */
  scenarios(): Scenario[];
  notify(message: string, kind: 'info' | 'error'): void;
  legendChanged(): void;
}

/**
 * The comparison (对比): 现状 and two or more scenarios side by side — one table per indicator and unit (the units
 * chosen from the barrier, the control levels, the zones, the streets or the district), one chart, and on the map
 * what each scenario adds, in its colour. The comparison exports as Excel and as a PDF report.
 */
export class CompareView {
  readonly element = h('div', { class: 'cm-compare', 'data-testid': 'compare' });
  private readonly chart = new CompareChart();
  private readonly changes = new OutlineOverlay({ pane: 'cm-scenario-changes', zIndex: 411 });
  private comparison: Comparison | null = null;
  private loadedKey: string | null = null;
  private error: string | null = null;
  private changeCache = new Map<string, ChangeCollection>();
  private showChanges = true;
  private active = false;
  private controller: AbortController | null = null;

  constructor(private readonly host: CompareHost) {}

  /** The scenarios compared: those of the URL that the account may read, in the order chosen. */
  private ids(): number[] {
    const readable = new Set(this.host.scenarios().map((s) => s.id));
    return this.host.store.get().compare.filter((id) => readable.has(id));
  }

  private key(): string {
    const s = this.host.store.get();
    return `${this.ids().join(',')}|${apiUnitOf(s.compareUnits)}`;
  }

  /** Shows the view (and the changes on the map); fetches the comparison when the choice changed. */
  async show(): Promise<void> {
    this.active = true;
    this.render();
    await this.refresh();
  }

  hide(): void {
    this.active = false;
    this.controller?.abort();
    this.changes.remove();
    this.host.legendChanged();
  }

  /** Something a scenario counts changed: the comparison is fetched again when shown. */
  invalidate(id: number | null = null): void {
    this.loadedKey = null;
    if (id === null) this.changeCache.clear();
    else for (const k of [...this.changeCache.keys()]) if (k.startsWith(`${id}|`)) this.changeCache.delete(k);
    if (this.active) void this.refresh();
  }

  private async refresh(): Promise<void> {
    const key = this.key();
    if (key !== this.loadedKey) {
      this.controller?.abort();
      const controller = (this.controller = new AbortController());
      const s = this.host.store.get();
      try {
        const c = await scenarios.compare(this.ids(), apiUnitOf(s.compareUnits), controller.signal);
        if (controller.signal.aborted) return;
        this.comparison = c;
        this.loadedKey = key;
        this.error = null;
      } catch (e) {
        if (controller.signal.aborted) return;
        this.comparison = null;
        this.error = e instanceof ApiError ? e.detail : String(e);
      }
      this.render();
    }
    await this.drawChanges();
  }

  /** What each compared scenario changes, on the map in its colour. */
  private async drawChanges(): Promise<void> {
    const ids = this.ids();
    if (!this.active || !this.showChanges || ids.length === 0) {
      this.changes.remove();
      this.host.legendChanged();
      return;
    }
    const outlines: Outline[] = [];
    for (const [i, id] of ids.entries()) {
      const s = this.host.scenarios().find((x) => x.id === id);
      const cacheKey = `${id}|${s?.version ?? 0}`;
      let fc = this.changeCache.get(cacheKey);
      if (!fc) {
        try {
          fc = await scenarios.changes(id);
          this.changeCache.set(cacheKey, fc);
        } catch (e) {
          this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
          continue;
        }
      }
      if (!this.active) return;
      const color = scenarioColor(i);
      for (const f of fc.features) {
        const removed = f.properties.op === 'delete';
        outlines.push({ geometry: f.geometry, style: removed
          ? { color, weight: 2, dashArray: '4 4', fill: false, opacity: 0.95 }
          : { color, weight: 2, fillColor: color, fillOpacity: 0.35, opacity: 0.95 } });
      }
    }
    if (!this.active) return;
    this.changes.setOutlines(outlines);
    if (!this.host.map.hasLayer(this.changes)) this.changes.addTo(this.host.map);
    this.element.dataset.changes = String(outlines.length);
    this.host.legendChanged();
  }

  /** The legend of the changes layer: one colour per scenario, and how deletions look. */
  legend(): LegendSection | null {
    if (!this.active || !this.host.map.hasLayer(this.changes)) return null;
    const ids = this.ids();
    return {
      title: t('scenario.compare.mapLegend'),
      items: [
        ...ids.map((id, i) => {
          const s = this.host.scenarios().find((x) => x.id === id);
          return { label: s ? t('scenario.nameYear', { name: s.name, year: s.year }) : `#${id}`, fill: scenarioColor(i) };
        }),
        { label: t('scenario.compare.mapDeleted'), stroke: '#555', dashed: true },
      ],
    };
  }

  /** The bounds of the changes on the map. */
  bounds(): L.LatLngBounds | null {
    return this.host.map.hasLayer(this.changes) ? this.changes.getBounds() : null;
  }

  render(): void {
    const s = this.host.store.get();
    const list = this.host.scenarios();
    const ids = this.ids();
    const picker = h('fieldset', { class: 'cm-compare-picker' }, h('legend', {}, t('scenario.compare.pick')),
      h('label', { class: 'cm-check' }, h('input', { type: 'checkbox', checked: true, disabled: true }), swatch({ fill: LIVE_COLOR }), t('scenario.live')),
      ...list.map((sc) => {
        const at = ids.indexOf(sc.id);
        return h('label', { class: 'cm-check', 'data-scenario': sc.id },
          h('input', { type: 'checkbox', value: String(sc.id), checked: at >= 0, 'data-compare': sc.id, onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            const now = this.host.store.get().compare.filter((x) => x !== sc.id);
            this.host.store.set({ compare: on ? [...now, sc.id] : now });
          } }),
          at >= 0 ? swatch({ fill: scenarioColor(at) }) : '', t('scenario.nameYear', { name: sc.name, year: sc.year }));
      }));
    const unitSelect = h('select', { id: 'cm-compare-units', onchange: (e: Event) =>
      this.host.store.set({ compareUnits: (e.target as HTMLSelectElement).value as CompareUnits }) },
    ...COMPARE_UNIT_SETS.map((u) => h('option', { value: u, selected: s.compareUnits === u }, t(`scenario.units.${u}`))));
    const indicator = compareIndicator(s.compareIndicator);
    const indicatorSelect = h('select', { id: 'cm-compare-indicator', onchange: (e: Event) =>
      this.host.store.set({ compareIndicator: (e.target as HTMLSelectElement).value }) },
    ...COMPARE_INDICATORS.map((i) => h('option', { value: i.key, selected: i.key === indicator.key }, t(i.title))));
    const exportUnit = apiUnitOf(s.compareUnits);
    const exports = h('div', { class: 'cm-report-buttons', 'data-testid': 'compare-exports' },
      h('a', { class: 'cm-button cm-primary', href: compareExportUrl('xlsx', ids, exportUnit), download: '', 'data-format': 'xlsx' }, t('scenario.compare.xlsx')),
      h('a', { class: 'cm-button', href: compareExportUrl('pdf', ids, exportUnit), download: '', 'data-format': 'pdf' }, t('scenario.compare.pdf')));
    const mapToggle = h('label', { class: 'cm-check' }, h('input', { type: 'checkbox', id: 'cm-compare-map', checked: this.showChanges,
      onchange: (e: Event) => { this.showChanges = (e.target as HTMLInputElement).checked; void this.drawChanges(); } }), t('scenario.compare.showMap'));
    const zoom = h('button', { type: 'button', class: 'cm-link', 'data-action': 'zoom-changes', onclick: () => {
      const b = this.bounds();
      if (b?.isValid()) this.host.map.fitBounds(b, { padding: [30, 30] });
    } }, t('scenario.compare.zoom'));

    const c = this.comparison;
    const body: Node[] = [];
    if (this.error) body.push(h('p', { class: 'cm-form-error', role: 'alert' }, t('app.error', { detail: this.error })));
    else if (!c) body.push(h('p', { class: 'cm-muted' }, t('app.loading')));
    else {
      const units = c.units.filter((u) => inUnitSet(u, s.compareUnits));
      body.push(h('h3', {}, t('scenario.compare.chartTitle', { indicator: t(indicator.title), units: t(`scenario.units.${s.compareUnits}`) })), this.chart.element);
      body.push(this.table(c));
      // the chart measures its element: drawn once it is in the page
      queueMicrotask(() => void this.chart.render(indicator, c.columns, units).then(() => { this.element.dataset.chart = 'drawn'; }));
    }
    this.element.replaceChildren(
      h('p', { class: 'cm-muted' }, t('scenario.compare.intro')),
      picker,
      ids.length < 2 ? h('p', { class: 'cm-scope-note', 'data-testid': 'compare-hint' }, t('scenario.compare.pickMore')) : '',
      h('div', { class: 'cm-controls' },
        h('label', { class: 'cm-field' }, h('span', {}, t('scenario.compare.units')), unitSelect),
        h('label', { class: 'cm-field' }, h('span', {}, t('scenario.compare.indicator')), indicatorSelect)),
      h('div', { class: 'cm-compare-map' }, mapToggle, ' ', zoom),
      exports,
      ...body,
    );
  }

  private table(c: Comparison): HTMLElement {
    const s = this.host.store.get();
    const groups = compareTable(c, s.compareUnits);
    let scenarioIndex = 0;
    const colors = c.columns.map((col) => (col.key === 'live' ? LIVE_COLOR : scenarioColor(scenarioIndex++)));
    const head = h('tr', {}, h('th', { scope: 'col' }, t('scenario.compare.indicatorCol')),
      ...c.columns.map((col, i) => h('th', { scope: 'col', 'data-col': col.key }, swatch({ fill: colors[i] }), ' ', columnTitle(col),
        col.author ? h('small', { class: 'cm-muted' }, col.author) : '')));
    const rows: HTMLElement[] = [];
    for (const g of groups) {
      rows.push(h('tr', { class: 'cm-compare-unit', 'data-unit': g.unit.code },
        h('th', { colspan: String(c.columns.length + 1), scope: 'colgroup' }, unitName(g.unit))));
      for (const r of g.rows) {
        rows.push(h('tr', { 'data-unit': g.unit.code, 'data-indicator': r.indicator.key },
          h('th', { scope: 'row' }, t(r.indicator.title)),
          ...r.cells.map((cell, i) => h('td', { 'data-col': c.columns[i].key, 'data-value': cell.value === null ? '' : String(cell.value) },
            h('span', { class: 'cm-compare-value' }, cell.text),
            cell.delta ? h('small', { class: 'cm-compare-delta' }, cell.delta) : '',
            cell.gap ? h('small', { class: `cm-gap cm-gap-${cell.gap.kind}`, 'data-testid': 'gap' }, cell.gap.text) : ''))));
      }
    }
    if (groups.length === 0) rows.push(h('tr', {}, h('td', { colspan: String(c.columns.length + 1) }, t('scenario.compare.noUnits'))));
    return h('div', { class: 'cm-table-scroll' }, h('table', { class: 'cm-compare-table', 'data-testid': 'compare-table' },
      h('thead', {}, head), h('tbody', {}, ...rows)));
  }
}
