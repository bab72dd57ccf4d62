import L from 'leaflet';
import { onLangChange, t } from '../i18n';

/** A north arrow (指北针): Web Mercator's north is always up. */
export class NorthArrow extends L.Control {
  private unlisten: (() => void) | null = null;

  constructor(options?: L.ControlOptions) {
    super({ position: 'topright', ...options });
  }

  onAdd(): HTMLElement {
    const div = L.DomUtil.create('div', 'cm-north leaflet-bar');
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', '0 0 24 32');
    svg.setAttribute('width', '24');
    svg.setAttribute('height', '32');
    const dark = document.createElementNS(svgNs, 'path');
    dark.setAttribute('d', 'M12 2 L20 28 L12 22 Z');
    dark.setAttribute('fill', '#222');
    const light = document.createElementNS(svgNs, 'path');
    light.setAttribute('d', 'M12 2 L4 28 L12 22 Z');
    light.setAttribute('fill', '#fff');
    light.setAttribute('stroke', '#222');
    svg.append(light, dark);
    const label = document.createElement('span');
    label.textContent = t('map.north');
    div.append(label, svg);
    this.unlisten = onLangChange(() => { label.textContent = t('map.north'); });
    return div;
  }

  onRemove(): void {
    this.unlisten?.();
    this.unlisten = null;
  }
}
