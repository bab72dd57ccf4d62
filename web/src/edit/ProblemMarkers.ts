import L from 'leaflet';
import type { WriteProblem } from '../api/types';

/**
 * The places the server's checks found a problem (a self-intersection, an overlap, a vertex outside the district): a
 * numbered marker each, its reason in a tooltip, so that the list in the panel and the map point at the same spot.
 */
export class ProblemMarkers extends L.Layer {
  private group = L.layerGroup();
  private problems: { problem: WriteProblem; text: string }[] = [];

  onAdd(map: L.Map): this {
    this.group.addTo(map);
    this.draw();
    return this;
  }

  onRemove(): this {
    this.group.clearLayers();
    this.group.remove();
    return this;
  }

  /** Shows the problems that have a location, each with the text the panel gives it. */
  setProblems(problems: { problem: WriteProblem; text: string }[]): this {
    this.problems = problems;
    this.draw();
    return this;
  }

  /** The location of the n-th problem (0-based), if it has one. */
  locationOf(n: number): L.LatLng | null {
    const c = this.problems[n]?.problem.location?.coordinates;
    return c ? L.latLng(c[1], c[0]) : null;
  }

  private draw(): void {
    this.group.clearLayers();
    if (!this._map) return;
    this.problems.forEach(({ problem, text }, i) => {
      const c = problem.location?.coordinates;
      if (!c) return;
      const marker = L.marker([c[1], c[0]], {
        icon: L.divIcon({ className: 'cm-problem-marker', html: String(i + 1), iconSize: [22, 22], iconAnchor: [11, 11] }),
        keyboard: false, zIndexOffset: 1000,
      });
      const span = document.createElement('span');
      span.textContent = text;
      marker.bindTooltip(span, { direction: 'top', offset: [0, -12], className: 'cm-problem-tooltip' });
      marker.on('add', () => {
        const el = marker.getElement();
        if (el) {
          el.dataset.code = problem.code;
          el.dataset.lon = String(c[0]);
          el.dataset.lat = String(c[1]);
          el.title = text;
        }
      });
      this.group.addLayer(marker);
    });
  }
}
