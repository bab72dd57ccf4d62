import L from 'leaflet';
import { ApiError } from '../api/client';
import { scenarios, type DraftFeature, type Scenario } from '../api/scenarios';
import type { Feature, LayerInfo } from '../api/types';
import { h } from '../app/dom';
import { confirmDialog } from '../app/modal';
import type { ScenarioView, ViewStore } from '../app/ViewState';
import type { SessionStore } from '../auth/SessionStore';
import { typeName } from '../browser/projects';
import type { EditPanel } from '../edit/EditPanel';
import { localTime } from '../edit/HistoryPanel';
import { formatNumber, onLangChange, t, type MessageKey } from '../i18n';
import type { LayerSet } from '../layers/LayerSet';
import type { LegendSection } from '../map/LegendControl';
import { CompareView } from './CompareView';
import { draftLegend, DraftLayer } from './DraftLayer';
import { DraftSource, draftStored } from './DraftSource';
import { ProjectsView } from './ProjectsView';
import { GapView } from '../planning/GapView';
import { PvView } from '../planning/PvView';
import { askName, defaultSettings, showSettingsDialog } from './ScenarioDialog';
import { chosenScenario, copyName, draftLabel, replacedLive, settingsOf } from './scenario';

/** What the scenario tab needs from the page. */
export interface ScenarioHost {
  map: L.Map;
  layers: LayerSet;
  store: ViewStore;
  session: SessionStore;
  infos(): LayerInfo[];
  /** the street the account is scoped to (its outline), or null */
  scope(): Feature | null;
  notify(message: string, kind: 'info' | 'error'): void;
  /** the chosen scenario was loaded or changed (its name and year label the figures), or none is chosen */
  chosen(scenario: Scenario | null): void;
  /** the chosen scenario's figures changed (a tick, a draft, its year): the dashboard and the thematic map follow */
  figuresChanged(): Promise<void>;
  legendChanged(): void;
}

const VIEWS: ScenarioView[] = ['list', 'projects', 'drafts', 'compare', 'gap', 'pv'];
/** The drafts' pane: above the live layers and the thematic map, under the editor's working copy. */
const DRAFT_PANE = 'cm-scenario-drafts';
const DRAFT_Z = 412;

/**
 * The scenario tab (规划情景): the scenarios the account may read (its own and the shared ones) — create, duplicate,
 * delete, share, change settings —, the chosen one's projects with their tick boxes, its draft edits on the map with
 * the editing tools of 编辑 (saved in the scenario only), and the comparison of several with the live state. The
 * chosen scenario is the URL's `scenario`: the indicators, the dashboard and the thematic map show its figures.
 */
export class ScenarioPanel {
  readonly element = h('section', { class: 'cm-scenario-panel' });
  private list: Scenario[] | null = null;
  private listError: string | null = null;
  private current: Scenario | null = null;
  private readonly drafts = new DraftLayer({ pane: DRAFT_PANE, zIndex: DRAFT_Z });
  private draftsFor: number | null = null;
  private readonly projects: ProjectsView;
  private readonly compare: CompareView;
  /** where to act (issue 13): gaps and candidate sites, rooftop PV potential */
  private readonly gap: GapView;
  private readonly pv: PvView;
  private readonly source: DraftSource;
  private editor: EditPanel | null = null;
  private editorLoading: Promise<EditPanel> | null = null;
  private active = false;
  private mapShown = false;
  private readonly body = h('div', { class: 'cm-scenario-body' });

  constructor(private readonly host: ScenarioHost) {
    this.projects = new ProjectsView({
      map: host.map, notify: host.notify,
      changed: async (s) => this.changed(s),
    });
    this.compare = new CompareView({
      map: host.map, store: host.store, notify: host.notify, legendChanged: host.legendChanged,
      scenarios: () => this.list ?? [],
    });
    this.gap = new GapView({
      map: host.map, notify: host.notify, current: () => this.current, scenarios: () => this.list ?? [],
      mayCreate: () => this.mayCreate(), draftsAdded: (sc) => this.draftsAdded(sc), legendChanged: host.legendChanged,
    });
    this.pv = new PvView({
      map: host.map, current: () => this.current, isAdmin: () => this.host.session.has('ADMIN'), notify: host.notify,
      legendChanged: host.legendChanged,
    });
    this.source = new DraftSource({ scenarioId: () => this.current?.id ?? null, layer: this.drafts });
    onLangChange(() => this.render());
    host.session.subscribe(() => {
      this.list = null;
      void this.load();
    });
    host.store.subscribe((s, changed) => {
      if (changed.has('scenario')) void this.choose(s.scenario);
      if (changed.has('scenarioView')) this.renderView();
      if ((changed.has('compare') || changed.has('compareUnits') || changed.has('compareIndicator')) && this.view() === 'compare') {
        void this.compare.show();
      }
    });
  }

