import { ApiError } from '../api/client';
import { edits } from '../api/edits';
import { scenarios, type DraftFeature } from '../api/scenarios';
import type { Feature } from '../api/types';
import type { ConflictView, EditSource, SourceAction, Stored } from '../edit/EditSource';
import type { Working } from '../edit/FeatureEditor';
import { t, type MessageKey } from '../i18n';
import type { DraftLayer } from './DraftLayer';
import { draftOfLive } from './scenario';

/** The wording of the editor where it saves drafts of a scenario instead of live features. */
const DRAFT_KEYS: Partial<Record<MessageKey, MessageKey>> = {
  'edit.heading': 'draft.heading',
  'edit.noRights': 'draft.noRights',
  'edit.created': 'draft.created',
  'edit.saved': 'draft.saved',
  'edit.save': 'draft.save',
  'edit.deleteTitle': 'draft.deleteTitle',
  'edit.deleteText': 'draft.deleteText',
  'edit.deleteOk': 'draft.deleteOk',
  'edit.deleted': 'draft.deleted',
  'edit.conflict': 'draft.conflict',
  'edit.conflictPending': 'draft.conflictPending',
  'edit.tookTheirs': 'draft.tookTheirs',
  'edit.basedOn': 'draft.basedOn',
  'edit.liveOnly': 'draft.liveOnly',
  'edit.notSaved': 'draft.notSaved',
  'tool.delete': 'draft.delete',
  'mode.idle': 'draft.modeIdle',
  'mode.survey': 'draft.readOnly',
  'conflict.title': 'draft.conflictTitle',
  'conflict.legend': 'draft.conflictLegend',
  'conflict.explain': 'draft.conflictExplain',
  'conflict.mine': 'draft.conflictMine',
  'conflict.theirs': 'draft.conflictTheirs',
  'conflict.takeTheirs': 'draft.takeLive',
  'conflict.saveChosen': 'draft.keepMine',
};

/** Layers that are a scenario's units, not drafted (the API answers 422 `unit-layer`). */
const UNIT_LAYERS = ['zones', 'streets'];

/** A draft as the editor stores it. */
export function draftStored(d: DraftFeature): Stored {
  return {
    id: d.id, version: d.version, feature: { type: 'Feature', id: d.id, geometry: d.geometry, properties: d.properties ?? {} },
    liveId: d.scenario.liveId, liveVersion: d.scenario.liveVersion,
  };
}

/** A live feature the scenario has no draft of yet: saving it makes one. */
function liveOnly(feature: Feature, version: number): Stored {
  return { id: null, version: null, feature, liveId: feature.id, liveVersion: version };
}

const isDraft = (x: unknown): x is DraftFeature => !!x && typeof x === 'object' && 'scenario' in x;

export interface DraftSourceHost {
  /** the scenario drafted in */
  scenarioId(): number | null;
  /** its drafts, as drawn */
  layer: DraftLayer;
}

/**
 * The editor's source inside a scenario (规划情景): a click opens the scenario's draft of a feature (or the live
 * feature, which becomes a draft when saved), saves go to `/api/scenarios/{id}/features/{layer}…`, a delete is a
 * `delete` draft, and a draft whose live feature changed since opens the conflict view (keep mine: rebased on the
 * live version; take live: the draft is discarded). Nothing here writes to the live layers.
 */
export class DraftSource implements EditSource {
  readonly kind = 'scenario' as const;
  readonly tools = { split: false, merge: false, undo: false };
  readonly preferredLayer = 'parks';

  constructor(private readonly host: DraftSourceHost) {}

  private id(): number {
    const id = this.host.scenarioId();
    if (id === null) throw new ApiError(409, t('scenario.none'));
    return id;
  }

  private draftOf(w: Working): DraftFeature | undefined {
    return w.id === null ? undefined : this.host.layer.drafts().find((d) => d.id === w.id);
  }

  editable = (info: { name: string }, scope: string) => scope === 'all' && !UNIT_LAYERS.includes(info.name);

  key = (key: MessageKey): MessageKey => DRAFT_KEYS[key] ?? key;

  pick(layer: string, latlng: L.LatLng, live: Feature | null) {
    const d = this.host.layer.draftAt(layer, latlng);
    if (d) return { id: d.id, liveId: d.scenario.liveId };
    if (!live) return null;
    const existing = draftOfLive(this.host.layer.drafts(), layer, live.id);
    return { id: existing?.id ?? null, liveId: live.id };
  }

  async open(layer: string, picked: { id: number | null; liveId: number | null }): Promise<Stored> {
    if (picked.id !== null) return draftStored(await scenarios.draft(this.id(), layer, picked.id));
    const v = await edits.feature(layer, picked.liveId!);
    return liveOnly(v.feature, v.version);
  }

  async reload(w: Working): Promise<Stored | null> {
    if (w.id !== null) return scenarios.draft(this.id(), w.layer, w.id).then(draftStored, () => null);
    if (w.liveId === null) return null;
    return edits.feature(w.layer, w.liveId).then((v) => liveOnly(v.feature, v.version), () => null);
  }

  async save(w: Working, body: { type: 'Feature'; geometry: GeoJSON.Geometry; properties: Record<string, unknown> }): Promise<Stored> {
    const d = await scenarios.saveDraft(this.id(), w.layer, {
      draftId: w.id, version: w.version, liveId: w.liveId, liveVersion: w.liveVersion, rebase: w.rebase,
    }, body);
    return draftStored(d);
  }

