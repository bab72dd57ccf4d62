import L from 'leaflet';
import { h, swatch } from '../app/dom';
import { onLangChange, t } from '../i18n';
import type { LegendItem } from '../layers/styles';

/** A titled block of the map legend; `hint` is shown instead of the items (e.g. "放大查看屋顶"). */
export interface LegendSection {
  title: string;
  items: LegendItem[];
  hint?: string | null;
}

/** The legend on the map (and in the exported PNG): the thematic map, the project types, the visible layers. */
export class LegendControl extends L.Control {
  private container: HTMLElement | null = null;
  private sections: LegendSection[] = [];
  private collapsed: boolean | null = null;
  private unlisten: (() => void) | null = null;

  constructor(options?: L.ControlOptions) {
    super({ position: 'bottomright', ...options });
  }

  onAdd(map: L.Map): HTMLElement {
    // on a narrow map (a tablet) the legend starts folded, so that it does not hide a third of the map
    if (this.collapsed === null) this.collapsed = map.getSize().x < 760;
    this.unlisten = onLangChange(() => this.render());
    this.container = h('div', { class: 'cm-map-legend leaflet-bar', 'data-testid': 'map-legend' });
    L.DomEvent.disableClickPropagation(this.container);
    L.DomEvent.disableScrollPropagation(this.container);
    this.render();
    return this.container;
  }

  onRemove(): void {
    this.unlisten?.();
    this.container = null;
  }

  setSections(sections: LegendSection[]): this {
    this.sections = sections;
    this.render();
    return this;
  }

  /** Folds or unfolds the legend (it folds while a feature is edited, so that it covers less of the map). */
  setCollapsed(collapsed: boolean): this {
    this.collapsed = collapsed;
    this.render();
    return this;
  }

  isCollapsed(): boolean {
    return !!this.collapsed;
  }

  getSections(): LegendSection[] {
    return this.sections;
  }

  private render(): void {
    if (!this.container) return;
    this.container.style.display = this.sections.length ? '' : 'none';
    this.container.classList.toggle('collapsed', !!this.collapsed);
    const toggle = h('button', {
      type: 'button', class: 'cm-legend-toggle', 'aria-expanded': String(!this.collapsed),
      onclick: () => { this.collapsed = !this.collapsed; this.render(); },
    }, `${t('legend.title')} ${this.collapsed ? '▸' : '▾'}`);
    this.container.replaceChildren(toggle, ...this.sections.map((s) => (s.hint
      // a layer not drawn at this zoom takes one line: its name and what to do
      ? h('div', { class: 'cm-legend-section cm-legend-hidden' }, h('strong', {}, s.title), ' ', h('span', { class: 'cm-zoom-hint' }, s.hint))
      : h('div', { class: 'cm-legend-section' }, h('h4', {}, s.title),
        h('ul', { class: 'cm-legend' }, ...s.items.map((i) => h('li', {}, swatch(i), i.label)))))));
  }
}