  // ---- the page's hooks

  /** The tab was opened or closed. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    if (active) {
      if (!this.list) void this.load();
      this.renderView();
    } else {
      this.editor?.suspend();
      this.projects.hide();
      this.compare.hide();
      this.gap.hide();
      this.pv.hide();
    }
  }

  /** Whether the chosen scenario's drafts are drawn on the map (on this tab and on the indicators). */
  setMapShown(shown: boolean): void {
    this.mapShown = shown;
    this.applyDraftsOnMap();
  }

  /** The scenarios the account may read (empty until they are loaded). */
  scenarios(): Scenario[] {
    return this.list ?? [];
  }

  /** The chosen scenario (null: the live state). */
  chosen(): Scenario | null {
    return this.current;
  }

  /** A click on the map; true when the tab used it. */
  onMapClick(latlng: L.LatLng): boolean {
    if (!this.active) return false;
    if (this.view() === 'drafts' && this.editor && this.current?.canEdit) return this.editor.onMapClick(latlng);
    return false;
  }

  /**
   * A live layer was written (the 编辑 tab, the survey): a draft may be in conflict now, and the comparison and the
   * scenario's figures (live + assumptions) move with the live state.
   */
  async liveChanged(): Promise<void> {
    this.compare.invalidate(null);
    this.gap.invalidate();
    this.pv.invalidate();
    const id = this.current?.id;
    if (!id) return;
    await this.loadDrafts(true);
    const fresh = await scenarios.get(id).catch(() => null);
    if (fresh && this.list) this.list = this.list.map((x) => (x.id === id ? fresh : x));
    if (fresh && this.current?.id === id) {
      this.current = fresh;
      this.host.chosen(fresh);
    }
    this.render();
  }

  /** Whether an unsaved draft edit would be lost. */
  isDirty(): boolean {
    return this.editor?.isDirty() ?? false;
  }

  /** The legend sections of the tab: the drafts, the comparison's changes. */
  legend(): LegendSection[] {
    const out: LegendSection[] = [];
    const cmp = this.compare.legend();
    if (cmp) out.push(cmp);
    for (const section of [this.gap.legend(), this.pv.legend()]) {
      if (section) out.push(section);
    }
    if (this.mapShown && this.current && this.drafts.drafts().length && this.host.map.hasLayer(this.drafts)) {
      out.push({ title: t('scenario.legend.title', { name: this.current.name }), items: draftLegend() });
    }
    return out;
  }

  // ---- loading

  private view(): ScenarioView {
    return this.host.store.get().scenarioView;
  }

  /** Whether the account may create scenarios (and duplicate them): ADMIN and EDITOR. */
  private mayCreate(): boolean {
    return this.host.session.has('ADMIN') || this.host.session.has('EDITOR');
  }

  /** The scenarios the account may read, and the chosen one. */
  async load(): Promise<void> {
    if (!this.host.session.user()) {
      this.list = [];
      this.current = null;
      this.drafts.setDrafts([]);
      this.applyDraftsOnMap();
      this.render();
      return;
    }
    try {
      this.list = await scenarios.list();
      this.listError = null;
    } catch (e) {
      this.list = [];
      this.listError = e instanceof ApiError ? e.detail : String(e);
    }
    await this.choose(this.host.store.get().scenario);
  }

