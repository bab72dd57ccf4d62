import L from 'leaflet';
import { ApiError } from '../api/client';
import type { Scenario } from '../api/scenarios';
import {
  PV_UNITS, pvPotentialUrl, pvRoofsUrl, where, type PvEnergyIndicator, type PvParameter, type PvPotential, type PvRoofQuery,
  type PvRoof, type PvRoofs, type PvRow, type PvToTarget, type PvUnit, type RoofTargetSet,
} from '../api/where';
import { h } from '../app/dom';
import { formatNumber, formatPercent, lang, pick, t, valueName, type MessageKey } from '../i18n';
import type { LegendSection } from '../map/LegendControl';
import { setLegend, setStyle } from './setLayer';
import { parameterErrors, shareText } from './where';

/** What the PV view needs from the tab that shows it. */
export interface PvHost {
  /** the map a unit's ranked roofs are drawn on */
  map: L.Map;
  current(): Scenario | null;
  /** whether the account may edit the parameters (ADMIN) */
  isAdmin(): boolean;
  notify(message: string, kind: 'info' | 'error'): void;
  /** a unit's roofs came onto the map or left it: the legend follows */
  legendChanged(): void;
}

const ROOF_PANE = 'cm-where-roofs';
const ROOF_Z = 414;
/** the roofs of a unit listed and drawn (largest first); the exports have them all */
const ROOF_LIMIT = 200;

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
  /** the unit whose roofs are ranked (a click on its row), its answer and its roofs on the map */
  private roofUnit: PvRow | null = null;
  private roofs: PvRoofs | null = null;
  private roofsError: string | null = null;
  private roofLayer: L.GeoJSON | null = null;
  private roofController: AbortController | null = null;
  /** which target set the ranked roofs mark (✓ rows, orange on the map) */
  private roofSet: RoofTargetSet = 'byCount';

  constructor(private readonly host: PvHost) {}

  async show(): Promise<void> {
    this.active = true;
    if (this.answer && this.loadedKey === pvPotentialUrl(this.unit, this.host.current()?.id ?? null)) {
      if (this.roofLayer) {
        this.roofLayer.addTo(this.host.map);
        this.host.legendChanged();
      }
      this.render();
      return;
    }
    await this.refresh();
  }

  hide(): void {
    this.active = false;
    this.controller?.abort();
    this.roofController?.abort();
    this.roofLayer?.remove();
    this.host.legendChanged();
  }

  /** The legend of a unit's ranked roofs on the map. */
  legend(): LegendSection | null {
    if (!this.active || !this.roofLayer || !this.host.map.hasLayer(this.roofLayer)) return null;
    return setLegend(t('where.pv.roofs.legend', { name: this.roofUnit?.name ?? '' }), t('where.pv.roofs.inSet'),
      t('where.pv.roofs.other'));
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
    this.clearRoofs();
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
      a ? this.roofsView() : '',
      a ? this.energy(a.energy) : '',
      a ? this.parameters(a.parameters) : '');
  }

  private table(rows: PvRow[]): HTMLElement {
    const need = (x: PvToTarget) => x.reachable ? formatNumber(x.roofs) : t('where.pv.unreachable', { n: formatNumber(x.roofs) });
    const cols = ['name', 'installedKwp', 'potentialKwp', 'installedKwh', 'potentialKwh', 'co2', 'withoutPv', 'byCount', 'byArea'];
    return h('div', { class: 'cm-table-scroll' }, h('table', { class: 'cm-table cm-pv-table', 'data-testid': 'pv-table' },
      h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', {}, t(`where.pv.col.${c}` as MessageKey))))),
      h('tbody', {}, ...rows.map((r) => h('tr', { 'data-code': r.code, class: r.code === this.roofUnit?.code ? 'cm-selected' : '',
        title: t('where.pv.roofs.hint'), onclick: () => void this.rankRoofs(r) },
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

  private roofQuery(r: PvRow): PvRoofQuery {
    return { unit: r.unit, code: r.code, limit: ROOF_LIMIT, scenario: this.host.current()?.id ?? null };
  }

  private clearRoofs(): void {
    this.roofController?.abort();
    this.roofLayer?.remove();
    this.roofLayer = null;
    this.roofs = null;
    this.roofsError = null;
    this.roofUnit = null;
    this.host.legendChanged();
  }

  /** A unit's eligible roofs without PV, largest first, those that reach the count target marked; on the map too. */
  private async rankRoofs(r: PvRow): Promise<void> {
    this.clearRoofs();
    this.roofUnit = r;
    this.render();
    const controller = new AbortController();
    this.roofController = controller;
    try {
      const q = this.roofQuery(r);
      const [roofs, features] = await Promise.all([where.pvRoofs(q, controller.signal), where.pvRoofsGeojson(q, controller.signal)]);
      if (controller.signal.aborted) return;
      this.roofs = roofs;
      if (!this.host.map.getPane(ROOF_PANE)) this.host.map.createPane(ROOF_PANE).style.zIndex = String(ROOF_Z);
      this.roofLayer = L.geoJSON(features as GeoJSON.FeatureCollection, {
        pane: ROOF_PANE, interactive: false,
        style: (f) => setStyle(inSet(f?.properties as PvRoof | undefined, this.roofSet)),
      });
      if (this.active) {
        this.roofLayer.addTo(this.host.map);
        const bounds = this.roofLayer.getBounds();
        if (bounds.isValid()) this.host.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
        this.host.legendChanged();
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      this.roofsError = e instanceof ApiError ? e.detail : String(e);
    }
    this.render();
  }

  private roofsView(): HTMLElement | string {
    const u = this.roofUnit;
    if (!u) return h('p', { class: 'cm-scope-note' }, t('where.pv.roofs.hint'));
    const section = h('section', { class: 'cm-where-roofs', 'data-testid': 'pv-roofs', 'data-code': u.code },
      h('h3', {}, t('where.pv.roofs.heading', { name: u.name })));
    if (this.roofsError) {
      section.append(h('p', { class: 'cm-form-error', role: 'alert' }, t('app.error', { detail: this.roofsError })));
      return section;
    }
    const a = this.roofs;
    if (!a) {
      section.append(h('p', { class: 'cm-muted' }, t('app.loading')));
      return section;
    }
    const q = this.roofQuery(u);
    const all = { ...q, limit: undefined };
    section.append(
      h('p', { class: 'cm-muted', 'data-testid': 'pv-roofs-summary' }, t('where.pv.roofs.summary', {
        n: formatNumber(a.count), set: formatNumber(a.targetRoofs), area: formatNumber(a.targetRoofsByArea),
        shown: formatNumber(a.roofs.length) }), a.areaTargetReachable ? '' : t('where.pv.roofs.areaUnreachable')),
      h('label', {}, t('where.pv.roofs.set'), ' ', h('select', { 'data-testid': 'pv-roofs-set', onchange: (ev: Event) => {
        this.roofSet = (ev.target as HTMLSelectElement).value as RoofTargetSet;
        this.roofLayer?.setStyle((f) => setStyle(inSet(f?.properties as PvRoof | undefined, this.roofSet)));
        this.render();
      } }, ...(['byCount', 'byArea'] as const).map((k) => h('option', { value: k, selected: k === this.roofSet },
        t(`where.pv.roofs.set.${k}` as MessageKey))))),
      h('div', { class: 'cm-actions' },
        h('a', { href: pvRoofsUrl(all, 'xlsx'), download: '', 'data-testid': 'pv-roofs-xlsx' }, t('where.export.xlsx')), ' ',
        h('a', { href: pvRoofsUrl(all, 'csv'), download: '', 'data-testid': 'pv-roofs-csv' }, t('where.export.csv'))),
      h('div', { class: 'cm-table-scroll' }, h('table', { class: 'cm-table cm-pv-table', 'data-testid': 'pv-roofs-table' },
        h('thead', {}, h('tr', {}, ...(['rank', 'id', 'use', 'roofArea', 'usable', 'potential', 'potentialMwh', 'inSet', 'inAreaSet'] as const)
          .map((c) => h('th', {}, t(`where.pv.roofs.col.${c}` as MessageKey))))),
        h('tbody', {}, ...a.roofs.map((r) => h('tr', { 'data-id': String(r.id), class: inSet(r, this.roofSet) ? 'cm-where-in-set' : '' },
          h('td', {}, r.rank), h('td', {}, r.id), h('td', {}, valueName('building_use', r.buildingUse, lang())),
          h('td', { class: 'cm-num' }, formatNumber(r.roofAreaM2, 0)),
          h('td', { class: 'cm-num' }, formatNumber(r.usableM2, 0)),
          h('td', { class: 'cm-num' }, formatNumber(r.potentialKwp, 0)),
          h('td', { class: 'cm-num' }, formatNumber(r.potentialKwhPerYear / 1000, 1)),
          h('td', {}, r.inTargetSet ? '✓' : ''),
          h('td', {}, r.inAreaTargetSet ? '✓' : '')))))));
    return section;
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

/** Whether a ranked roof is in the target set chosen. */
function inSet(r: Pick<PvRoof, 'inTargetSet' | 'inAreaTargetSet'> | undefined, set: RoofTargetSet): boolean {
  return !!r && (set === 'byArea' ? r.inAreaTargetSet : r.inTargetSet);
}
