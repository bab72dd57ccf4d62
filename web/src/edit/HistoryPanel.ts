import type { Geometry } from 'geojson';
import { ApiError, isAbort } from '../api/client';
import type { AttributeInfo, Feature, FeatureVersion, Properties } from '../api/types';
import { h } from '../app/dom';
import { hasMessage, pick, t, type MessageKey } from '../i18n';
import { displayValue } from '../layers/popup';
import { changedAttributes } from './schema';

export interface HistoryHost {
  /** outlines a version over the current geometry on the map (both null: clear) */
  showVersion(version: Feature | null, current: Geometry | null): void;
  /** makes a version current again (a new version); resolves when it is saved and shown */
  restore(version: FeatureVersion): Promise<void>;
  /** the versions of a feature, newest first (a live feature's, or a scenario draft's) */
  versions(layer: string, id: number, signal: AbortSignal): Promise<FeatureVersion[]>;
}

/** The current state the versions are compared with: null when the feature is deleted. */
export interface CurrentState {
  version: number;
  geometry: Geometry;
  properties: Properties;
}

/** A date-time of the API as local "yyyy-mm-dd hh:mm". */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function opName(op: string): string {
  const key = `op.${op}`;
  return hasMessage(key) ? t(key as MessageKey) : op;
}

/**
 * The history of one feature (历史版本): every version newest first with who, when and what kind of change; a
 * chosen version is outlined on the map over the current shape, its attributes beside the current ones with the
 * differences marked, and can be restored (as a new version: nothing of the history is lost).
 */
export class HistoryPanel {
  readonly element = h('div', { class: 'cm-history', 'data-testid': 'history' });
  private versions: FeatureVersion[] = [];
  /** the chosen entry's place in the list (a delete keeps the version it deleted: versions are not unique) */
  private selected: number | null = null;
  private controller: AbortController | null = null;
  private target: { layer: string; id: number } | null = null;
  private current: CurrentState | null = null;
  private error: string | null = null;
  private loading = false;
  private restoring = false;

  /**
   * @param restorable whether a version can be made current again (a draft's history is read only: a scenario's
   *   draft goes back to the live feature by being discarded)
   */
  constructor(private readonly attributes: () => AttributeInfo[], private readonly host: HistoryHost,
    private readonly restorable = true) {}

  /** Loads the versions of a feature; `current` is null when the feature is deleted. */
  async load(layer: string, id: number, current: CurrentState | null): Promise<void> {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.target = { layer, id };
    this.current = current;
    this.selected = null;
    this.error = null;
    this.loading = true;
    this.render();
    try {
      this.versions = await this.host.versions(layer, id, controller.signal);
    } catch (e) {
      if (isAbort(e)) return;
      this.versions = [];
      this.error = e instanceof ApiError ? e.detail : String(e);
    }
    if (controller.signal.aborted) return;
    this.loading = false;
    this.render();
  }

  /** Forgets the feature (another one is edited, or none). */
  clear(): void {
    this.controller?.abort();
    this.target = null;
    this.versions = [];
    this.selected = null;
    this.host.showVersion(null, null);
    this.render();
  }

  isShowing(layer: string, id: number): boolean {
    return this.target?.layer === layer && this.target.id === id;
  }

  private select(index: number): void {
    this.selected = this.selected === index ? null : index;
    const v = this.selected === null ? undefined : this.versions[this.selected];
    this.host.showVersion(v?.feature ?? null, this.current?.geometry ?? null);
    this.render();
    this.element.querySelector('.cm-history-detail')?.scrollIntoView({ block: 'nearest' });
  }

  private render(): void {
    if (!this.target) {
      this.element.replaceChildren();
      return;
    }
    const head = h('h3', {}, t('history.heading', { id: this.target.id }));
    if (this.loading) {
      this.element.replaceChildren(head, h('p', { class: 'cm-muted' }, t('app.loading')));
      return;
    }
    if (this.error) {
      this.element.replaceChildren(head, h('p', { class: 'cm-form-error' }, t('app.error', { detail: this.error })));
      return;
    }
    const list = h('ol', { class: 'cm-history-list' }, ...this.versions.map((v, i) => {
      const isCurrent = this.current !== null && i === 0 && v.version === this.current.version;
      const item = h('li', {
        class: `${this.selected === i ? 'selected' : ''} op-${v.op}${v.undone ? ' undone' : ''}`, 'data-version': v.version, 'data-op': v.op,
      }, h('button', { type: 'button', class: 'cm-history-item', 'aria-pressed': String(this.selected === i), onclick: () => this.select(i) },
        h('span', { class: 'cm-history-version' }, t('history.version', { v: v.version })),
        h('span', { class: `cm-op cm-op-${v.op}` }, opName(v.op)),
        h('span', { class: 'cm-history-by' }, v.by),
        h('span', { class: 'cm-history-at' }, localTime(v.at)),
        isCurrent || v.undone ? h('span', { class: 'cm-history-current' }, isCurrent ? t('history.current') : '',
          v.undone ? h('span', { class: 'cm-history-undone' }, t('history.undone')) : null) : null));
      if (this.selected === i) item.append(this.detail(v, isCurrent));
      return item;
    }));
    this.element.replaceChildren(head,
      this.versions.length ? h('p', { class: 'cm-muted' }, t(this.restorable ? 'history.hint' : 'history.hintReadOnly')) : h('p', { class: 'cm-muted' }, t('history.none')),
      list);
  }

  private detail(v: FeatureVersion, isCurrent: boolean): HTMLElement {
    const attrs = this.attributes();
    const now = this.current?.properties ?? {};
    const changed = this.current ? changedAttributes(attrs, v.feature.properties, now) : [];
    const shapeChanged = this.current ? JSON.stringify(v.feature.geometry) !== JSON.stringify(this.current.geometry) : false;
    const text = (a: AttributeInfo, x: unknown) => (x === null || x === undefined || x === '' ? '—' : displayValue(a.name, a.type, x));
    const restore = h('button', {
      type: 'button', class: 'cm-button cm-primary', 'data-action': 'restore', disabled: isCurrent || this.restoring,
      onclick: async () => {
        this.restoring = true;
        this.render();
        try {
          await this.host.restore(v);
        } finally {
          this.restoring = false;
          this.render();
        }
      },
    }, isCurrent ? t('history.isCurrent') : v.op === 'delete' ? t('history.undelete') : t('history.restore', { v: v.version }));
    return h('div', { class: 'cm-history-detail' },
      h('p', { class: 'cm-muted' }, this.current
        ? (shapeChanged ? t('history.shapeChanged') : t('history.shapeSame'))
        : t('history.deleted')),
      h('table', { class: 'cm-diff-table' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, t('history.thisVersion', { v: v.version })), this.current ? h('th', {}, t('history.now')) : null)),
        h('tbody', {}, ...attrs.map((a) => h('tr', { class: changed.includes(a.name) ? 'cm-changed' : '', 'data-attr': a.name },
          h('th', {}, pick(a.title)), h('td', {}, text(a, v.feature.properties[a.name])),
          this.current ? h('td', {}, text(a, now[a.name])) : null)))),
      this.restorable ? h('div', { class: 'cm-form-actions' }, restore) : '');
  }
}