  async remove(w: Working): Promise<void> {
    const id = this.id();
    const draft = this.draftOf(w);
    if (w.id !== null) {
      // a new feature's draft is dropped; a reshaped live feature's draft becomes its deletion, in one write
      if (draft?.scenario.op === 'create' || w.liveId === null) await scenarios.discardDraft(id, w.layer, w.id, w.version!);
      else await scenarios.toDeletion(id, w.layer, w.id, w.version!);
      return;
    }
    await scenarios.deleteLive(id, w.layer, w.liveId!, w.liveVersion);
  }

  check(w: Working, body: { type: 'Feature'; geometry: GeoJSON.Geometry; properties: Record<string, unknown> }, signal: AbortSignal) {
    return scenarios.check(this.id(), w.layer, body, w.id, w.id === null ? w.liveId : null, signal);
  }

  history(layer: string, id: number, signal: AbortSignal) {
    return scenarios.draftHistory(this.id(), layer, id, signal);
  }

  restore(): Promise<Stored> {
    // a draft's history is read only (HistoryPanel offers no restore here): it goes back to live by being discarded
    return Promise.reject(new ApiError(405, t('draft.noRestore')));
  }

  conflict(w: Working, e: ApiError): ConflictView | null {
    const current = e.problem?.current as unknown;
    if (!current) return null;
    const id = this.id();
    if (isDraft(current)) {
      // another draft of the same feature (draft-exists), or this draft saved by someone else since (stale version)
      const theirs = draftStored(current);
      return {
        theirs: theirs.feature, theirVersion: current.version, myVersion: w.id === current.id ? w.version ?? 0 : w.liveVersion ?? 0,
        base: w.loaded, keepMine: { ...w, id: current.id, version: current.version },
        takeTheirs: async () => theirs,
      };
    }
    // the live feature moved on since the version the edit started from (live-changed)
    const live = current as Feature;
    const liveVersion = e.problem?.currentVersion ?? live.meta?.version;
    if (!liveVersion) return null;
    return {
      theirs: live, theirVersion: liveVersion, myVersion: w.liveVersion ?? 0, base: w.id === null ? w.loaded : null,
      keepMine: { ...w, liveVersion, rebase: w.id !== null, loaded: w.id === null ? live : w.loaded },
      takeTheirs: async () => {
        if (w.id !== null) await scenarios.discardDraft(id, w.layer, w.id, w.version!);
        return liveOnly(live, liveVersion);
      },
    };
  }

  async pendingConflict(w: Working): Promise<ConflictView | null> {
    if (this.draftOf(w)?.scenario.conflict?.reason !== 'changed' || w.id === null) return null;
    const id = this.id();
    // the drafts drawn may be older than the draft just opened (e.g. right after a rebase): ask for it as it is now
    const d = await scenarios.draft(id, w.layer, w.id).catch(() => null);
    if (!d || d.scenario.conflict?.reason !== 'changed' || d.scenario.liveId === null) return null;
    const [live, versions] = await Promise.all([
      edits.feature(w.layer, d.scenario.liveId).catch(() => null),
      edits.history(w.layer, d.scenario.liveId).catch(() => []),
    ]);
    if (!live) return null;
    // what the draft started from: the live feature's version it was drafted on (a three-way preset, as in editing)
    const base = versions.find((v) => v.version === d.scenario.liveVersion && !v.deleted)?.feature ?? null;
    return {
      theirs: live.feature, theirVersion: live.version, myVersion: d.scenario.liveVersion ?? 0, base,
      keepMine: { ...w, liveVersion: live.version, rebase: true },
      takeTheirs: async () => {
        await scenarios.discardDraft(id, w.layer, d.id, w.version ?? d.version);
        return liveOnly(live.feature, live.version);
      },
    };
  }

  readOnly(w: Working): boolean {
    return this.draftOf(w)?.scenario.op === 'delete';
  }

  notice(w: Working | null): string | null {
    const d = w && this.draftOf(w);
    if (!d) return null;
    if (d.scenario.conflict?.reason === 'deleted') return t('draft.liveDeleted');
    if (d.scenario.conflict?.reason === 'changed') return t('draft.liveChanged');
    if (d.scenario.op === 'delete') return t('draft.isDelete');
    return null;
  }

  actions(w: Working | null): SourceAction[] {
    if (!w || w.id === null) return [];
    const draftId = w.id;
    const version = w.version!;
    const draft = this.draftOf(w);
    const out: SourceAction[] = [{
      name: 'discard-draft', danger: true,
      label: t(draft?.scenario.op === 'create' ? 'draft.discardNew' : 'draft.discard'), title: t('draft.discardHint'),
      run: async () => {
        await scenarios.discardDraft(this.id(), w.layer, draftId, version);
        const live = w.liveId === null || draft?.scenario.conflict?.reason === 'deleted' ? null
          : await edits.feature(w.layer, w.liveId).catch(() => null);
        return { message: t('draft.discarded'), then: live && liveOnly(live.feature, live.version) };
      },
    }];
    if (draft?.scenario.conflict?.reason === 'deleted' && draft.scenario.op !== 'delete') {
      out.push({
        name: 'keep-as-new', label: t('draft.keepAsNew'), title: t('draft.keepAsNewHint'),
        run: async () => {
          const created = await scenarios.detach(this.id(), w.layer, draftId, version);
          return { message: t('draft.keptAsNew', { id: created.id }), then: draftStored(created) };
        },
      });
    }
    return out;
  }

  workingChanged(w: Working | null): void {
    this.host.layer.setEditing(w?.id ?? null);
  }
}