  /** Makes the URL's scenario the chosen one: its settings, drafts, projects. */
  private async choose(id: number | null): Promise<void> {
    if (!this.list || !this.host.session.user()) return;
    let s = chosenScenario(this.list, id);
    if (id !== null && !s) {
      // not in the list (deleted, no longer shared): asked once more, then the view goes back to the live state
      s = await scenarios.get(id).catch(() => null);
      if (!s) {
        this.host.notify(t('scenario.gone', { id }), 'error');
        this.host.store.set({ scenario: null });
        return;
      }
    }
    const other = s?.id !== this.current?.id;
    this.current = s;
    this.host.chosen(s);
    if (other) this.editor?.reset();
    await this.loadDrafts(other);
    this.render();
  }

  private async loadDrafts(force: boolean): Promise<void> {
    const s = this.current;
    if (!s) {
      this.draftsFor = null;
      this.drafts.setDrafts([]);
      this.applyDraftsOnMap();
      return;
    }
    if (!force && this.draftsFor === s.id) return;
    try {
      this.drafts.setDrafts(await scenarios.drafts(s.id));
      this.draftsFor = s.id;
    } catch (e) {
      this.drafts.setDrafts([]);
      this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
    }
    this.applyDraftsOnMap();
  }

  /** The drafts on the map, the live features they stand in for hidden, while a scenario is chosen and shown. */
  private applyDraftsOnMap(): void {
    const on = this.mapShown && !!this.current;
    if (on && !this.host.map.hasLayer(this.drafts)) this.drafts.addTo(this.host.map);
    if (!on && this.host.map.hasLayer(this.drafts)) this.drafts.remove();
    const hidden = on ? replacedLive(this.drafts.drafts()) : new Map<string, number[]>();
    for (const l of this.host.layers.layers) l.layer.hide(hidden.get(l.info.name) ?? [], 'scenario');
    this.element.dataset.drafts = String(on ? this.drafts.drafts().length : 0);
    this.host.legendChanged();
  }

  /** After a change of the chosen scenario (settings, ticks, drafts): list, figures, comparison. */
  private async changed(s: Scenario | null = null): Promise<void> {
    const id = this.current?.id ?? null;
    if (s && this.list) this.list = this.list.map((x) => (x.id === s.id ? s : x));
    if (s && s.id === id) {
      this.current = s;
      this.host.chosen(s);
    }
    this.compare.invalidate(id);
    this.gap.invalidate();
    this.pv.invalidate();
    this.render();
    await this.host.figuresChanged();
  }

  /** The candidate sites were added as drafts of a scenario (maybe a new one): that scenario is chosen. */
  /** Drafts were added to a scenario (here or on the indicators tab): that scenario is chosen, its drafts loaded. */
  async draftsAdded(s: Scenario): Promise<void> {
    if (this.current?.id === s.id) {
      await this.draftsCommitted();
      return;
    }
    this.list = await scenarios.list().catch(() => this.list);
    this.host.store.set({ scenario: s.id });
  }

  /** A draft was saved, deleted or discarded: drafts, the scenario's counts and the figures again. */
  private async draftsCommitted(): Promise<void> {
    const id = this.current?.id;
    if (!id) return;
    await this.loadDrafts(true);
    const fresh = await scenarios.get(id).catch(() => null);
    await this.changed(fresh);
    document.body.dataset.scenarioCommitted = String(Number(document.body.dataset.scenarioCommitted ?? 0) + 1);
  }

  // ---- actions on scenarios

  private async create(): Promise<void> {
    const created = await this.settingsDialog('create', defaultSettings(), async (settings) => scenarios.create(settings));
    if (created) {
      this.list = [created, ...(this.list ?? []).filter((x) => x.id !== created.id)];
      this.host.notify(t('scenario.created', { name: created.name }), 'info');
      this.host.store.set({ scenario: created.id });
      this.render();
    }
  }

