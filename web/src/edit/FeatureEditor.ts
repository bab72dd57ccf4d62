/// <reference types="@geoman-io/leaflet-geoman-free" />
import L from 'leaflet';
import type { Geometry, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { Feature, WriteProblem } from '../api/types';
import type { LayerSet } from '../layers/LayerSet';
import { loadGeoman, SNAP_DISTANCE } from './geoman';
import { OutlineOverlay, type Outline } from '../layers/OutlineOverlay';
import { ProblemMarkers } from './ProblemMarkers';
import { SnapTargets } from './SnapTargets';

/** What the map is doing for the editor: nothing, drawing a new feature, cutting a hole, drawing a split line, picking plots to merge. */
export type EditMode = 'idle' | 'draw' | 'cut' | 'split' | 'merge';

/** The feature being edited: its working geometry on the map and what it was loaded as. */
export interface Working {
  layer: string;
  /**
   * the id it is stored under where the edit is saved (a live feature's id; in a scenario, the draft's id); null for
   * a new feature, and for a live feature a scenario has no draft of yet
   */
  id: number | null;
  /** the version of `id` the edit is based on (sent as If-Match); null when `id` is */
  version: number | null;
  /** as loaded from the server; null for a new feature */
  loaded: Feature | null;
  /** the live feature this copy stands for (hidden on its layer's canvas while edited), or null for a new one */
  liveId: number | null;
  /** the live feature's version it starts from (a scenario's draft records it; live editing: `version`) */
  liveVersion: number | null;
  /** a scenario's draft: the next save also moves it onto `liveVersion` (keeping it over a changed live feature) */
  rebase?: boolean;
}

export const EDIT_PANE = 'cm-edit';
const EDIT_Z = 450;
const SNAP_PANE = 'cm-snap';
const SNAP_Z = 410;
const OVERLAY_PANE = 'cm-edit-overlay';
// above the working polygon: a version or the other side of a conflict is outlined over it
const OVERLAY_Z = 455;

const WORKING_STYLE: L.PathOptions = { color: '#e65100', weight: 3, fillColor: '#ff9800', fillOpacity: 0.3, opacity: 1 };
const SURVEY_STYLE: L.PathOptions = { ...WORKING_STYLE, dashArray: '6 4', fillOpacity: 0.15 };
const MERGE_STYLE: L.PathOptions = { color: '#6a1b9a', weight: 3, fillColor: '#ab47bc', fillOpacity: 0.35 };

let editors = 0;

const toLatLngs = (rings: Position[][]) => rings.map((r) => r.slice(0, -1).map((p) => L.latLng(p[1], p[0])));

/** The Leaflet lat/lngs of a polygon or multipolygon (rings without their closing point). */
function latLngsOf(g: Geometry): L.LatLng[][] | L.LatLng[][][] {
  if (g.type === 'Polygon') return toLatLngs(g.coordinates);
  if (g.type === 'MultiPolygon') return g.coordinates.length === 1 ? toLatLngs(g.coordinates[0]) : g.coordinates.map(toLatLngs);
  throw new Error(`not a polygon: ${g.type}`);
}

/** The polygon or multipolygon of a GeoJSON answer of Geoman (a feature, or a collection of polygon features). */
function polygonalOf(json: GeoJSON.Feature | GeoJSON.FeatureCollection): Polygon | MultiPolygon | null {
  const parts: Position[][][] = [];
  const visit = (g: Geometry | null) => {
    if (!g) return;
    if (g.type === 'Polygon') parts.push(g.coordinates);
    else if (g.type === 'MultiPolygon') parts.push(...g.coordinates);
  };
  if (json.type === 'FeatureCollection') json.features.forEach((f) => visit(f.geometry));
  else visit(json.geometry);
  if (parts.length === 0) return null;
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

/**
 * The map side of editing a layer, with Leaflet-Geoman: the working copy of one feature as an SVG polygon whose
 * vertices can be moved (snapping to the neighbours of the same layer), added and removed; drawing a new polygon;
 * cutting a hole; drawing the line a plot is split along; picking plots to merge; the locations of the server's
 * problems. The feature's canvas drawing is hidden while its working copy is shown.
 *
 * It saves nothing: the edit panel asks the server. Fires `change` when the mode or the working copy changes,
 * `geometrychange` after each change of the working geometry, `splitline` ({line}) when a split line is drawn,
 * `mergechange` when the plots picked for a merge change.
 */
export class FeatureEditor extends L.Evented {
  mode: EditMode = 'idle';
  working: Working | null = null;
  private path: L.Polygon | null = null;
  private svg = L.svg({ pane: EDIT_PANE });
  private snap: SnapTargets | null = null;
  private overlay = new OutlineOverlay({ pane: OVERLAY_PANE, zIndex: OVERLAY_Z });
  private markers = new ProblemMarkers();
  private merging = new Map<number, Feature>();
  /** earlier working geometries, newest last: the steps Ctrl+Z takes back */
  private steps: Geometry[] = [];
  private current: Geometry | null = null;
  private geometryEditable = true;
  private active = false;
  private suspended = false;
  /** the layer a polygon being drawn will belong to */
  private layerOfNew: string | null = null;
  /** when a vertex was last dragged, added or removed: the click that ends it is not a click on the map */
  private lastVertexAction = 0;
  /** the name under which this editor hides features on the layers' canvases (there may be two editors: live, scenario) */
  private readonly owner = `editor-${++editors}`;

  constructor(private readonly map: L.Map, private readonly layers: LayerSet) {
    super();
  }

  /** Loads Geoman and puts the editor's layers on the map. */
  async activate(layer: string): Promise<void> {
    await loadGeoman(this.map);
    if (this.active) {
      this.resume();
      return;
    }
    if (!this.map.getPane(EDIT_PANE)) this.map.createPane(EDIT_PANE).style.zIndex = String(EDIT_Z);
    this.active = true;
    this.overlay.addTo(this.map);
    this.markers.addTo(this.map);
    this.setLayer(layer);
    this.map.on('pm:create', this.onCreate, this);
    this.map.on('pm:cut', this.onCut, this);
  }

  /** Leaves editing: the working copy is dropped (the panel asked first), the editor's layers removed. */
  deactivate(): void {
    if (!this.active) return;
    this.cancelMode();
    this.discard();
    this.map.off('pm:create', this.onCreate, this);
    this.map.off('pm:cut', this.onCut, this);
    this.snap?.remove();
    this.snap = null;
    this.overlay.remove();
    this.markers.remove();
    this.active = false;
    this.suspended = false;
  }

  isActive(): boolean {
    return this.active;
  }

  /**
   * Takes the editor off the map while another tab is shown, keeping the working copy (nothing unsaved is lost);
   * {@link resume} puts it back.
   */
  suspend(): void {
    if (!this.active || this.suspended) return;
    this.cancelMode();
    this.suspended = true;
    this.path?.pm.disable();
    this.path?.remove();
    for (const l of [this.snap, this.overlay, this.markers]) l?.remove();
    if (this.working) this.hideOnCanvas(this.working.layer, []);
  }

  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    for (const l of [this.snap, this.overlay, this.markers]) l?.addTo(this.map);
    if (this.path) {
      this.path.addTo(this.map);
      if (this.geometryEditable) this.enableVertices();
    }
    if (this.working?.liveId != null) this.hideOnCanvas(this.working.layer, [this.working.liveId]);
  }

  /** Edits another layer: its features in view become the snap targets. */
  setLayer(layer: string): void {
    if (this.snap?.options.layer === layer) return;
    this.cancelMode();
    this.discard();
    this.snap?.remove();
    this.snap = new SnapTargets({ layer, pane: SNAP_PANE, zIndex: SNAP_Z }).addTo(this.map);
    this.snap.on('load', () => this.fire('snapload'));
  }

  /** How many neighbours are snap targets in view. */
  snapCount(): number {
    return this.snap?.count() ?? 0;
  }

  /** Fetches the snap targets again (after a save changed the layer). */
  refreshSnapTargets(): void {
    this.snap?.refresh();
  }

  // ---- the working copy

  /**
   * Starts editing a stored feature (or a version of it: a conflict's other side): its geometry becomes the working
   * polygon, editable unless `geometryEditable` is false (a surveyor changes attributes only).
   */
  edit(working: Working, geometry: Geometry, geometryEditable: boolean): void {
    this.cancelMode();
    this.discard();
    this.working = working;
    this.geometryEditable = geometryEditable;
    this.steps = [];
    this.showPath(geometry);
    if (working.liveId !== null) this.hideOnCanvas(working.layer, [working.liveId]);
    this.snap?.exclude(working.liveId);
    this.fire('change');
  }

  /** Drops the working copy (nothing is saved) and shows the feature's canvas drawing again. */
  discard(): void {
    if (this.path) {
      this.path.pm?.disable();
      this.path.remove();
      this.path = null;
    }
    if (this.working) this.hideOnCanvas(this.working.layer, []);
    this.working = null;
    this.current = null;
    this.steps = [];
    this.snap?.exclude(null);
    this.setProblems([]);
    this.fire('change');
  }

  /** The working geometry, as GeoJSON in lon/lat. */
  geometry(): Geometry | null {
    return this.current;
  }

  /** Replaces the working geometry (make valid, a conflict's choice); the old one becomes an undo step. */
  setGeometry(g: Geometry, asStep = true): void {
    if (!this.working) return;
    if (asStep && this.current) this.steps.push(this.current);
    this.showPath(g);
    this.fire('geometrychange');
    this.fire('change');
  }

  /** Whether the geometry changed since it was loaded (a new feature always has). */
  geometryChanged(): boolean {
    return !!this.working && (this.working.loaded === null || this.steps.length > 0);
  }

  /** Whether a vertex was just moved, added or removed (the map then also reports a click, which is not one). */
  justEditedVertex(): boolean {
    return performance.now() - this.lastVertexAction < 400;
  }

  /** Whether a step of the working geometry can be taken back. */
  canUndoStep(): boolean {
    return this.steps.length > 0;
  }

  /** Takes back the last change of the working geometry. */
  undoStep(): boolean {
    const previous = this.steps.pop();
    if (!previous) return false;
    this.showPath(previous);
    this.fire('geometrychange');
    this.fire('change');
    return true;
  }

  /** The working polygon's bounds. */
  bounds(): L.LatLngBounds | null {
    return this.path?.getBounds() ?? null;
  }

  private showPath(g: Geometry): void {
    const wasEditing = !!this.path?.pm?.enabled();
    if (this.path) {
      this.path.pm?.disable();
      this.path.remove();
    }
    this.current = g;
    const style = this.geometryEditable ? WORKING_STYLE : SURVEY_STYLE;
    const path = L.polygon(latLngsOf(g) as L.LatLng[][], {
      ...style, renderer: this.svg, pane: EDIT_PANE, pmIgnore: false, className: 'cm-working',
    } as L.PolylineOptions);
    path.addTo(this.map);
    path.on('pm:markerdragstart pm:markerdragend pm:vertexadded pm:vertexremoved', () => { this.lastVertexAction = performance.now(); });
    path.on('pm:edit', () => {
      // Geoman reports an edit of the polygon it has just cut, after the cut: that one is no longer the working copy
      if (path !== this.path) return;
      if (this.current) this.steps.push(this.current);
      this.current = (path.toGeoJSON(15) as GeoJSON.Feature).geometry;
      this.fire('geometrychange');
      this.fire('change');
    });
    this.path = path;
    if (this.geometryEditable && (wasEditing || this.mode === 'idle')) this.enableVertices();
  }

  private enableVertices(): void {
    this.path?.pm.enable({
      snappable: true, snapDistance: SNAP_DISTANCE, allowSelfIntersection: true, draggable: false,
      removeVertexOn: 'contextmenu', limitMarkersToCount: 400,
    } as L.PM.EditModeOptions);
  }

  // ---- modes

  /** Draws a new polygon; it becomes the working copy of a new feature of `layer`. */
  startDraw(layer: string): void {
    this.cancelMode();
    this.discard();
    this.mode = 'draw';
    this.layerOfNew = layer;
    this.map.pm.enableDraw('Polygon', { snappable: true, snapDistance: SNAP_DISTANCE, allowSelfIntersection: true } as L.PM.DrawModeOptions);
    this.fire('change');
  }

  /** Cuts a hole (or a notch) out of the working polygon with a drawn polygon. */
  startCut(): void {
    if (!this.path) return;
    this.cancelMode();
    this.mode = 'cut';
    this.path.pm.disable();
    this.map.pm.enableDraw('Cut', { layersToCut: [this.path], snappable: true, snapDistance: SNAP_DISTANCE, allowSelfIntersection: false } as L.PM.DrawModeOptions);
    this.fire('change');
  }

  /** Draws the line the working feature is split along; fires `splitline` when it is finished. */
  startSplit(): void {
    if (!this.working) return;
    this.cancelMode();
    this.mode = 'split';
    this.path?.pm.disable();
    this.map.pm.enableDraw('Line', {
      snappable: true, snapDistance: SNAP_DISTANCE, templineStyle: { color: '#c62828', weight: 2 },
      hintlineStyle: { color: '#c62828', dashArray: '5,5' }, pathOptions: { color: '#c62828', weight: 3 },
    } as L.PM.DrawModeOptions);
    this.fire('change');
  }

  /** Picks plots to merge by clicking them; the working copy is dropped first. */
  startMerge(): void {
    this.cancelMode();
    this.discard();
    this.merging.clear();
    this.mode = 'merge';
    this.drawMerge();
    this.fire('change');
  }

  /** Ends a drawing mode without its result. */
  cancelMode(): void {
    if (this.mode === 'idle') return;
    const mode = this.mode;
    this.mode = 'idle';
    if (this.map.pm) this.map.pm.disableDraw();
    if (mode === 'merge') {
      this.merging.clear();
      this.overlay.setOutlines([]);
    }
    if (this.path && this.geometryEditable && !this.path.pm.enabled()) this.enableVertices();
    this.fire('change');
  }

  /** The plots picked for a merge, in the order they were picked. */
  mergeSelection(): Feature[] {
    return [...this.merging.values()];
  }

  /** Adds or removes a plot of the merge selection. */
  toggleMerge(feature: Feature): void {
    if (this.merging.has(feature.id)) this.merging.delete(feature.id);
    else this.merging.set(feature.id, feature);
    this.drawMerge();
    this.fire('mergechange');
    this.fire('change');
  }

  private drawMerge(): void {
    this.overlay.setOutlines([...this.merging.values()].map((f, i) => ({
      geometry: f.geometry, style: MERGE_STYLE, label: String(i + 1), labelClass: 'cm-merge-label',
    })));
  }

  /** Shows outlines over the map (a history version, both sides of a conflict); an empty list clears them. */
  showOutlines(outlines: Outline[]): void {
    this.overlay.setOutlines(outlines);
  }

  outlineBounds(): L.LatLngBounds | null {
    return this.overlay.getBounds();
  }

  /** Marks the server's problems on the map. */
  setProblems(problems: { problem: WriteProblem; text: string }[]): void {
    this.markers.setProblems(problems);
  }

  problemLocation(n: number): L.LatLng | null {
    return this.markers.locationOf(n);
  }

  /** The feature of the edited layer under a point (the map's drawing of it). */
  featureAt(layer: string, latlng: L.LatLng): Feature | null {
    return this.layers.get(layer)?.layer.featureAt(latlng) ?? null;
  }

  private hideOnCanvas(layer: string, ids: number[]): void {
    this.layers.get(layer)?.layer.hide(ids, this.owner);
  }

  private onCreate(e: L.LeafletEvent): void {
    const { layer, shape } = e as unknown as { layer: L.Polyline; shape: string };
    const json = layer.toGeoJSON(15) as GeoJSON.Feature;
    layer.remove();
    if (this.mode === 'draw' && shape === 'Polygon') {
      this.mode = 'idle';
      this.map.pm.disableDraw();
      const g = polygonalOf(json);
      if (!g || !this.layerOfNew) return;
      this.working = { layer: this.layerOfNew, id: null, version: null, loaded: null, liveId: null, liveVersion: null };
      this.geometryEditable = true;
      this.steps = [];
      this.showPath(g);
      this.snap?.exclude(null);
      this.fire('geometrychange');
      this.fire('change');
    } else if (this.mode === 'split' && shape === 'Line') {
      this.cancelMode();
      this.fire('splitline', { line: json.geometry as LineString });
    }
  }

  private onCut(e: L.LeafletEvent): void {
    if (this.mode !== 'cut') return;
    const { layer } = e as unknown as { layer: L.Polygon | L.GeoJSON };
    const g = polygonalOf((layer as L.Polygon).toGeoJSON(15) as GeoJSON.Feature | GeoJSON.FeatureCollection);
    layer.remove();
    this.mode = 'idle';
    this.map.pm.disableDraw();
    // Geoman removed the working polygon it cut: put the result in its place as a new step
    if (this.current) this.steps.push(this.current);
    this.path = null;
    if (g) this.showPath(g);
    else if (this.current) this.showPath(this.current);
    this.fire('geometrychange');
    this.fire('change');
  }
}
