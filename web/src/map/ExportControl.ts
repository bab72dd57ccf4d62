import L from 'leaflet';
import { h } from '../app/dom';
import { onLangChange, t } from '../i18n';

/** A button on the map that exports the current view as a PNG (title, legend, scale bar, north arrow). */
export class ExportControl extends L.Control {
  private unlisten: (() => void) | null = null;

  constructor(private readonly onExport: () => void, options?: L.ControlOptions) {
    super({ position: 'topleft', ...options });
  }

  onAdd(): HTMLElement {
    const button = h('a', { href: '#', role: 'button', class: 'cm-export-button', 'data-testid': 'map-export' }, 'PNG');
    const setTitle = () => button.setAttribute('title', t('browser.png'));
    setTitle();
    this.unlisten = onLangChange(setTitle);
    L.DomEvent.on(button, 'click', (e) => {
      L.DomEvent.preventDefault(e);
      L.DomEvent.stopPropagation(e);
      this.onExport();
    });
    return h('div', { class: 'leaflet-bar' }, button);
  }

  onRemove(): void {
    this.unlisten?.();
    this.unlisten = null;
  }
}