  private async edit(s: Scenario): Promise<void> {
    let version = s.version;
    const saved = await this.settingsDialog('edit', settingsOf(s), async (settings) => {
      try {
        return await scenarios.update(s.id, version, settings);
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          // changed elsewhere meanwhile: the next save goes over the version now stored (the dialog says so)
          const current = (e.problem?.current as unknown as Scenario | undefined) ?? await scenarios.get(s.id);
          version = current.version;
          throw new Error(t('scenario.stale', { by: current.updatedBy }));
        }
        throw e;
      }
    });
    if (saved) {
      this.host.notify(t('scenario.saved', { name: saved.name }), 'info');
      await this.changed(saved);
    }
  }

  /** Opens the settings dialog; resolves with what the server answered, or null when cancelled. */
  private async settingsDialog(mode: 'create' | 'edit', initial: ReturnType<typeof defaultSettings>,
    send: (settings: ReturnType<typeof defaultSettings>) => Promise<Scenario>): Promise<Scenario | null> {
    let result: Scenario | null = null;
    const ok = await showSettingsDialog({
      mode, initial, submit: async (settings) => {
        try {
          result = await send(settings);
        } catch (e) {
          throw new Error(e instanceof ApiError ? e.detail : e instanceof Error ? e.message : String(e));
        }
      },
    });
    return ok ? result : null;
  }

  private async setShared(s: Scenario, shared: boolean): Promise<void> {
    try {
      const saved = await scenarios.update(s.id, s.version, { ...settingsOf(s), shared });
      this.host.notify(t(shared ? 'scenario.sharedDone' : 'scenario.unsharedDone', { name: s.name }), 'info');
      await this.changed(saved);
    } catch (e) {
      this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
      if (e instanceof ApiError && e.status === 409) await this.load();
    }
  }

  private async duplicate(s: Scenario): Promise<void> {
    const name = await askName(t('scenario.duplicateTitle', { name: s.name }), copyName(s.name, (this.list ?? []).map((x) => x.name)), t('scenario.duplicate'));
    if (!name) return;
    try {
      const copy = await scenarios.duplicate(s.id, name);
      this.list = [copy, ...(this.list ?? [])];
      this.host.notify(t('scenario.duplicated', { name: copy.name }), 'info');
      this.host.store.set({ scenario: copy.id });
      this.render();
    } catch (e) {
      this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
    }
  }

  private async remove(s: Scenario): Promise<void> {
    const ok = await confirmDialog({
      title: t('scenario.deleteTitle'), message: t('scenario.deleteText', { name: s.name, drafts: s.drafts }), ok: t('scenario.delete'),
      danger: true, testId: 'delete-scenario',
    });
    if (!ok) return;
    try {
      await scenarios.remove(s.id, s.version);
      this.list = (this.list ?? []).filter((x) => x.id !== s.id);
      this.host.notify(t('scenario.deleted', { name: s.name }), 'info');
      const st = this.host.store.get();
      this.host.store.set({ compare: st.compare.filter((x) => x !== s.id), ...(st.scenario === s.id ? { scenario: null } : {}) });
      this.render();
    } catch (e) {
      this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
      if (e instanceof ApiError && e.status === 409) await this.load();
    }
  }

  // ---- the drafts' editor

  private loadEditor(): Promise<EditPanel> {
    this.editorLoading ??= import('../edit/EditPanel').then(({ EditPanel }) => {
      const host = this.host;
      this.editor = new EditPanel({
        map: host.map, layers: host.layers, infos: host.infos, session: host.session, store: host.store, scope: host.scope,
        notify: (m, kind) => host.notify(m, kind ?? 'info'), committed: () => this.draftsCommitted(), source: this.source,
        isOpen: () => this.active && this.view() === 'drafts',
      });
      this.editor.element.classList.add('cm-draft-editor');
      return this.editor;
    });
    return this.editorLoading;
  }

  private async openDraft(d: DraftFeature): Promise<void> {
    const b = this.drafts.boundsOf(d.id);
    if (b?.isValid()) this.host.map.fitBounds(b, { padding: [60, 60], maxZoom: 17 });
    if (!this.editor || !this.current?.canEdit) return;
    try {
      const fresh = await scenarios.draft(this.current.id, d.scenario.layer, d.id);
      await this.editor.openStored(d.scenario.layer, draftStored(fresh));
    } catch (e) {
      this.host.notify(e instanceof ApiError ? e.detail : String(e), 'error');
    }
  }

  // ---- rendering

  render(): void {
    const s = this.current;
    const views = h('nav', { class: 'cm-subtabs', role: 'tablist' }, ...VIEWS.map((v) => h('button', {
      type: 'button', role: 'tab', 'data-view': v, 'aria-selected': String(this.view() === v), class: this.view() === v ? 'active' : '',
      onclick: () => this.host.store.set({ scenarioView: v }),
    }, t(`scenario.view.${v}` as MessageKey))));
    this.element.dataset.scenario = s ? String(s.id) : '';
    this.element.replaceChildren(
      h('h2', {}, t('scenario.heading')),
      h('div', { class: `cm-scenario-current${s ? ' chosen' : ''}`, 'data-testid': 'scenario-current' },
        s ? h('span', {}, t('scenario.showing'), ' ', h('strong', {}, t('scenario.nameYear', { name: s.name, year: s.year })))
          : h('span', {}, t('scenario.showingLive')),
        s ? h('button', { type: 'button', class: 'cm-link', 'data-action': 'back-to-live', onclick: () => this.host.store.set({ scenario: null }) },
          t('scenario.backToLive')) : ''),
      views, this.body);
    this.renderView();
  }

  private renderView(): void {
    for (const b of this.element.querySelectorAll<HTMLButtonElement>('.cm-subtabs button')) {
      const on = b.dataset.view === this.view();
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', String(on));
    }
    const v = this.view();
    if (v !== 'projects') this.projects.hide();
    if (v !== 'compare') this.compare.hide();
    if (v !== 'gap') this.gap.hide();
    if (v !== 'pv') this.pv.hide();
    if (v !== 'drafts') this.editor?.suspend();
    this.body.dataset.view = v;
    if (this.list === null) {
      this.body.replaceChildren(h('p', { class: 'cm-muted' }, t('app.loading')));
      return;
    }
    const s = this.current;
    if (v === 'list') this.body.replaceChildren(this.listView());
    else if (v === 'compare') {
      this.body.replaceChildren(this.compare.element);
      if (this.active) void this.compare.show();
    } else if (v === 'gap') {
      this.body.replaceChildren(this.gap.element);
      if (this.active) void this.gap.show();
    } else if (v === 'pv') {
      this.body.replaceChildren(this.pv.element);
      if (this.active) void this.pv.show();
    } else if (!s) this.body.replaceChildren(h('p', { class: 'cm-scope-note' }, t('scenario.chooseFirst')));
    else if (v === 'projects') {
      this.body.replaceChildren(this.projects.element);
      if (this.active) void this.projects.show(s);
    } else this.body.replaceChildren(this.draftsView(s));
    this.host.map.invalidateSize();
  }

  private listView(): HTMLElement {
    const list = this.list ?? [];
    const chosen = this.current;
    const badge = (text: string, cls: string) => h('span', { class: `cm-badge ${cls}` }, text);
    const items = list.map((sc) => {
      const on = chosen?.id === sc.id;
      const actions = on ? h('div', { class: 'cm-actions cm-scenario-actions' },
        sc.canEdit ? h('button', { type: 'button', 'data-action': 'edit-scenario', onclick: () => void this.edit(sc) }, t('scenario.edit')) : '',
        sc.canEdit ? h('button', { type: 'button', 'data-action': sc.shared ? 'unshare' : 'share', onclick: () => void this.setShared(sc, !sc.shared) },
          t(sc.shared ? 'scenario.unshare' : 'scenario.share')) : '',
        this.mayCreate() ? h('button', { type: 'button', 'data-action': 'duplicate', onclick: () => void this.duplicate(sc) }, t('scenario.duplicate')) : '',
        sc.canEdit ? h('button', { type: 'button', class: 'cm-danger-link', 'data-action': 'delete-scenario', onclick: () => void this.remove(sc) }, t('scenario.delete')) : '') : '';
      const done = [...(sc.countAsDone.parks ?? []).map((x) => `${typeName('parks')}·${t(`scenario.status.${x}` as MessageKey)}`),
        ...(sc.countAsDone.farmland ?? []).map((x) => `${typeName('farmland')}·${t(`scenario.status.${x}` as MessageKey)}`)];
      return h('li', { class: `cm-scenario-item${on ? ' selected' : ''}`, 'data-scenario': sc.id },
        h('button', { type: 'button', class: 'cm-scenario-choose', 'aria-pressed': String(on),
          onclick: () => this.host.store.set({ scenario: on ? null : sc.id }) },
        h('span', { class: 'cm-scenario-name' }, sc.name),
        badge(t('scenario.yearBadge', { year: sc.year }), 'cm-badge-year'),
        sc.shared ? badge(t('scenario.sharedBadge'), 'cm-badge-shared') : badge(t('scenario.privateBadge'), 'cm-badge-private'),
        sc.conflicts ? badge(t('scenario.conflictsBadge', { n: sc.conflicts }), 'cm-badge-conflict') : ''),
        h('div', { class: 'cm-scenario-meta' }, t('scenario.meta', {
          author: sc.author, drafts: formatNumber(sc.drafts), at: localTime(sc.updatedAt) })),
        on ? h('div', { class: 'cm-scenario-rules' }, done.length ? t('scenario.countsAsDone', { list: done.join('、') }) : t('scenario.countsNothing'),
          sc.countAsDoneUpToYear !== null ? t('scenario.upToYear', { year: sc.countAsDoneUpToYear }) : '') : '',
        on && sc.description ? h('p', { class: 'cm-scenario-description' }, sc.description) : '',
        actions);
    });
    return h('div', { class: 'cm-scenario-list-view' },
      h('p', { class: 'cm-muted' }, t('scenario.intro')),
      this.mayCreate() ? h('div', { class: 'cm-actions' },
        h('button', { type: 'button', class: 'cm-button cm-primary', 'data-action': 'new-scenario', onclick: () => void this.create() }, t('scenario.new'))) : '',
      this.listError ? h('p', { class: 'cm-form-error', role: 'alert' }, t('app.error', { detail: this.listError })) : '',
      items.length ? h('ul', { class: 'cm-scenario-list', 'data-testid': 'scenario-list' }, ...items)
        : h('p', { class: 'cm-muted' }, t(this.mayCreate() ? 'scenario.noneYet' : 'scenario.noneShared')));
  }

  private draftsView(s: Scenario): HTMLElement {
    const drafts = this.drafts.drafts();
    const conflicts = drafts.filter((d) => d.scenario.conflict).length;
    const mayDraft = s.canEdit && this.host.session.canEdit();
    const root = h('div', { class: 'cm-scenario-drafts' },
      h('p', { class: 'cm-muted' }, t('scenario.drafts.intro')));
    if (mayDraft) {
      const slot = h('div', { class: 'cm-draft-editor-slot' }, h('p', { class: 'cm-muted' }, t('app.loading')));
      root.append(slot);
      void this.loadEditor().then(async (editor) => {
        slot.replaceChildren(editor.element);
        if (this.active && this.view() === 'drafts') await editor.open();
      }).catch((e) => this.host.notify(String(e), 'error'));
    } else {
      root.append(h('p', { class: 'cm-scope-note', 'data-testid': 'drafts-read-only' }, t(s.canEdit ? 'scenario.drafts.noLayer' : 'scenario.drafts.readOnly')));
    }
    root.append(
      h('h3', {}, t('scenario.drafts.listHeading', { n: drafts.length })),
      conflicts ? h('p', { class: 'cm-scope-warning', 'data-testid': 'draft-conflicts' }, t('scenario.drafts.conflicts', { n: conflicts })) : '',
      drafts.length === 0 ? h('p', { class: 'cm-muted' }, t('scenario.drafts.none')) : h('ul', { class: 'cm-draft-list', 'data-testid': 'draft-list' },
        ...drafts.map((d) => h('li', { 'data-draft': d.id, 'data-op': d.scenario.op, class: d.scenario.conflict ? 'cm-draft-conflict' : '' },
          h('button', { type: 'button', class: 'cm-draft-row', onclick: () => void this.openDraft(d) },
            h('span', { class: `cm-op cm-op-${d.scenario.op}` }, t(`scenario.op.${d.scenario.op}` as MessageKey)),
            h('span', { class: 'cm-draft-name' }, `${typeName(d.scenario.layer)} · ${draftLabel(d)}`),
            d.scenario.conflict ? h('span', { class: 'cm-badge cm-badge-conflict', 'data-testid': 'draft-conflict' },
              t(d.scenario.conflict.reason === 'deleted' ? 'scenario.drafts.liveDeleted' : 'scenario.drafts.liveChanged')) : '')))));
    return root;
  }
}
