import L from 'leaflet';
import type { DraftFeature } from '../api/scenarios';
import type { Bbox } from '../api/types';
import { t } from '../i18n';
import { containsPoint, geometryBbox } from '../layers/geometry';
import { geometryToPath } from '../layers/paths';
import { SvgPaneLayer, type SvgPaneLayerOptions } from '../layers/SvgPaneLayer';
import type { LegendItem } from '../layers/styles';

/** the pane of the drafts (above the live layers, under the editor's working copy), created with `zIndex` */
export type DraftLayerOptions = SvgPaneLayerOptions;

/** Colours of the drafts: violet for what a scenario draws, red for what it deletes, orange for a conflict. */
export const DRAFT_COLOR = '#4527a0';
export const DELETE_COLOR = '#c62828';
export const CONFLICT_COLOR = '#ef6c00';

interface Drawn { draft: DraftFeature; path: L.Path; bbox: Bbox }

/** Puts the SVG patterns of the drafts' fills in the page once (a path's CSS fill refers to them by id). */
function ensurePatterns(): void {
  if (document.getElementById('cm-draft-patterns')) return;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.id = 'cm-draft-patterns';
  svg.setAttribute('width', '0');
  svg.setAttribute('height', '0');
  svg.setAttribute('aria-hidden', 'true');
  svg.style.position = 'absolute';
  const defs = document.createElementNS(ns, 'defs');
  const hatch = (id: string, color: string, background: string, opacity: string) => {
    const p = document.createElementNS(ns, 'pattern');
    p.id = id;
    p.setAttribute('patternUnits', 'userSpaceOnUse');
    p.setAttribute('width', '8');
    p.setAttribute('height', '8');
    p.setAttribute('patternTransform', 'rotate(45)');
    const bg = document.createElementNS(ns, 'rect');
    bg.setAttribute('width', '8');
    bg.setAttribute('height', '8');
    bg.setAttribute('fill', background);
    bg.setAttribute('fill-opacity', opacity);
    const line = document.createElementNS(ns, 'rect');
    line.setAttribute('width', '2.5');
    line.setAttribute('height', '8');
    line.setAttribute('fill', color);
    line.setAttribute('fill-opacity', '0.75');
    p.append(bg, line);
    defs.append(p);
  };
  hatch('cm-draft-hatch', DRAFT_COLOR, '#d1c4e9', '0.3');
  hatch('cm-draft-strike', DELETE_COLOR, '#9e9e9e', '0.45');
  svg.append(defs);
  document.body.append(svg);
}

/** The style of a draft on the map: hatched violet (drawn, reshaped), struck-through red (deleted), orange (conflict). */
export function draftStyle(d: DraftFeature): L.PathOptions {
  if (d.scenario.conflict) {
    return { color: CONFLICT_COLOR, weight: 3, dashArray: '3 5', fillColor: CONFLICT_COLOR, fillOpacity: 0.12, className: 'cm-draft cm-draft-conflict' };
  }
  if (d.scenario.op === 'delete') {
    return { color: DELETE_COLOR, weight: 2, dashArray: '5 4', fillColor: '#9e9e9e', fillOpacity: 0.35, className: 'cm-draft cm-draft-delete' };
  }
  return { color: DRAFT_COLOR, weight: 3, dashArray: '7 4', fillColor: DRAFT_COLOR, fillOpacity: 0.18, className: 'cm-draft cm-draft-edit' };
}

/** The legend of the drafts (情景草稿): drawn or reshaped, deleted, in conflict. */
export function draftLegend(): LegendItem[] {
  return [
    { label: t('scenario.legend.draft'), fill: '#d1c4e9', stroke: DRAFT_COLOR, dashed: true },
    { label: t('scenario.legend.deleted'), fill: '#bdbdbd', stroke: DELETE_COLOR, dashed: true },
    { label: t('scenario.legend.conflict'), stroke: CONFLICT_COLOR, dashed: true },
  ];
}

/**
 * A scenario's draft edits on the map, drawn distinctly from the live layers: new and reshaped features hatched in
 * violet with a dashed outline, deleted ones struck through in red, conflicting ones (not applied) in orange. SVG,
 * never clickable itself (the map asks {@link draftAt}), never a snap target; the draft being edited is left out
 * (the editor draws its working copy).
 */
export class DraftLayer extends SvgPaneLayer {
  private list: DraftFeature[] = [];
  private drawn: Drawn[] = [];
  private editing: number | null = null;

  onAdd(map: L.Map): this {
    ensurePatterns();
    return super.onAdd(map);
  }

  /** The drafts of the scenario (every layer). */
  setDrafts(drafts: DraftFeature[]): this {
    this.list = drafts;
    this.draw();
    return this;
  }

  drafts(): DraftFeature[] {
    return this.list;
  }

  /** Leaves out the draft being edited (its working copy is on the map), or none. */
  setEditing(draftId: number | null): this {
    if (draftId !== this.editing) {
      this.editing = draftId;
      this.draw();
    }
    return this;
  }

  /** The draft of a layer under a point (the last drawn, as it is on top), or null. */
  draftAt(layer: string, latlng: L.LatLng): DraftFeature | null {
    let hit: DraftFeature | null = null;
    for (const d of this.drawn) {
      const [x0, y0, x1, y1] = d.bbox;
      if (d.draft.scenario.layer !== layer || latlng.lng < x0 || latlng.lng > x1 || latlng.lat < y0 || latlng.lat > y1) continue;
      if (containsPoint(d.draft.geometry, latlng.lng, latlng.lat)) hit = d.draft;
    }
    return hit;
  }

  /** The bounds of one draft, or of all. */
  boundsOf(draftId: number | null = null): L.LatLngBounds | null {
    let b: L.LatLngBounds | null = null;
    for (const d of this.list) {
      if (draftId !== null && d.id !== draftId) continue;
      const [x0, y0, x1, y1] = geometryBbox(d.geometry);
      const db = L.latLngBounds([y0, x0], [y1, x1]);
      b = b ? b.extend(db) : db;
    }
    return b;
  }

  protected draw(): void {
    this.group.clearLayers();
    this.drawn = [];
    if (!this._map) return;
    // deletions under the rest, conflicts on top
    const rank = (d: DraftFeature) => (d.scenario.conflict ? 2 : d.scenario.op === 'delete' ? 0 : 1);
    for (const d of [...this.list].sort((a, b) => rank(a) - rank(b))) {
      if (d.id === this.editing) continue;
      const path = geometryToPath(d.geometry, {
        ...draftStyle(d), renderer: this.renderer, pane: this.options.pane, interactive: false, snapIgnore: true,
      } as L.PathOptions);
      if (!path) continue;
      if (d.scenario.conflict) {
        const span = document.createElement('span');
        span.textContent = `⚠ ${t('scenario.drafts.conflictShort')}`;
        path.bindTooltip(span, { permanent: true, direction: 'center', className: 'cm-outline-label cm-draft-label', interactive: false });
      }
      this.group.addLayer(path);
      this.drawn.push({ draft: d, path, bbox: geometryBbox(d.geometry) });
    }
  }
}
