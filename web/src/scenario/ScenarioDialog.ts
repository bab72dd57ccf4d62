import { OPEN_STATUSES, PROJECT_LAYERS, type ProjectLayerName, type ScenarioSettings } from '../api/scenarios';
import { h } from '../app/dom';
import { openModal } from '../app/modal';
import { lang, t, valueName } from '../i18n';
import { OFFERED_YEARS, settingsProblems } from './scenario';

export interface SettingsDialogOptions {
  /** the settings to start from (a new scenario: the defaults) */
  initial: ScenarioSettings;
  /** a new scenario, or a change to one */
  mode: 'create' | 'edit';
  /** sends the settings; a rejection's message is shown in the dialog, which stays open */
  submit(settings: ScenarioSettings): Promise<void>;
}

/** The settings of a new scenario: the plan's year, every open status of parks and farmland counted as done. */
export function defaultSettings(): ScenarioSettings {
  return {
    name: '', description: null, year: 2025, countAsDone: { parks: [...OPEN_STATUSES.parks], farmland: [...OPEN_STATUSES.farmland] },
    countAsDoneUpToYear: null, shared: false,
  };
}

/**
 * The dialog of a scenario's settings (新建情景 / 情景设置): name, description, target year (2025, 2030 or any), which
 * project statuses count as done for parks and for farmland, "only projects of year ≤ N", shared or private.
 */
