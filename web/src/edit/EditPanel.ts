import L from 'leaflet';
import type { Geometry, LineString } from 'geojson';
import { ApiError, isAbort } from '../api/client';
import { edits, type FeatureBody } from '../api/edits';
import type { AttributeInfo, Feature, FeatureVersion, LayerInfo, WriteProblem, WriteScope } from '../api/types';
import type { ViewStore } from '../app/ViewState';
import { h } from '../app/dom';
import { confirmDialog } from '../app/modal';
import type { SessionStore } from '../auth/SessionStore';
import { formatNumber, hasMessage, onLangChange, pick, t, type MessageKey } from '../i18n';
import type { LayerSet } from '../layers/LayerSet';
import { AttributeForm } from './AttributeForm';
import { showConflictDialog } from './ConflictDialog';
import { LIVE_SOURCE, liveStored, type ConflictView, type EditSource, type SourceAction, type Stored } from './EditSource';
import { FeatureEditor, type Working } from './FeatureEditor';
import { HistoryPanel, opName } from './HistoryPanel';
import { isRepairable, problemTitle } from './problems';
import { validateAll } from './schema';
import { containsPoint, geometryBbox } from '../layers/geometry';

/** What the edit panel needs from the page. */
export interface EditHost {
  map: L.Map;
  layers: LayerSet;
  /** the catalogue, with each layer's schema and editing rules */
  infos(): LayerInfo[];
  session: SessionStore;
  store: ViewStore;
  /** after a committed write: reload the layers' features and the indicators (they reflect every write) */
  committed(layers: string[]): Promise<void>;
  notify(message: string, kind?: 'info' | 'error'): void;
  /** the street the account is scoped to (its outline), or null */
  scope(): Feature | null;
  /** where features are read and saved: the live layers (the default) or a scenario's drafts */
  source?: EditSource;
  /** whether the panel is on screen (its keys work only then); default: the 编辑 tab is open */
  isOpen?(): boolean;
}

type CheckState = 'none' | 'checking' | 'ok' | 'problems' | 'unavailable' | 'error';
interface Verdict { kind: 'ok' | 'error' | 'info'; text: string; action?: HTMLElement }

const MINE_STYLE: L.PathOptions = { color: '#e65100', weight: 3, dashArray: '8 5', fill: false };
const THEIRS_STYLE: L.PathOptions = { color: '#1565c0', weight: 3, fill: true, fillColor: '#1565c0', fillOpacity: 0.12 };
const VERSION_STYLE: L.PathOptions = { color: '#1565c0', weight: 3, dashArray: '6 4', fill: true, fillColor: '#1565c0', fillOpacity: 0.1 };
const CREATED_STYLE: L.PathOptions = { color: '#2e7d32', weight: 3, fill: true, fillColor: '#66bb6a', fillOpacity: 0.25 };

const isTyping = (el: EventTarget | null) => el instanceof HTMLElement
  && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * The editing tab (编辑): the layer to edit (only those the account may write), the tools — draw, cut a hole, split,
 * merge, delete, undo — the attribute form of the feature being edited, the server's verdict on each save (problems
 * with their places on the map, "make valid", the conflict dialog) and the feature's history.
 *
 * Every write goes to the server, which checks it again; after each committed write the page reloads the layer and
 * the indicators. An unsaved edit survives an expired session (the save signs in again and is retried) and a switch
 * of tab; the page warns before it is closed with one.
 */
export class EditPanel {
  readonly element = h('section', { class: 'cm-edit-panel' });
  readonly editor: FeatureEditor;
  private readonly source: EditSource;
  private layer: string | null = null;
  private form: AttributeForm | null = null;
  private formKey: string | null = null;
  private formDirty = false;
  private checkState: CheckState = 'none';
  private problems: WriteProblem[] = [];
  private verdict: Verdict | null = null;
  private busy = false;
  private checkTimer: number | undefined;
  private checkController: AbortController | null = null;
  private readonly history: HistoryPanel;
  private readonly parts = {
    head: h('div', { class: 'cm-edit-head' }),
    tools: h('div', { class: 'cm-edit-tools' }),
    working: h('div', { class: 'cm-edit-working' }),
    check: h('div', { class: 'cm-edit-check', 'data-testid': 'check' }),
    form: h('div', { class: 'cm-edit-form' }),
    actions: h('div', { class: 'cm-form-actions cm-edit-actions' }),
    verdict: h('div', { class: 'cm-edit-verdict', 'data-testid': 'edit-verdict', 'aria-live': 'polite' }),
  };

  constructor(private readonly host: EditHost) {
    this.source = host.source ?? LIVE_SOURCE;
    this.editor = new FeatureEditor(host.map, host.layers);
    this.history = new HistoryPanel(() => this.attributes(), {
      showVersion: (version, current) => this.showVersion(version, current),
      restore: (v) => this.restore(v),
      versions: (layer, id, signal) => this.source.history(layer, id, signal),
    }, this.source.kind === 'live');
    this.element.append(this.parts.head, this.parts.tools, this.parts.verdict, this.parts.working, this.parts.check,
      this.parts.form, this.parts.actions, this.history.element);
    this.editor.on('change', () => {
      this.source.workingChanged(this.editor.working);
      this.render();
    });
    this.editor.on('geometrychange', () => this.scheduleCheck());
    this.editor.on('splitline', (e) => void this.split((e as unknown as { line: LineString }).line));
    this.editor.on('snapload', () => this.renderTools());
    host.map.on('zoomend', () => this.renderTools());
    host.session.subscribe(() => this.sessionChanged());
    onLangChange(() => {
      this.formKey = null; // rebuilt in the new language, keeping the typed values
      this.render();
    });
    document.addEventListener('keydown', (e) => this.onKey(e));
    window.addEventListener('beforeunload', (e) => {
      if (this.isDirty()) e.preventDefault();
    });
    this.render();
  }

