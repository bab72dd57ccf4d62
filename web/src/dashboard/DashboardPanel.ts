import type { PlanIndicator, UnitMetrics } from '../api/types';
import type { UnitSet, ViewStore } from '../app/ViewState';
import { h } from '../app/dom';
import { onLangChange, t, type MessageKey } from '../i18n';
import { INDICATORS, INDICATOR_KEYS, targetLines } from '../indicators/indicators';
import { planTable } from './PlanTable';
import { targetCards } from './TargetCards';
import { UnitChart } from './UnitChart';
import { unitFigures } from './unitFigures';

/** The units of a unit set: control zones and functional areas, or streets. */
export function unitsOf(all: UnitMetrics[], set: UnitSet): UnitMetrics[] {
  return set === 'streets'
    ? all.filter((u) => u.unit === 'street')
    : all.filter((u) => u.unit === 'zone' && (u.zoneType === 'control_level' || u.zoneType === 'functional_area'));
}

/** A view the indicators tab shows in a folded section, fetched only while unfolded (差距与候选, 光伏潜力). */
export interface FoldedView {
  readonly element: HTMLElement;
  show(): Promise<void>;
  hide(): void;
  /** the unit chosen on the tab (a click on a bar or on the map) */
  choose?(unit: string, code: string): void;
}

interface Fold {
  title: MessageKey;
  view: FoldedView;
  details: HTMLDetailsElement;
  summary: HTMLElement;
}

/**
 * The indicators tab (指标): the plan's targets as cards, the thematic map's settings, a bar chart per unit, the
 * chosen unit's figures and the non-spatial indicators.
 */
export class DashboardPanel {
  readonly element = h('section', { class: 'cm-dashboard' });
  private readonly chart: UnitChart;
  private metrics: UnitMetrics[] = [];
  private plan: PlanIndicator[] | null = null;
  private selected: UnitMetrics | null = null;
  /** the survey season selector and what it means (drawn at the top; the survey tab provides it) */
  private seasonControl: (() => Node[]) | null = null;
  /** the scenario whose figures are shown, and how to go back to the live state; null: live */
  private scenario: { name: string; year: number; author: string } | null = null;
  private backToLive: () => void = () => undefined;
  /** the live figures beside a scenario's */
  private live: UnitMetrics[] | null = null;
  /** where to act, below the unit's figures (folded until opened) */
  private readonly folds: Fold[] = [];

  constructor(private readonly store: ViewStore, onSelectUnit: (u: UnitMetrics) => void) {
    this.chart = new UnitChart((u) => onSelectUnit(u));
    onLangChange(() => this.render());
    store.subscribe((s, changed) => {
      if (changed.has('indicator') || changed.has('units') || changed.has('choropleth')) this.render();
      if (changed.has('tab') && s.tab === 'indicators') this.renderChart();
      if (changed.has('tab')) this.showFolds();
    });
  }

  /** Adds a folded section (e.g. 差距与候选) below the chosen unit's figures. */
  addFold(title: MessageKey, testId: string, view: FoldedView): void {
    const summary = h('summary', {}, t(title));
    const details = h('details', { class: 'cm-fold', 'data-testid': testId }, summary, view.element) as HTMLDetailsElement;
    const fold = { title, view, details, summary };
    details.addEventListener('toggle', () => this.showFold(fold));
    this.folds.push(fold);
    if (this.selected) view.choose?.(this.selected.unit, this.selected.code);
    this.render();
  }

  /** The folded views again (the tab was opened or left, the scenario shown changed). */
  showFolds(): void {
    for (const f of this.folds) this.showFold(f);
  }

  private showFold(f: Fold): void {
    if (f.details.open && this.store.get().tab === 'indicators') void f.view.show();
    else f.view.hide();
  }

  setData(metrics: UnitMetrics[], plan: PlanIndicator[] | null): void {
    this.plan = plan;
    this.setMetrics(metrics);
  }

  /** New figures (they change with every save). */
  setMetrics(metrics: UnitMetrics[]): void {
    this.metrics = metrics;
    if (this.selected) this.selected = metrics.find((m) => m.unit === this.selected!.unit && m.code === this.selected!.code) ?? null;
    this.render();
  }

