import type L from 'leaflet';
import { ApiError } from '../api/client';
import { edits, type FeatureBody } from '../api/edits';
import type { Feature, FeatureVersion, GeometryCheck, LayerInfo, WriteScope } from '../api/types';
import type { MessageKey } from '../i18n';
import type { Working } from './FeatureEditor';

/** Something stored where the editor saves: a live feature, or a scenario's draft. */
export interface Stored {
  /** the id it is stored under (a live feature's id, a draft's id); null for a live feature a scenario has not drafted */
  id: number | null;
  /** the version of `id` (the ETag); null when `id` is */
  version: number | null;
  /** its geometry and attributes as stored */
  feature: Feature;
  /** the live feature it stands for, or null (a feature that exists only in a scenario) */
  liveId: number | null;
  /** that live feature's version it is based on */
  liveVersion: number | null;
}

/** What a click on the map picked: the ids it is stored under here (see {@link Stored}). */
export interface Picked {
  id: number | null;
  liveId: number | null;
}

/** Both sides of a conflict, and what each choice makes of the working copy. */
export interface ConflictView {
  /** the stored side: the live feature as it is now, or another draft of it */
  theirs: Feature;
  theirVersion: number;
  /** the version my edit started from, as the dialog names it */
  myVersion: number;
  /** what my edit started from, for the three-way preset (null when unknown: every difference is flagged) */
  base: Feature | null;
  /** "keep mine": the working copy re-based on theirs, saved again over it */
  keepMine: Working;
  /** "take theirs": resolves to what the working copy becomes (null: nothing is edited any more) */
  takeTheirs(): Promise<Stored | null>;
}

/** A tool only some sources have (a scenario's "discard the draft"), shown in the toolbar. */
export interface SourceAction {
  name: string;
  label: string;
  title?: string;
  danger?: boolean;
  /** runs it; resolves to the verdict to show and what to edit afterwards (null: nothing) */
  run(): Promise<{ message: string; then: Stored | null }>;
}

/**
 * Where the editor reads and saves: the live layers (编辑), or a scenario's drafts (规划情景). The editing tab's tools,
 * form, checks, conflict dialog and history are the same; what differs — endpoints, what an id and a version are,
 * which tools exist, some wording — is here.
 */
export interface EditSource {
  readonly kind: 'live' | 'scenario';
  /** the tools beyond drawing, cutting, deleting and undoing a step */
  readonly tools: { split: boolean; merge: boolean; undo: boolean };
  /** the layer the tab starts on, when the account may write it */
  readonly preferredLayer: string;
  /** whether a layer the account may write (`scope`) can be edited here */
  editable(info: LayerInfo, scope: WriteScope): boolean;
  /** the wording of a message here (a draft is "saved in the scenario", not "saved") */
  key(key: MessageKey): MessageKey;
  /** what a click on the map hits: `live` is the live layer's feature under it; null: nothing to open here */
  pick(layer: string, latlng: L.LatLng, live: Feature | null): Picked | null;
  /** loads what was picked, unsimplified and with its version */
  open(layer: string, picked: Picked): Promise<Stored>;
  /** the stored state of the working copy again (after a conflict elsewhere), or null when it is gone */
  reload(w: Working): Promise<Stored | null>;
  /** saves the working copy (a create, an update, a draft) */
  save(w: Working, body: FeatureBody): Promise<Stored>;
  /** deletes the working copy's feature (in a scenario: only inside the scenario) */
  remove(w: Working): Promise<void>;
  /** the checks of a save, nothing written */
  check(w: Working, body: FeatureBody, signal: AbortSignal): Promise<GeometryCheck>;
  /** the versions of a stored feature, newest first */
  history(layer: string, id: number, signal: AbortSignal): Promise<FeatureVersion[]>;
  /** makes an earlier version current again (as a new one); `current` is the version now, null when deleted */
  restore(layer: string, id: number, version: FeatureVersion, current: number | null): Promise<Stored>;
  /** a 409 of a save or delete as a conflict to resolve, or null when it has no stored side */
  conflict(w: Working, e: ApiError): ConflictView | null;
  /** a conflict the working copy is known to have as soon as it is opened (a flagged draft), or null */
  pendingConflict(w: Working): Promise<ConflictView | null>;
  /** a sentence about the working copy shown above its form (a draft's conflict), or null */
  notice(w: Working | null): string | null;
  /** whether the working copy may not be changed (a scenario's deleted feature) */
  readOnly(w: Working): boolean;
  /** the source's own tools for the working copy */
  actions(w: Working | null): SourceAction[];
  /** the working copy changed (opened, saved, dropped) */
  workingChanged(w: Working | null): void;
}

/** A live feature as stored. */
export function liveStored(feature: Feature, version: number): Stored {
  return { id: feature.id, version, feature, liveId: feature.id, liveVersion: version };
}

/** The live layers: the editing tab as it has always been (`/api/layers/{layer}/features…`). */
export const LIVE_SOURCE: EditSource = {
  kind: 'live',
  tools: { split: true, merge: true, undo: true },
  preferredLayer: 'forest_plots',
  editable: (_info, scope) => scope !== 'none',
  key: (key) => key,

  pick: (_layer, _latlng, live) => (live ? { id: live.id, liveId: live.id } : null),

  async open(layer, picked) {
    const v = await edits.feature(layer, picked.id!);
    return liveStored(v.feature, v.version);
  },

  async reload(w) {
    if (w.id === null) return null;
    const v = await edits.feature(w.layer, w.id).catch(() => null);
    return v && liveStored(v.feature, v.version);
  },

  async save(w, body) {
    const v = w.id === null ? await edits.create(w.layer, body) : await edits.update(w.layer, w.id, w.version!, body);
    return liveStored(v.feature, v.version);
  },

  async remove(w) {
    await edits.remove(w.layer, w.id!, w.version!);
  },

  check: (w, body, signal) => edits.check(w.layer, body, w.id, signal),
  history: (layer, id, signal) => edits.history(layer, id, signal),

  async restore(layer, id, version, current) {
    const v = await edits.restore(layer, id, version.version, current);
    return liveStored(v.feature, v.version);
  },

  conflict(w, e) {
    const current = e.problem?.current;
    const currentVersion = e.problem?.currentVersion ?? current?.meta?.version;
    if (!current || !currentVersion) return null;
    return {
      theirs: current, theirVersion: currentVersion, myVersion: w.version ?? 0, base: w.loaded,
      keepMine: { ...w, version: currentVersion, loaded: current },
      takeTheirs: async () => liveStored(current, currentVersion),
    };
  },

  pendingConflict: async () => null,
  notice: () => null,
  readOnly: () => false,
  actions: () => [],
  workingChanged: () => undefined,
};

/** Whether an error is a refusal of the API with this status. */
export const isStatus = (e: unknown, status: number): e is ApiError => e instanceof ApiError && e.status === status;