  // ---- the page's hooks

  /** Called when the editing tab is opened: loads Geoman and the snap targets of the chosen layer. */
  async open(): Promise<void> {
    const layer = this.chooseLayer();
    if (!layer) return;
    this.ensureVisible(layer);
    await this.editor.activate(layer);
    this.render();
  }

  /** Called when another tab is opened: the editor leaves the map, the unsaved edit is kept for later. */
  suspend(): void {
    this.editor.suspend();
  }

  /** A click on the map while the tab is open; true when the editor used it (no popup then). */
  onMapClick(latlng: L.LatLng): boolean {
    if (!this.editor.isActive() || !this.layer) return false;
    // while editing, a click belongs to the editor: no popup of another layer, nothing after a vertex drag
    const mode = this.editor.mode;
    if (mode === 'draw' || mode === 'cut' || mode === 'split' || this.editor.justEditedVertex()) return true;
    const f = this.editor.featureAt(this.layer, latlng);
    if (mode === 'merge') {
      if (f) this.editor.toggleMerge(f);
    } else void this.openAt(latlng, f);
    return true;
  }

  /** Opens a stored feature (a draft picked from a list): it becomes the working copy, after the unsaved one. */
  async openStored(layer: string, stored: Stored): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    if (layer !== this.layer) {
      this.layer = layer;
      this.ensureVisible(layer);
      if (this.editor.isActive()) this.editor.setLayer(layer);
    }
    this.resetWorking();
    this.verdict = null;
    this.startWorking(layer, stored);
  }

  /** Drops the working copy without asking (its scenario changed under it). */
  reset(): void {
    this.resetWorking();
    this.verdict = null;
    this.render();
  }

  /** Whether there is an edit not saved yet. */
  isDirty(): boolean {
    return !!this.editor.working && (this.editor.geometryChanged() || this.formDirty);
  }

  // ---- layer and session

  private attributes(): AttributeInfo[] {
    return this.info()?.attributes ?? [];
  }

  private info(layer = this.layer): LayerInfo | undefined {
    return this.host.infos().find((i) => i.name === layer);
  }

  private scope(layer = this.layer): WriteScope {
    return layer ? this.host.session.scopeOf(layer) : 'none';
  }

  private chooseLayer(): string | null {
    const writable = this.writable().map((i) => i.name);
    if (this.layer && writable.includes(this.layer)) return this.layer;
    this.layer = writable.includes(this.source.preferredLayer) ? this.source.preferredLayer : writable[0] ?? null;
    return this.layer;
  }

  /** The layers the account may write that can be edited here. */
  private writable(): LayerInfo[] {
    return this.host.session.writableLayers(this.host.infos()).filter((i) => this.source.editable(i, this.scope(i.name)));
  }

  private ensureVisible(layer: string): void {
    const shown = this.host.store.get().layers;
    if (!shown.includes(layer)) this.host.store.set({ layers: [...shown, layer] });
  }

  private async switchLayer(layer: string): Promise<void> {
    if (layer === this.layer) return;
    if (!(await this.confirmDiscard())) {
      this.renderHead();
      return;
    }
    this.resetWorking();
    this.layer = layer;
    this.ensureVisible(layer);
    if (this.editor.isActive()) this.editor.setLayer(layer);
    this.render();
  }

  private sessionChanged(): void {
    if (!this.host.session.canEdit()) {
      this.resetWorking();
      this.editor.deactivate();
      this.layer = null;
    } else if (this.layer && !this.writable().some((i) => i.name === this.layer)) {
      this.resetWorking();
      this.layer = null;
      if (this.editor.isActive()) {
        const next = this.chooseLayer();
        if (next) this.editor.setLayer(next);
      }
    }
    this.render();
  }

  private showScope(): void {
    const street = this.host.scope();
    if (!street) return;
    const [x0, y0, x1, y1] = geometryBbox(street.geometry);
    this.host.map.fitBounds([[y0, x0], [y1, x1]], { padding: [20, 20] });
  }

  private async confirmDiscard(): Promise<boolean> {
    if (!this.isDirty()) return true;
    return confirmDialog({ title: t('edit.discardTitle'), message: t('edit.discardText'), ok: t('edit.discard'), danger: true, testId: 'discard' });
  }

  private resetWorking(): void {
    window.clearTimeout(this.checkTimer);
    this.checkController?.abort();
    this.editor.cancelMode();
    this.editor.discard();
    this.editor.showOutlines([]);
    this.form = null;
    this.formKey = null;
    this.formDirty = false;
    this.problems = [];
    this.checkState = 'none';
    this.history.clear();
  }

  // ---- opening, drawing

  /** Opens what a click hit (`live`: the live feature under it): the source says what that is. */
  private async openAt(latlng: L.LatLng, live: Feature | null): Promise<void> {
    const layer = this.layer!;
    const picked = this.source.pick(layer, latlng, live);
    if (!picked) return;
    const w = this.editor.working;
    if (w && w.layer === layer && w.id === picked.id && w.liveId === picked.liveId) return;
    if (!(await this.confirmDiscard())) return;
    let stored: Stored;
    try {
      stored = await this.source.open(layer, picked);
    } catch (e) {
      this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
      return;
    }
    this.resetWorking();
    this.verdict = null;
    this.startWorking(layer, stored);
  }

  private startWorking(layer: string, s: Stored): void {
    const working: Working = { layer, id: s.id, version: s.version, loaded: s.feature, liveId: s.liveId, liveVersion: s.liveVersion };
    const readOnly = this.source.readOnly(working);
    this.editor.edit(working, s.feature.geometry, this.scope(layer) === 'all' && !readOnly);
    this.buildForm(s.feature.properties);
    this.checkState = 'none';
    this.problems = [];
    if (s.id !== null) void this.history.load(layer, s.id, { version: s.version!, geometry: s.feature.geometry, properties: s.feature.properties });
    this.render();
    void this.source.pendingConflict(working).then((pending) => {
      if (pending && this.editor.working === working) {
        void this.runConflict(pending, { type: 'Feature', geometry: s.feature.geometry, properties: s.feature.properties });
      }
    });
  }

  private async startDraw(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    this.resetWorking();
    this.verdict = null;
    this.editor.startDraw(this.layer!);
    this.render();
  }

  private buildForm(values: Record<string, unknown>): void {
    const info = this.info()!;
    const scope = this.scope();
    const survey = new Set(info.editing?.surveyAttributes ?? []);
    const w = this.editor.working;
    const readOnly = !!w && this.source.readOnly(w);
    this.form = new AttributeForm({
      layer: info.name, attributes: info.attributes,
      editable: (name) => !readOnly && (scope === 'all' || (scope === 'survey' && survey.has(name))),
      onChange: () => {
        this.formDirty = true;
        this.renderActions();
        this.renderWorking();
      },
    });
    this.form.setValues(values);
    this.formKey = this.workingKey();
    this.formDirty = false;
  }

  private workingKey(): string | null {
    const w = this.editor.working;
    return w ? `${w.layer}:${w.id ?? 'new'}:${w.liveId ?? ''}` : null;
  }

  // ---- live checks

  private scheduleCheck(): void {
    window.clearTimeout(this.checkTimer);
    this.checkTimer = window.setTimeout(() => void this.check(), 350);
  }

  private body(values?: Record<string, unknown>): FeatureBody | null {
    const g = this.editor.geometry();
    if (!g) return null;
    const properties = values ?? (this.form ? validateAll(this.layer!, this.attributes(), this.form.raw()).values : {});
    return { type: 'Feature', geometry: g, properties };
  }

  private async check(): Promise<void> {
    const w = this.editor.working;
    const body = this.body();
    if (!w || !body) return;
    this.checkController?.abort();
    const controller = (this.checkController = new AbortController());
    this.checkState = 'checking';
    this.renderCheck();
    try {
      const result = await this.source.check(w, body, controller.signal);
      if (controller.signal.aborted) return;
      // attribute problems are the form's to show, field by field
      this.problems = result.problems.filter((p) => p.code !== 'invalid_attribute');
      this.checkState = this.problems.length ? 'problems' : 'ok';
    } catch (e) {
      if (isAbort(e)) return;
      this.checkState = e instanceof ApiError && (e.status === 404 || e.status === 405) ? 'unavailable' : 'error';
      this.problems = [];
    }
    this.showProblems();
    this.renderCheck();
  }

  private showProblems(): void {
    this.editor.setProblems(this.problems.map((p) => ({ problem: p, text: problemTitle(p) })));
  }

  private async makeValid(): Promise<void> {
    const g = this.editor.geometry();
    if (!g) return;
    try {
      const fixed = await edits.makeValid(g);
      if (fixed.type !== 'Polygon' && fixed.type !== 'MultiPolygon') {
        this.setVerdict('error', t('edit.makeValidFailed'));
        return;
      }
      this.editor.setGeometry(fixed);
      this.setVerdict('info', t('edit.madeValid'));
    } catch (e) {
      this.setVerdict('error', t('app.error', { detail: e instanceof ApiError ? e.detail : String(e) }));
    }
  }

  // ---- saving

  private async save(): Promise<void> {
    const w = this.editor.working;
    if (!w || !this.form || this.busy) return;
    const v = this.form.validate();
    if (Object.keys(v.errors).length) {
      this.setVerdict('error', t('edit.fixForm', { n: Object.keys(v.errors).length }));
      return;
    }
    const body = this.body(v.values)!;
    this.busy = true;
    this.form.setBusy(true);
    this.verdict = { kind: 'info', text: t('edit.saving') };
    this.render();
    try {
      const saved = await this.source.save(w, body);
      this.saved(w.layer, saved, t(this.source.key(w.loaded === null ? 'edit.created' : 'edit.saved'), { id: saved.id ?? saved.feature.id, v: saved.version ?? '' }));
      await this.host.committed([w.layer]);
      this.editor.refreshSnapTargets();
    } catch (e) {
      await this.saveFailed(e, body);
    } finally {
      this.busy = false;
      this.form?.setBusy(false);
      this.render();
    }
  }

  /** Shows a stored feature as the working copy again, with the verdict. */
  private saved(layer: string, s: Stored, message: string): void {
    this.resetWorking();
    this.verdict = { kind: 'ok', text: message };
    this.startWorking(layer, s);
  }

  private async saveFailed(e: unknown, body: FeatureBody): Promise<void> {
    if (!(e instanceof ApiError)) {
      this.verdict = { kind: 'error', text: t('app.error', { detail: String(e) }) };
      return;
    }
    switch (e.status) {
      case 422: {
        this.problems = e.problem?.errors ?? [];
        this.checkState = this.problems.length ? 'problems' : this.checkState;
        this.showProblems();
        this.markAttributeProblems(this.problems);
        // the problems are listed in the user's language below, with their places on the map
        this.verdict = { kind: 'error', text: this.problems.length
          ? t('edit.refusedListed', { n: this.problems.length }) : t('edit.refused', { detail: e.detail }) };
        this.fitProblems();
        return;
      }
      case 409:
        await this.resolveConflict(e, body);
        return;
      case 401:
        this.verdict = { kind: 'error', text: t('edit.signedOut') };
        return;
      case 403:
        this.verdict = { kind: 'error', text: t('edit.forbidden', { detail: e.detail }) };
        return;
      case 404:
        this.verdict = { kind: 'error', text: t('edit.gone', { detail: e.detail }) };
        return;
      default:
        this.verdict = { kind: 'error', text: t('app.error', { detail: e.detail }) };
    }
  }

  /** The server's attribute problems ("canopy_closure: 1.5 is above the maximum 1") under their fields. */
  private markAttributeProblems(problems: WriteProblem[]): void {
    if (!this.form) return;
    const errors: Record<string, { key: MessageKey; params: Record<string, string> }> = {};
    for (const p of problems) {
      const a = this.attributes().find((x) => p.reason.startsWith(`${x.name}:`) || p.reason.startsWith(`${x.name} `));
      if (a) errors[a.name] = { key: 'form.server', params: { reason: p.reason } };
    }
    if (Object.keys(errors).length) this.form.showErrors(errors);
  }

  private fitProblems(): void {
    const pts = this.problems.map((p) => p.location?.coordinates).filter((c): c is number[] => !!c);
    const b = this.editor.bounds();
    if (b && pts.length) {
      const all = L.latLngBounds(pts.map((c) => L.latLng(c[1], c[0]))).extend(b);
      if (!this.host.map.getBounds().contains(all)) this.host.map.fitBounds(all, { padding: [40, 40], maxZoom: this.host.map.getZoom() });
    }
  }

  private async resolveConflict(e: ApiError, body: FeatureBody): Promise<void> {
    const view = this.source.conflict(this.editor.working!, e);
    if (!view) {
      this.verdict = { kind: 'error', text: t('edit.conflictNoCurrent', { detail: e.detail }) };
      return;
    }
    await this.runConflict(view, body);
  }

  /** Shows both sides of a conflict and does what the user chooses: keep (some of) mine, take theirs, or later. */
  private async runConflict(view: ConflictView, body: FeatureBody): Promise<void> {
    const w = this.editor.working!;
    const { theirs, theirVersion } = view;
    this.verdict = { kind: 'error', text: t(this.source.key('edit.conflict'), { v: theirVersion, by: theirs.meta?.updatedBy ?? '?' }) };
    this.render();
    const choice = await showConflictDialog({
      attributes: this.attributes(), base: view.base, mine: body, theirs, theirVersion, myVersion: view.myVersion,
      showOnMap: (mine, other) => this.showComparison(mine, other), key: (k) => this.source.key(k),
    });
    if (this.editor.working !== w) return;
    if (choice === null) {
      this.verdict = { kind: 'error', text: t(this.source.key('edit.conflictPending'), { v: theirVersion }) };
      this.render();
      return;
    }
    if (choice.action === 'theirs') {
      try {
        const taken = await view.takeTheirs();
        const message = t(this.source.key('edit.tookTheirs'), { v: theirVersion });
        if (taken) this.saved(w.layer, taken, message);
        else {
          this.resetWorking();
          this.verdict = { kind: 'ok', text: message };
          this.render();
        }
        if (this.source.kind !== 'live') await this.host.committed([w.layer]);
      } catch (e) {
        this.setVerdict('error', e instanceof ApiError ? t('app.error', { detail: e.detail }) : String(e));
      }
      return;
    }
    // save the chosen version on top of the stored one: the next save is based on it
    Object.assign(w, view.keepMine);
    if (JSON.stringify(choice.geometry) !== JSON.stringify(this.editor.geometry())) this.editor.setGeometry(choice.geometry);
    this.form?.setValues(choice.properties);
    this.formDirty = true;
    this.busy = false;
    await this.save();
  }

  private showComparison(mine: Geometry | null, theirs: Geometry | null): void {
    if (!mine || !theirs) {
      this.editor.showOutlines([]);
      return;
    }
    this.editor.showOutlines(JSON.stringify(mine) === JSON.stringify(theirs)
      ? [{ geometry: theirs, style: THEIRS_STYLE, label: t('conflict.sameShape'), labelClass: 'cm-label-theirs' }]
      : [
        { geometry: theirs, style: THEIRS_STYLE, label: t('conflict.theirShape'), labelClass: 'cm-label-theirs' },
        { geometry: mine, style: MINE_STYLE, label: t('conflict.mineShape'), labelClass: 'cm-label-mine' },
      ]);
    const b = this.editor.outlineBounds();
    if (b) this.host.map.fitBounds(b, { padding: [60, 60], maxZoom: Math.max(this.host.map.getZoom(), 15) });
  }

  private cancel(): void {
    const w = this.editor.working;
    if (!w) return;
    void this.confirmDiscard().then((ok) => {
      if (!ok) return;
      this.resetWorking();
      this.verdict = null;
      this.render();
    });
  }

  /** A tool of the source (a scenario's "discard the draft"): the verdict, then what it leaves to edit. */
  private async runAction(a: SourceAction): Promise<void> {
    const w = this.editor.working;
    if (this.busy) return;
    this.busy = true;
    this.render();
    try {
      const r = await a.run();
      this.resetWorking();
      this.verdict = { kind: 'ok', text: r.message };
      if (r.then && w) this.startWorking(w.layer, r.then);
      await this.host.committed(w ? [w.layer] : []);
    } catch (e) {
      this.setVerdict('error', e instanceof ApiError ? (e.status === 403 ? t('edit.forbidden', { detail: e.detail }) : t('app.error', { detail: e.detail })) : String(e));
    } finally {
      this.busy = false;
      this.render();
    }
  }

  // ---- delete, split, merge, restore, undo

  private async remove(): Promise<void> {
    const w = this.editor.working;
    if (!w || w.loaded === null) return;
    const label = this.featureLabel(w.loaded);
    const ok = await confirmDialog({
      title: t(this.source.key('edit.deleteTitle')), message: t(this.source.key('edit.deleteText'), { feature: label }),
      ok: t(this.source.key('edit.deleteOk')), danger: true, testId: 'delete',
    });
    if (!ok) return;
    let target: Working = { ...w };
    for (;;) {
      try {
        await this.source.remove(target);
        break;
      } catch (e) {
        const view = e instanceof ApiError && e.status === 409 ? this.source.conflict(target, e) : null;
        if (view) {
          const again = await confirmDialog({
            title: t('edit.deleteConflictTitle'), ok: t(this.source.key('edit.deleteOk')), danger: true, testId: 'delete-conflict',
            message: t('edit.deleteConflict', { v: view.theirVersion, by: view.theirs.meta?.updatedBy ?? '?' }),
          });
          if (!again) return;
          target = view.keepMine;
          continue;
        }
        this.setVerdict('error', e instanceof ApiError ? (e.status === 403 ? t('edit.forbidden', { detail: e.detail }) : t('app.error', { detail: e.detail })) : String(e));
        return;
      }
    }
    const { layer, id } = w;
    this.resetWorking();
    this.verdict = {
      kind: 'ok', text: t(this.source.key('edit.deleted'), { feature: label }),
      action: this.source.kind === 'live' && id !== null ? h('button', { type: 'button', class: 'cm-link', 'data-tool': 'deleted-history',
        onclick: () => void this.history.load(layer, id, null) }, t('edit.deletedHistory')) : undefined,
    };
    this.render();
    await this.host.committed([layer]);
    this.editor.refreshSnapTargets();
  }

  private async split(line: LineString): Promise<void> {
    const w = this.editor.working;
    if (!w || w.id === null || w.version === null) return;
    if (this.isDirty()) {
      this.setVerdict('error', t('edit.saveFirst'));
      return;
    }
    this.busy = true;
    this.render();
    try {
      const result = await edits.split(w.layer, w.id, w.version, line);
      this.resetWorking();
      this.editor.showOutlines(result.created.map((f, i) => ({ geometry: f.geometry, style: CREATED_STYLE, label: String(i + 1), labelClass: 'cm-label-created' })));
      this.verdict = { kind: 'ok', text: t('edit.splitDone', { n: result.created.length, features: result.created.map((f) => this.featureLabel(f)).join('、') }) };
      await this.host.committed([w.layer]);
      this.editor.refreshSnapTargets();
    } catch (e) {
      await this.writeFailed(e);
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private async merge(): Promise<void> {
    const picked = this.editor.mergeSelection();
    const layer = this.layer!;
    if (picked.length < 2) return;
    const missing = picked.find((f) => f.meta?.version === undefined);
    if (missing) {
      this.setVerdict('error', t('app.error', { detail: `feature ${missing.id} has no version` }));
      return;
    }
    this.busy = true;
    this.render();
    try {
      const result = await edits.merge(layer, picked.map((f) => ({ id: f.id, version: f.meta!.version })));
      this.editor.cancelMode();
      const merged = await edits.feature(layer, result.feature.id).catch(() => ({ feature: result.feature, version: result.feature.meta?.version ?? 1 }));
      this.saved(layer, liveStored(merged.feature, merged.version), t('edit.mergeDone', { n: picked.length, feature: this.featureLabel(result.feature) }));
      await this.host.committed([layer]);
      this.editor.refreshSnapTargets();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        this.editor.cancelMode();
        this.setVerdict('error', t('edit.mergeConflict', { detail: e.detail }));
        await this.host.committed([layer]);
      } else await this.writeFailed(e);
    } finally {
      this.busy = false;
      this.render();
    }
  }

  /** A refused split or merge: the problems on the map, the reason in the panel. */
  private async writeFailed(e: unknown): Promise<void> {
    if (!(e instanceof ApiError)) {
      this.setVerdict('error', t('app.error', { detail: String(e) }));
      return;
    }
    if (e.status === 422) {
      this.problems = e.problem?.errors ?? [];
      this.checkState = 'problems';
      this.showProblems();
      this.setVerdict('error', t('edit.refused', { detail: e.detail }));
    } else if (e.status === 409) {
      this.setVerdict('error', t('edit.staleReload', { detail: e.detail }));
      const w = this.editor.working;
      if (w?.id !== null && w) {
        const fresh = await this.source.reload(w);
        if (fresh) this.saved(w.layer, fresh, t('edit.staleReload', { detail: e.detail }));
      }
    } else if (e.status === 403) this.setVerdict('error', t('edit.forbidden', { detail: e.detail }));
    else this.setVerdict('error', t('app.error', { detail: e.detail }));
  }

  private async restore(v: FeatureVersion): Promise<void> {
    const w = this.editor.working;
    const layer = this.layer!;
    const id = v.feature.id;
    if (w && w.id === id && this.isDirty() && !(await this.confirmDiscard())) return;
    const current = w && w.id === id ? w.version : null;
    try {
      const restored = await this.source.restore(layer, id, v, current);
      this.saved(layer, restored, t('edit.restored', { v: v.version, now: restored.version ?? '' }));
      await this.host.committed([layer]);
      this.editor.refreshSnapTargets();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        this.setVerdict('error', t('edit.staleReload', { detail: e.detail }));
        const fresh = w && w.id === id ? await this.source.reload(w) : null;
        if (fresh) this.startWorking(layer, fresh);
      } else this.setVerdict('error', e instanceof ApiError ? (e.status === 403 ? t('edit.forbidden', { detail: e.detail }) : t('app.error', { detail: e.detail })) : String(e));
    }
  }

  private showVersion(version: Feature | null, current: Geometry | null): void {
    if (!version) {
      this.editor.showOutlines([]);
      return;
    }
    this.editor.showOutlines([{ geometry: version.geometry, style: VERSION_STYLE, label: t('history.version', { v: version.meta?.version ?? '' }), labelClass: 'cm-label-theirs' }]);
    const b = this.editor.outlineBounds();
    if (b && current === null) this.host.map.fitBounds(b, { padding: [60, 60], maxZoom: 17 });
  }

  /** Undoes the account's last saved edit (撤销): the server keeps it in the history as a new version. */
  async undoLastEdit(): Promise<void> {
    if (!this.source.tools.undo) return;
    if (this.isDirty()) {
      this.setVerdict('error', t('edit.undoDirty'));
      return;
    }
    try {
      const r = await edits.undo();
      const first = r.features[0];
      const layerTitle = first ? pick(this.info(first.layer)?.title) || first.layer : '';
      const message = r.features.length === 1
        ? t('edit.undone', { op: opName(r.op), layer: layerTitle, id: first.id })
        : t('edit.undoneMany', { op: opName(r.op), layer: layerTitle, n: r.features.length });
      const w = this.editor.working;
      const touched = w && r.features.some((f) => f.layer === w.layer && f.id === w.id);
      if (w && touched && w.id !== null) {
        // the edited feature again, as the undo left it (or gone, if the undo removed it)
        this.resetWorking();
        const fresh = await this.source.reload(w);
        if (fresh) this.startWorking(w.layer, fresh);
      }
      this.verdict = { kind: 'ok', text: message };
      this.render();
      this.host.notify(message, 'info');
      await this.host.committed([...new Set(r.features.map((f) => f.layer))]);
      this.editor.refreshSnapTargets();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.setVerdict('info', t('edit.nothingToUndo'));
      else if (e instanceof ApiError && e.status === 409) this.setVerdict('error', t('edit.undoConflict', { detail: e.detail }));
      else this.setVerdict('error', e instanceof ApiError ? t('app.error', { detail: e.detail }) : String(e));
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (!(this.host.isOpen ? this.host.isOpen() : this.host.store.get().tab === 'edit') || !this.editor.isActive()) return;
    if (e.key === 'Escape' && this.editor.mode !== 'idle' && !document.querySelector('.cm-modal')) {
      this.editor.cancelMode();
      return;
    }
    if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
    if (isTyping(e.target) || document.querySelector('.cm-modal')) return;
    e.preventDefault();
    if (this.editor.mode !== 'idle') return;
    if (this.editor.canUndoStep()) this.editor.undoStep();
    else if (!this.isDirty() && this.source.tools.undo) void this.undoLastEdit();
  }

  private setVerdict(kind: Verdict['kind'], text: string): void {
    this.verdict = { kind, text };
    this.renderVerdict();
  }

  private featureLabel(f: Feature | null): string {
    if (!f) return t('edit.newFeature');
    const p = f.properties;
    const name = p.plot_code ?? p.name ?? p.code ?? p.building_id ?? null;
    return name ? t('edit.featureLabel', { name: String(name), id: f.id }) : `#${f.id}`;
  }

  // ---- rendering

  private render(): void {
    this.renderHead();
    this.renderTools();
    this.renderVerdict();
    this.renderWorking();
    this.renderCheck();
    this.renderForm();
    this.renderActions();
    // what is edited, for people reading the page's structure (and the browser tests)
    const w = this.editor.working;
    this.element.dataset.mode = this.editor.mode;
    this.element.dataset.busy = String(this.busy);
    this.element.dataset.layer = this.layer ?? '';
    this.element.dataset.featureId = w?.id === null || !w ? '' : String(w.id);
    this.element.dataset.version = w?.version === null || !w ? '' : String(w.version);
    this.element.dataset.liveId = w?.liveId === null || !w ? '' : String(w.liveId);
  }

  private renderHead(): void {
    const user = this.host.session.user();
    if (!user || !this.host.session.canEdit()) {
      this.parts.head.replaceChildren(h('p', { class: 'cm-muted' }, t('edit.noRights')));
      return;
    }
    const writable = this.writable();
    if (writable.length === 0) {
      this.parts.head.replaceChildren(h('h2', {}, t(this.source.key('edit.heading'))), h('p', { class: 'cm-muted' }, t(this.source.key('edit.noRights'))));
      return;
    }
    const select = h('select', {
      id: this.source.kind === 'live' ? 'cm-edit-layer' : 'cm-draft-layer', class: 'cm-edit-layer', onchange: (e: Event) => void this.switchLayer((e.target as HTMLSelectElement).value),
    }, ...writable.map((i) => h('option', { value: i.name, selected: i.name === this.layer },
      this.scope(i.name) === 'survey' ? t('edit.surveyOnly', { layer: pick(i.title) }) : pick(i.title))));
    const info = this.info();
    const rules = info?.editing;
    const facts: string[] = [];
    if (rules) {
      const overlap = `edit.overlap.${rules.overlap.replace(/_/g, '-')}`;
      if (hasMessage(overlap)) facts.push(t(overlap));
      if (rules.minAreaM2 > 0) facts.push(t('edit.minArea', { a: formatNumber(rules.minAreaM2, rules.minAreaM2 < 1 ? 2 : rules.minAreaM2 < 100 ? 1 : 0) }));
    }
    this.parts.head.replaceChildren(
      h('h2', {}, t(this.source.key('edit.heading'))),
      h('label', { class: 'cm-field' }, h('span', {}, t('edit.layer')), select),
      user.street ? h('p', { class: 'cm-scope-note', 'data-testid': 'street-scope' }, t('edit.streetScope', { street: user.street.name }), ' ',
        h('button', { type: 'button', class: 'cm-link', 'data-tool': 'show-scope', onclick: () => this.showScope() }, t('edit.showScope'))) : '',
      this.scope() === 'survey' ? h('p', { class: 'cm-scope-note' }, t('edit.surveyNote', { attrs: (rules?.surveyAttributes ?? [])
        .map((n) => pick(info?.attributes.find((a) => a.name === n)?.title) || n).join('、') })) : '',
      facts.length ? h('p', { class: 'cm-muted' }, facts.join(' · ')) : '');
  }

  private renderTools(): void {
    if (!this.layer || !this.host.session.canEdit()) {
      this.parts.tools.replaceChildren();
      return;
    }
    const mode = this.editor.mode;
    const w = this.editor.working;
    const all = this.scope() === 'all';
    const tool = (name: string, label: string, onclick: () => void, o: { disabled?: boolean; pressed?: boolean; title?: string } = {}) =>
      h('button', {
        type: 'button', class: `cm-tool${o.pressed ? ' active' : ''}`, 'data-tool': name, disabled: o.disabled || this.busy,
        'aria-pressed': o.pressed === undefined ? undefined : String(o.pressed), title: o.title, onclick,
      }, label);
    const stored = !!w && w.id !== null;
    const readOnly = !!w && this.source.readOnly(w);
    const { split, merge, undo } = this.source.tools;
    const buttons = [
      all ? tool('draw', t(this.source.key('tool.draw')), () => (mode === 'draw' ? this.editor.cancelMode() : void this.startDraw()), { pressed: mode === 'draw' }) : '',
      all ? tool('cut', t('tool.cut'), () => (mode === 'cut' ? this.editor.cancelMode() : this.editor.startCut()), { disabled: !w || readOnly, pressed: mode === 'cut', title: t('tool.cutHint') }) : '',
      all && split ? tool('split', t('tool.split'), () => (mode === 'split' ? this.editor.cancelMode() : this.editor.startSplit()), { disabled: !stored, pressed: mode === 'split', title: t('tool.splitHint') }) : '',
      all && merge ? tool('merge', t('tool.merge'), () => (mode === 'merge' ? this.editor.cancelMode() : void this.confirmDiscard().then((ok) => { if (ok) { this.resetWorking(); this.editor.startMerge(); } })), { pressed: mode === 'merge', title: t('tool.mergeHint') }) : '',
      all ? tool('delete', t(this.source.key('tool.delete')), () => void this.remove(), { disabled: !w || w.loaded === null || readOnly || mode !== 'idle' }) : '',
      all ? tool('undo-step', t('tool.undoStep'), () => this.editor.undoStep(), { disabled: !this.editor.canUndoStep() || mode !== 'idle', title: t('tool.undoStepHint') }) : '',
      undo ? tool('undo', t('tool.undo'), () => void this.undoLastEdit(), { disabled: mode !== 'idle', title: t('tool.undoHint') }) : '',
      ...this.source.actions(w).map((a) => h('button', {
        type: 'button', class: `cm-tool${a.danger ? ' cm-tool-danger' : ''}`, 'data-tool': a.name, title: a.title,
        disabled: this.busy || mode !== 'idle', onclick: () => void this.runAction(a),
      }, a.label)),
    ];
    const minZoom = this.host.layers.get(this.layer)?.minZoom ?? 0;
    const hint = mode === 'draw' ? t('mode.draw') : mode === 'cut' ? t('mode.cut') : mode === 'split' ? t('mode.split')
      : mode === 'merge' ? t('mode.merge', { n: this.editor.mergeSelection().length })
        : this.host.map.getZoom() < minZoom ? t('mode.zoomIn', { z: minZoom })
          : w ? (readOnly ? t(this.source.key('mode.survey')) : all ? t('mode.vertices') : t('mode.survey')) : t(this.source.key('mode.idle'));
    const snapping = mode !== 'merge' && (mode !== 'idle' || (w && all))
      ? h('small', { class: 'cm-muted', 'data-testid': 'snap-count' }, this.host.map.getZoom() >= 14
        ? t('mode.snapTargets', { n: this.editor.snapCount() }) : t('mode.snapZoom')) : '';
    this.parts.tools.replaceChildren(
      h('div', { class: 'cm-toolbar', role: 'toolbar', 'aria-label': t('edit.tools') }, ...buttons),
      h('p', { class: `cm-mode-hint mode-${mode}`, 'data-testid': 'mode-hint' }, hint, ' ', snapping),
      mode === 'merge' ? h('div', { class: 'cm-form-actions' },
        h('button', { type: 'button', class: 'cm-button', onclick: () => this.editor.cancelMode() }, t('common.cancel')),
        h('button', { type: 'button', class: 'cm-button cm-primary', 'data-tool': 'merge-run', disabled: this.editor.mergeSelection().length < 2 || this.busy,
          onclick: () => void this.merge() }, t('tool.mergeRun', { n: this.editor.mergeSelection().length }))) : '',
      mode !== 'idle' && mode !== 'merge' ? h('div', { class: 'cm-form-actions' },
        h('button', { type: 'button', class: 'cm-button', 'data-tool': 'cancel-mode', onclick: () => this.editor.cancelMode() }, t('mode.cancel'))) : '');
  }

  private renderWorking(): void {
    const w = this.editor.working;
    if (!w) {
      this.parts.working.replaceChildren();
      return;
    }
    const title = w.loaded === null ? t('edit.newOf', { layer: pick(this.info(w.layer)?.title) })
      : `${pick(this.info(w.layer)?.title)} ${this.featureLabel(w.loaded)}`;
    const versions = { v: w.version ?? '', live: w.liveVersion ?? '' };
    this.parts.working.replaceChildren(h('h3', { 'data-testid': 'working-title' }, title),
      h('p', { class: 'cm-muted', 'data-testid': 'working-basis' }, w.version !== null ? t(this.source.key('edit.basedOn'), versions)
        : w.loaded !== null ? t(this.source.key('edit.liveOnly'), versions) : t(this.source.key('edit.notSaved'), versions),
        this.isDirty() ? h('span', { class: 'cm-dirty', 'data-testid': 'dirty' }, ` · ${t('edit.unsaved')}`) : null),
      this.source.notice(w) ? h('p', { class: 'cm-scope-warning', 'data-testid': 'working-notice' }, this.source.notice(w)) : '');
  }

  private renderCheck(): void {
    if (!this.editor.working) {
      this.parts.check.replaceChildren();
      return;
    }
    const status: Record<CheckState, string> = {
      none: '', checking: t('check.checking'), ok: t('check.ok'), problems: t('check.problems', { n: this.problems.length }),
      unavailable: t('check.unavailable'), error: t('check.error'),
    };
    const repairable = this.problems.some(isRepairable);
    const outside = this.outsideScope();
    this.parts.check.replaceChildren(
      outside ? h('p', { class: 'cm-scope-warning', 'data-testid': 'scope-warning' }, t('edit.outsideScope', { street: outside })) : '',
      status[this.checkState] ? h('p', { class: `cm-check-status check-${this.checkState}`, 'data-testid': 'check-status' }, status[this.checkState]) : '',
      this.problems.length ? h('ol', { class: 'cm-problems', 'data-testid': 'problems' }, ...this.problems.map((p, i) => h('li', { 'data-code': p.code },
        h('button', { type: 'button', class: 'cm-link', disabled: !p.location, title: t('check.locate'), onclick: () => {
          const ll = this.editor.problemLocation(i);
          if (ll) this.host.map.setView(ll, Math.max(this.host.map.getZoom(), 16));
        } }, problemTitle(p)),
        p.location ? h('small', { class: 'cm-muted' }, ` ${p.location.coordinates[0].toFixed(6)}, ${p.location.coordinates[1].toFixed(6)}`) : null,
        h('div', { class: 'cm-problem-reason' }, p.reason)))) : '',
      repairable && this.scope() === 'all' ? h('button', { type: 'button', class: 'cm-button', 'data-tool': 'make-valid', disabled: this.busy,
        onclick: () => void this.makeValid() }, t('check.makeValid')) : '');
  }

  /**
   * The scoped street's name when the working geometry's centre lies outside it: the server will refuse the save,
   * and saying so before the user fills in the form saves them the trouble. (A hint only: the server decides.)
   */
  private outsideScope(): string | null {
    const street = this.host.scope();
    const g = this.editor.geometry();
    const user = this.host.session.user();
    if (!street || !g || !user?.street) return null;
    const b = this.editor.bounds();
    if (!b) return null;
    const c = b.getCenter();
    return containsPoint(street.geometry, c.lng, c.lat) ? null : user.street.name;
  }

  private renderForm(): void {
    if (!this.editor.working) {
      this.parts.form.replaceChildren();
      return;
    }
    if (this.formKey !== this.workingKey() || !this.form) {
      const values = this.form ? validateAll(this.layer!, this.attributes(), this.form.raw()).values : this.editor.working.loaded?.properties ?? {};
      const dirty = this.formDirty;
      this.buildForm(values);
      this.formDirty = dirty;
    }
    if (this.form && this.parts.form.lastChild !== this.form.element) {
      this.parts.form.replaceChildren(h('h4', {}, t('edit.attributes')), this.form.element);
    }
  }

  /**
   * The save, discard and history buttons are made once and only updated: a field's `change` event fires between
   * the mousedown and the click on Save, and a button replaced in between would never receive the click.
   */
  private readonly buttons = {
    cancel: h('button', { type: 'button', class: 'cm-button', 'data-tool': 'cancel', onclick: () => this.cancel() }),
    save: h('button', { type: 'button', class: 'cm-button cm-primary', 'data-tool': 'save', onclick: () => void this.save() }),
    history: h('button', { type: 'button', class: 'cm-link', 'data-tool': 'history', onclick: () => this.openHistory() }),
  };

  private openHistory(): void {
    const w = this.editor.working;
    if (w?.id == null || !w.loaded) return;
    void this.history.load(w.layer, w.id, { version: w.version!, geometry: w.loaded.geometry, properties: w.loaded.properties });
  }

  private renderActions(): void {
    const w = this.editor.working;
    if (!w) {
      this.parts.actions.replaceChildren();
      return;
    }
    const { cancel, save, history } = this.buttons;
    cancel.textContent = t('edit.cancel');
    cancel.disabled = this.busy;
    save.textContent = this.busy ? t('edit.saving') : t(this.source.key('edit.save'));
    save.disabled = this.busy || this.editor.mode !== 'idle' || (!this.isDirty() && w.loaded !== null) || this.source.readOnly(w);
    history.textContent = t('history.open');
    history.hidden = w.id === null || this.history.isShowing(w.layer, w.id);
    if (this.parts.actions.childElementCount !== 3) this.parts.actions.replaceChildren(history, cancel, save);
  }

  private renderVerdict(): void {
    const v = this.verdict;
    this.parts.verdict.replaceChildren(v ? h('div', { class: `cm-verdict verdict-${v.kind}`, 'data-kind': v.kind }, v.text, v.action ? ' ' : null, v.action ?? null) : '');
  }
}
