import type { Geometry } from 'geojson';
import type { AttributeInfo, Feature, Properties } from '../api/types';
import { h } from '../app/dom';
import { openModal } from '../app/modal';
import { pick, t, type MessageKey } from '../i18n';
import { displayValue } from '../layers/popup';

/** What the user chose for a save answered 409. */
export type ConflictChoice =
  /** save this (their choice field by field) over the stored version */
  | { action: 'save'; geometry: Geometry; properties: Properties }
  /** drop my edit and continue from the stored version */
  | { action: 'theirs' }
  /** decide later: keep editing (the next save meets the conflict again) */
  | null;

export interface ConflictInput {
  attributes: AttributeInfo[];
  /** the version my edit started from (null when unknown) */
  base: Feature | null;
  mine: { geometry: Geometry; properties: Properties };
  /** the stored feature and its version */
  theirs: Feature;
  theirVersion: number;
  myVersion: number;
  /** outlines both geometries on the map, or clears them (null) */
  showOnMap: (mine: Geometry | null, theirs: Geometry | null) => void;
  /** the wording of a message where the conflict happens (a scenario's draft against the live feature); default: as is */
  key?: (key: MessageKey) => MessageKey;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The conflict of a save (409): my version and the stored one side by side — both outlines on the map, every
 * attribute in two columns with the differences marked. Each difference is chosen by a radio button, preset as a
 * three-way merge would (a field only I changed: mine; only they changed: theirs; both: mine, flagged). Nothing is
 * written until the user says so, and nothing is ever overwritten silently.
 */
export function showConflictDialog(c: ConflictInput): Promise<ConflictChoice> {
  return new Promise((resolve) => {
    const k = c.key ?? ((key: MessageKey) => key);
    const base = c.base;
    const theirsP = c.theirs.properties;
    const meta = c.theirs.meta;
    const rows: HTMLElement[] = [];
    const choices = new Map<string, () => 'mine' | 'theirs'>();
    const preset = (mineV: unknown, theirV: unknown, baseV: unknown): { pick: 'mine' | 'theirs'; both: boolean } => {
      if (!base) return { pick: 'mine', both: true };
      const iChanged = !same(mineV, baseV);
      const theyChanged = !same(theirV, baseV);
      if (iChanged && theyChanged) return { pick: 'mine', both: true };
      return { pick: theyChanged ? 'theirs' : 'mine', both: false };
    };
    const radioPair = (name: string, initial: 'mine' | 'theirs') => {
      const mine = h('input', { type: 'radio', name: `cm-conflict-${name}`, value: 'mine', checked: initial === 'mine' });
      const theirs = h('input', { type: 'radio', name: `cm-conflict-${name}`, value: 'theirs', checked: initial === 'theirs' });
      choices.set(name, () => (theirs.checked ? 'theirs' : 'mine'));
      return { mine, theirs };
    };
    const valueText = (a: AttributeInfo, v: unknown) => (v === null || v === undefined || v === '' ? '—' : displayValue(a.name, a.type, v));

    // geometry
    const geometryDiffers = !same(c.mine.geometry, c.theirs.geometry);
    const gp = preset(c.mine.geometry, c.theirs.geometry, base?.geometry);
    const g = radioPair('__geometry', gp.pick);
    rows.push(h('tr', { class: geometryDiffers ? `cm-differs${gp.both ? ' cm-both' : ''}` : '', 'data-attr': '__geometry' },
      h('th', {}, t('conflict.geometry'), geometryDiffers && gp.both ? h('small', { class: 'cm-both-note' }, t('conflict.bothChanged')) : null),
      h('td', { class: 'cm-mine' }, geometryDiffers ? h('label', {}, g.mine, ' ', h('span', { class: 'cm-swatch-mine' }), t('conflict.mineShape')) : t('conflict.same')),
      h('td', { class: 'cm-theirs' }, geometryDiffers ? h('label', {}, g.theirs, ' ', h('span', { class: 'cm-swatch-theirs' }), t('conflict.theirShape')) : '')));
    if (!geometryDiffers) choices.delete('__geometry');

    for (const a of c.attributes) {
      const mv = c.mine.properties[a.name];
      const tv = theirsP[a.name];
      if (same(mv ?? null, tv ?? null)) {
        rows.push(h('tr', { 'data-attr': a.name }, h('th', {}, pick(a.title)), h('td', { colspan: '2', class: 'cm-same' }, valueText(a, mv))));
        continue;
      }
      const p = preset(mv, tv, base?.properties[a.name]);
      const r = radioPair(a.name, p.pick);
      rows.push(h('tr', { class: `cm-differs${p.both ? ' cm-both' : ''}`, 'data-attr': a.name },
        h('th', {}, pick(a.title), p.both ? h('small', { class: 'cm-both-note' }, t('conflict.bothChanged')) : null),
        h('td', { class: 'cm-mine' }, h('label', {}, r.mine, ' ', valueText(a, mv))),
        h('td', { class: 'cm-theirs' }, h('label', {}, r.theirs, ' ', valueText(a, tv)))));
    }

    let modal: ReturnType<typeof openModal>;
    const finish = (choice: ConflictChoice) => {
      c.showOnMap(null, null);
      modal.close();
      resolve(choice);
    };
    const merged = (): ConflictChoice => {
      const properties: Properties = { ...theirsP };
      for (const a of c.attributes) {
        const choose = choices.get(a.name);
        properties[a.name] = choose && choose() === 'mine' ? c.mine.properties[a.name] ?? null : choose ? theirsP[a.name] ?? null : c.mine.properties[a.name] ?? null;
      }
      const geometry = choices.get('__geometry')?.() === 'theirs' ? c.theirs.geometry : c.mine.geometry;
      return { action: 'save', geometry, properties };
    };
    const setAll = (side: 'mine' | 'theirs') => {
      for (const input of modal.element.querySelectorAll<HTMLInputElement>(`input[type=radio][value=${side}]`)) input.checked = true;
    };

    const content = h('div', { class: 'cm-conflict-body' },
      h('p', {}, t(k('conflict.explain'), {
        mine: c.myVersion, theirs: c.theirVersion, by: meta?.updatedBy ?? '?', at: (meta?.updatedAt ?? '').replace('T', ' ').slice(0, 16),
      })),
      h('p', { class: 'cm-muted' }, t(k('conflict.legend'))),
      h('table', { class: 'cm-conflict-table', 'data-testid': 'conflict-table' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'cm-mine' }, t(k('conflict.mine'), { v: c.myVersion })),
          h('th', { class: 'cm-theirs' }, t(k('conflict.theirs'), { v: c.theirVersion, by: meta?.updatedBy ?? '?' })))),
        h('tbody', {}, ...rows)),
      h('div', { class: 'cm-form-actions cm-conflict-quick' },
        h('button', { type: 'button', class: 'cm-button cm-small', onclick: () => setAll('mine') }, t('conflict.allMine')),
        h('button', { type: 'button', class: 'cm-button cm-small', onclick: () => setAll('theirs') }, t('conflict.allTheirs'))));
    modal = openModal({
      title: t(k('conflict.title')), content, className: 'cm-conflict cm-modal-side', onDismiss: () => { c.showOnMap(null, null); resolve(null); },
      actions: [
        h('button', { type: 'button', class: 'cm-button', 'data-action': 'later', onclick: () => finish(null) }, t('conflict.later')),
        h('button', { type: 'button', class: 'cm-button', 'data-action': 'theirs', onclick: () => finish({ action: 'theirs' }) }, t(k('conflict.takeTheirs'))),
        h('button', { type: 'button', class: 'cm-button cm-primary', 'data-action': 'save', onclick: () => finish(merged()) }, t(k('conflict.saveChosen'), { v: c.theirVersion })),
      ],
    });
    c.showOnMap(c.mine.geometry, c.theirs.geometry);
  });
}