  /** The scenario whose figures are shown (null: the live state), with the way back to the live state. */
  setScenario(s: { name: string; year: number; author: string } | null, backToLive: () => void): void {
    this.scenario = s;
    this.backToLive = backToLive;
    this.render();
  }

  /** The live figures, while a scenario's are shown (the cards say where the live state stands); else null. */
  setLive(live: UnitMetrics[] | null): void {
    this.live = live;
  }

  /** The survey season selector shown above the figures (they are the chosen season's). */
  setSeasonControl(control: (() => Node[]) | null): void {
    this.seasonControl = control;
    this.render();
  }

  /** Shows a unit's figures (after a click on a bar or on the map). */
  showUnit(u: UnitMetrics | null): void {
    this.selected = u;
    if (u) for (const f of this.folds) f.view.choose?.(u.unit, u.code);
    this.render();
  }

  private render(): void {
    const s = this.store.get();
    const indicatorSelect = h('select', {
      id: 'cm-indicator', onchange: (e: Event) => this.store.set({ indicator: (e.target as HTMLSelectElement).value as never }),
    }, ...INDICATOR_KEYS.map((k) => h('option', { value: k, selected: s.indicator === k }, t(INDICATORS[k].title))));
    const unitSelect = h('select', {
      id: 'cm-units', onchange: (e: Event) => this.store.set({ units: (e.target as HTMLSelectElement).value as UnitSet }),
    }, ...(['zones', 'streets'] as const).map((k) => h('option', { value: k, selected: s.units === k }, t(`choropleth.units.${k}`))));
    const show = h('label', { class: 'cm-check' }, h('input', {
      type: 'checkbox', id: 'cm-choropleth', checked: s.choropleth,
      onchange: (e: Event) => this.store.set({ choropleth: (e.target as HTMLInputElement).checked }),
    }), t('choropleth.show'));

    const scenario = this.live ? this.scenario : null;
    this.element.dataset.figures = scenario ? 'scenario' : 'live';
    this.element.replaceChildren(
      h('h2', {}, t('dashboard.heading')),
      scenario ? h('div', { class: 'cm-scenario-banner', 'data-testid': 'scenario-banner' },
        h('div', {}, t('scenario.banner', { name: scenario.name, year: scenario.year })),
        h('small', {}, t('scenario.bannerNote', { year: scenario.year, author: scenario.author })), ' ',
        h('button', { type: 'button', class: 'cm-link', 'data-action': 'back-to-live', onclick: () => this.backToLive() }, t('scenario.backToLive')))
        : '',
      ...(scenario ? [] : this.seasonControl?.() ?? []),
      h('p', { class: 'cm-muted' }, t(scenario ? 'scenario.cardsHint' : 'dashboard.cardsHint')),
      targetCards(this.metrics, scenario ? this.live : null),
      h('h2', {}, t('choropleth.heading')),
      h('div', { class: 'cm-controls' },
        h('label', { class: 'cm-field' }, h('span', {}, t('choropleth.indicator')), indicatorSelect),
        h('label', { class: 'cm-field' }, h('span', {}, t('choropleth.units')), unitSelect),
        show),
      this.chart.element,
      h('div', { class: 'cm-chart-caption', 'data-testid': 'chart-targets' },
        h('span', { class: 'cm-swatch cm-swatch-line cm-swatch-dashed', style: 'border-color:#d7301f' }),
        t('dashboard.chartTargets'), ...targetLines(INDICATORS[s.indicator], this.metrics).map((l) => h('div', {}, l))),
      this.selected ? unitFigures(this.selected) : '',
      ...this.folds.map((f) => {
        f.summary.textContent = t(f.title);
        return f.details;
      }),
      h('h2', {}, t('dashboard.plan.heading')),
      planTable(this.plan),
    );
    this.renderChart();
  }

  private renderChart(): void {
    if (!this.element.isConnected || this.element.offsetParent === null || this.metrics.length === 0) return;
    const s = this.store.get();
    void this.chart.render(INDICATORS[s.indicator], unitsOf(this.metrics, s.units), this.metrics);
  }
}