export function showSettingsDialog(o: SettingsDialogOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const s = o.initial;
    const name = h('input', { type: 'text', id: 'cm-scenario-name', maxlength: 200, autocomplete: 'off', value: s.name });
    const description = h('textarea', { id: 'cm-scenario-description', rows: 2 });
    description.value = s.description ?? '';
    const otherYear = !OFFERED_YEARS.includes(s.year);
    const yearRadios = OFFERED_YEARS.map((y) => h('input', { type: 'radio', name: 'cm-scenario-year', value: String(y), checked: s.year === y }));
    const otherRadio = h('input', { type: 'radio', name: 'cm-scenario-year', value: 'other', checked: otherYear, id: 'cm-scenario-year-other' });
    const yearInput = h('input', { type: 'number', id: 'cm-scenario-year', min: 2000, max: 2100, step: 1, inputmode: 'numeric',
      value: otherYear ? String(s.year) : '', placeholder: '2035', oninput: () => { otherRadio.checked = true; } });
    const statusBoxes = new Map<string, HTMLInputElement>();
    const statusRows = PROJECT_LAYERS.map((layer) => h('div', { class: 'cm-scenario-statuses', 'data-layer': layer },
      h('span', { class: 'cm-scenario-layer' }, valueName('layer', layer, lang())),
      ...OPEN_STATUSES[layer].map((status) => {
        const box = h('input', { type: 'checkbox', name: `done-${layer}`, value: status, checked: (s.countAsDone[layer] ?? []).includes(status) });
        statusBoxes.set(`${layer}:${status}`, box);
        return h('label', { class: 'cm-check' }, box, valueName('status', status, lang()));
      })));
    const upTo = h('input', { type: 'checkbox', id: 'cm-scenario-upto', checked: s.countAsDoneUpToYear !== null });
    const upToYear = h('input', { type: 'number', id: 'cm-scenario-upto-year', min: 1900, max: 2100, step: 1, inputmode: 'numeric',
      value: String(s.countAsDoneUpToYear ?? s.year), oninput: () => { upTo.checked = true; } });
    const shared = h('input', { type: 'checkbox', id: 'cm-scenario-shared', checked: s.shared });
    const errors = h('div', { class: 'cm-form-error', role: 'alert', 'data-testid': 'scenario-form-errors', hidden: true });

    const read = (): ScenarioSettings => {
      const picked = [...yearRadios, otherRadio].find((r) => r.checked)?.value ?? String(OFFERED_YEARS[0]);
      const year = picked === 'other' ? Number(yearInput.value) : Number(picked);
      const countAsDone: Partial<Record<ProjectLayerName, string[]>> = {};
      for (const layer of PROJECT_LAYERS) {
        countAsDone[layer] = OPEN_STATUSES[layer].filter((st) => statusBoxes.get(`${layer}:${st}`)!.checked);
      }
      return {
        name: name.value.trim(), description: description.value.trim() || null, year, countAsDone,
        countAsDoneUpToYear: upTo.checked ? Number(upToYear.value) : null, shared: shared.checked,
      };
    };

    const submit = h('button', { type: 'button', class: 'cm-button cm-primary', 'data-action': 'save-scenario' },
      t(o.mode === 'create' ? 'scenario.form.create' : 'scenario.form.save'));
    const cancel = h('button', { type: 'button', class: 'cm-button', 'data-action': 'cancel' }, t('common.cancel'));
    const content = h('form', { class: 'cm-scenario-form', novalidate: true },
      h('label', { class: 'cm-field' }, h('span', {}, t('scenario.form.name')), name),
      h('label', { class: 'cm-field' }, h('span', {}, t('scenario.form.description')), description),
      h('fieldset', {}, h('legend', {}, t('scenario.form.year')),
        ...OFFERED_YEARS.map((y, i) => h('label', { class: 'cm-radio' }, yearRadios[i], t('scenario.form.yearOption', { year: y }))),
        h('label', { class: 'cm-radio' }, otherRadio, t('scenario.form.otherYear')), yearInput,
        h('p', { class: 'cm-muted' }, t('scenario.form.yearHint'))),
      h('fieldset', {}, h('legend', {}, t('scenario.form.countAsDone')),
        h('p', { class: 'cm-muted' }, t('scenario.form.countAsDoneHint')), ...statusRows,
        h('label', { class: 'cm-check cm-scenario-upto' }, upTo, t('scenario.form.upToYear'), upToYear)),
      h('label', { class: 'cm-check' }, shared, t('scenario.form.shared')),
      errors);
    content.addEventListener('submit', (e) => e.preventDefault());
    content.addEventListener('input', () => { errors.hidden = true; });
    let modal: ReturnType<typeof openModal>;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      modal.close();
      resolve(ok);
    };
    const send = async () => {
      const settings = read();
      const problems = settingsProblems(settings);
      if (Object.keys(problems).length) {
        errors.textContent = [...new Set(Object.values(problems))].map((k) => t(k)).join(' ');
        errors.hidden = false;
        return;
      }
      submit.disabled = true;
      try {
        await o.submit(settings);
        finish(true);
      } catch (e) {
        errors.textContent = e instanceof Error ? e.message : String(e);
        errors.hidden = false;
      } finally {
        submit.disabled = false;
      }
    };
    submit.addEventListener('click', () => void send());
    cancel.addEventListener('click', () => finish(false));
    modal = openModal({
      title: t(o.mode === 'create' ? 'scenario.form.createTitle' : 'scenario.form.editTitle'), content,
      actions: [cancel, submit], className: 'cm-scenario-dialog', onDismiss: () => { done = true; resolve(false); },
    });
  });
}

/** Asks for a name (of a copy); resolves null when cancelled. */
export function askName(title: string, initial: string, ok: string): Promise<string | null> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'text', id: 'cm-scenario-copy-name', maxlength: 200, value: initial, autocomplete: 'off' });
    const error = h('div', { class: 'cm-form-error', role: 'alert', hidden: true });
    let modal: ReturnType<typeof openModal>;
    const confirm = () => {
      if (!input.value.trim()) {
        error.textContent = t('scenario.form.needName');
        error.hidden = false;
        return;
      }
      modal.close();
      resolve(input.value.trim());
    };
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') confirm(); });
    modal = openModal({
      title, content: h('div', {}, h('label', { class: 'cm-field' }, h('span', {}, t('scenario.form.name')), input), error),
      className: 'cm-scenario-copy', onDismiss: () => resolve(null),
      actions: [
        h('button', { type: 'button', class: 'cm-button', 'data-action': 'cancel', onclick: () => { modal.close(); resolve(null); } }, t('common.cancel')),
        h('button', { type: 'button', class: 'cm-button cm-primary', 'data-action': 'ok', onclick: confirm }, ok),
      ],
    });
    input.select();
  });
}
