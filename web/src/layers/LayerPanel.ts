import type { ViewStore } from '../app/ViewState';
import { h, swatch } from '../app/dom';
import { formatNumber, onLangChange, pick, t, type MessageKey } from '../i18n';
import type { GeoServerWmsGroup } from './GeoServerWmsGroup';
import type { LayerSet } from './LayerSet';

/**
 * The layer switcher (图层): each layer with its feature count, legend and, when zoomed out too far, the zoom hint
 * ("放大查看屋顶"); how forest plots are coloured; the base map; and, when a GeoServer is configured, the overlay group
 * of its WMS layers.
 */
export class LayerPanel {
  readonly element = h('section', { class: 'cm-layer-panel' });

  constructor(private readonly layers: LayerSet, private readonly store: ViewStore, private readonly hasTiandituKey: boolean,
              private readonly wms: GeoServerWmsGroup | null = null) {
    onLangChange(() => this.render());
    layers.on('statechange', () => this.render());
    store.subscribe((_, changed) => {
      if (changed.has('layers') || changed.has('forest') || changed.has('basemap') || changed.has('zoom')) this.render();
    });
    this.render();
  }

  render(): void {
    const state = this.store.get();
    const list = h('ul', { class: 'cm-layer-list' });
    for (const l of [...this.layers.layers].reverse()) {
      const name = l.info.name;
      const on = state.layers.includes(name);
      const checkbox = h('input', {
        type: 'checkbox', checked: on, 'data-layer': name,
        onchange: (e: Event) => {
          const checked = (e.target as HTMLInputElement).checked;
          const names = this.layers.layers.map((x) => x.info.name)
            .filter((n) => (n === name ? checked : this.store.get().layers.includes(n)));
          this.store.set({ layers: names });
        },
      });
      const loadState = this.layers.stateOf(name);
      const hint = on && loadState === 'hidden'
        ? h('div', { class: 'cm-zoom-hint' }, t(`layers.zoomHint.${name}` as MessageKey, { z: l.minZoom }))
        : null;
      const legend = on ? h('ul', { class: 'cm-legend' }, ...this.layers.legendOf(name, state.forest)
        .map((item) => h('li', {}, swatch(item), item.label))) : null;
      list.append(h('li', { class: `cm-layer${on ? ' on' : ''}`, 'data-layer': name },
        h('label', {}, checkbox, h('span', { class: 'cm-layer-title' }, pick(l.info.title)),
          h('span', { class: 'cm-layer-count' }, t('layers.count', { n: formatNumber(l.info.featureCount) })),
          on && loadState === 'loading' ? h('span', { class: 'cm-spinner', title: t('layers.loading') }) : null),
        hint, legend));
    }

    const forest = h('div', { class: 'cm-field' }, h('span', {}, t('layers.forestStyle')),
      ...(['canopy', 'species'] as const).map((mode) => h('label', { class: 'cm-radio' },
        h('input', { type: 'radio', name: 'forest-mode', value: mode, checked: state.forest === mode,
          onchange: () => this.store.set({ forest: mode }) }),
        t(`layers.forestStyle.${mode}`))));

    const basemap = h('select', {
      id: 'cm-basemap', disabled: !this.hasTiandituKey,
      onchange: (e: Event) => this.store.set({ basemap: (e.target as HTMLSelectElement).value as 'none' | 'vec' | 'img' }),
    }, ...(['none', 'vec', 'img'] as const).map((k) => h('option', { value: k, selected: state.basemap === k }, t(`layers.basemap.${k}`))));
    const basemapField = h('label', { class: 'cm-field' }, h('span', {}, t('layers.basemap')), basemap,
      this.hasTiandituKey ? null : h('small', { class: 'cm-muted' }, t('layers.basemap.noKey')));

    const wms = this.wmsGroup();
    this.element.replaceChildren(list, forest, basemapField, ...(wms ? [wms] : []));
  }

  /** "GeoServer WMS": one checkbox per published layer; nothing at all without a configured GeoServer. */
  private wmsGroup(): HTMLElement | null {
    const wms = this.wms;
    if (!wms) return null;
    return h('fieldset', { class: 'cm-wms-group' }, h('legend', {}, t('layers.geoserver')),
      h('ul', { class: 'cm-layer-list' }, ...wms.names.map((name) => h('li', { class: 'cm-layer' },
        h('label', {}, h('input', {
          type: 'checkbox', checked: wms.isOn(name), 'data-wms-layer': name,
          onchange: (e: Event) => wms.toggle(name, (e.target as HTMLInputElement).checked),
        }), h('span', { class: 'cm-layer-title' }, this.titleOf(name)))))),
      h('small', { class: 'cm-muted' }, t('layers.geoserver.note')));
  }

  private titleOf(name: string): string {
    const layer = this.layers.layers.find((l) => l.info.name === name);
    return layer ? pick(layer.info.title) : name;
  }
}
