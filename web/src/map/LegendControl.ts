import L from 'leaflet';
import { h, swatch } from '../app/dom';
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

  constructor(options?: L.ControlOptions) {
    super({ position: 'bottomright', ...options });
  }

  onAdd(): HTMLElement {
    this.container = h('div', { class: 'cm-map-legend leaflet-bar', 'data-testid': 'map-legend' });
    L.DomEvent.disableClickPropagation(this.container);
    L.DomEvent.disableScrollPropagation(this.container);
    this.render();
    return this.container;
  }

  onRemove(): void {
    this.container = null;
  }

  setSections(sections: LegendSection[]): this {
    this.sections = sections;
    this.render();
    return this;
  }

  getSections(): LegendSection[] {
    return this.sections;
  }

  private render(): void {
    if (!this.container) return;
    this.container.style.display = this.sections.length ? '' : 'none';
    this.container.replaceChildren(...this.sections.map((s) => (s.hint
      // a layer not drawn at this zoom takes one line: its name and what to do
      ? h('div', { class: 'cm-legend-section cm-legend-hidden' }, h('strong', {}, s.title), ' ', h('span', { class: 'cm-zoom-hint' }, s.hint))
      : h('div', { class: 'cm-legend-section' }, h('h4', {}, s.title),
        h('ul', { class: 'cm-legend' }, ...s.items.map((i) => h('li', {}, swatch(i), i.label)))))));
  }
}
