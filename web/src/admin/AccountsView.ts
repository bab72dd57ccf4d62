import { ApiError } from '../api/client';
import { sessionApi } from '../api/session';
import type { Account, AccountChange, LayerInfo, NewAccount, Role, StreetRef } from '../api/types';
import { h } from '../app/dom';
import { openModal } from '../app/modal';
import { roleName } from '../auth/UserMenu';
import { pick, t } from '../i18n';
import { localTime } from '../edit/HistoryPanel';

const ROLES: Role[] = ['ADMIN', 'EDITOR', 'SURVEYOR', 'VIEWER'];
export const MIN_PASSWORD = 10;

export interface AccountsContext {
  layers: LayerInfo[];
  streets: StreetRef[];
  /** the administrator signed in (who must not lock themselves out) */
  me: string;
}

const streetCode = (s: Account['street']) => (s === null ? null : typeof s === 'string' ? s : s.code);

/**
 * The admin screen (账号管理): every account with its roles, layers, street scope and state; a form to add one or
 * change one (roles, layers, plan-values grant, street, password), and a button to disable or enable it. Only administrators open it;
 * the server refuses everyone else.
 */
export function showAccounts(ctx: AccountsContext): void {
  let accounts: Account[] = [];
  let editing: Account | null = null;
  const list = h('div', { class: 'cm-accounts-list' });
  const formBox = h('div', { class: 'cm-account-form-box' });
  const message = h('p', { class: 'cm-form-note', role: 'status', 'data-testid': 'accounts-message', hidden: true });
  const streetName = (code: string | null) => (code === null ? t('accounts.wholeDistrict') : ctx.streets.find((s) => s.code === code)?.name ?? code);
  const layerTitle = (name: string) => pick(ctx.layers.find((l) => l.name === name)?.title) || name;

  let highlight: string | null = null;
  const say = (text: string, error = false) => {
    message.textContent = text;
    message.hidden = false;
    message.classList.toggle('cm-form-error', error);
  };

  const load = async () => {
    try {
      accounts = await sessionApi.accounts();
      renderList();
    } catch (e) {
      list.replaceChildren(h('p', { class: 'cm-form-error' }, t('app.error', { detail: e instanceof ApiError ? e.detail : String(e) })));
    }
  };

  const setEnabled = async (a: Account, enabled: boolean) => {
    try {
      await sessionApi.updateAccount(a.username, { enabled });
      say(t(enabled ? 'accounts.enabledDone' : 'accounts.disabledDone', { user: a.username }));
      await load();
    } catch (e) {
      say(t('app.error', { detail: e instanceof ApiError ? e.detail : String(e) }), true);
    }
  };

  function renderList(): void {
    const rows = accounts.map((a) => h('tr', { 'data-user': a.username, class: `${a.enabled ? '' : 'cm-disabled'}${a.username === highlight ? ' cm-highlight' : ''}` },
      h('td', {}, h('strong', {}, a.username)),
      h('td', {}, a.roles.map(roleName).join('、')),
      h('td', {}, !a.roles.some((r) => r !== 'VIEWER') ? t('accounts.readOnly')
        : (a.roles.includes('ADMIN') || a.layers === null ? t('accounts.allLayers') : a.layers.map(layerTitle).join('、') || '—')
          + (a.planValues && a.roles.includes('EDITOR') && !a.roles.includes('ADMIN') ? `；${t('accounts.planValues')}` : '')),
      h('td', {}, streetName(streetCode(a.street))),
      h('td', { 'data-testid': 'account-state' }, a.enabled ? t('accounts.enabled') : t('accounts.disabled')),
      h('td', { class: 'cm-muted' }, a.createdAt ? localTime(a.createdAt).slice(0, 10) : ''),
      h('td', { class: 'cm-account-actions' },
        h('button', { type: 'button', class: 'cm-link', 'data-action': 'edit', onclick: () => {
          editing = a;
          renderForm();
          formBox.scrollIntoView({ block: 'nearest' });
          formBox.querySelector<HTMLElement>('#cm-account-password')?.focus();
        } }, t('accounts.edit')),
        a.username === ctx.me ? null : h('button', { type: 'button', class: 'cm-link', 'data-action': a.enabled ? 'disable' : 'enable',
          onclick: () => void setEnabled(a, !a.enabled) }, a.enabled ? t('accounts.disable') : t('accounts.enable')))));
    list.replaceChildren(h('p', { class: 'cm-muted' }, t('accounts.count', { n: accounts.length, off: accounts.filter((a) => !a.enabled).length })), h('table', { class: 'cm-accounts', 'data-testid': 'accounts' },
      h('thead', {}, h('tr', {}, ...['username', 'roles', 'layers', 'street', 'state', 'created', 'actions']
        .map((k) => h('th', {}, t(`accounts.col.${k}` as 'accounts.col.username')))) ),
      h('tbody', {}, ...rows)));
  }

  function renderForm(): void {
    const a = editing;
    const username = h('input', { type: 'text', id: 'cm-account-username', autocomplete: 'off', value: a?.username ?? '', disabled: !!a, required: true });
    const password = h('input', { type: 'password', id: 'cm-account-password', autocomplete: 'new-password', minlength: MIN_PASSWORD,
      placeholder: a ? t('accounts.passwordKeep') : t('accounts.passwordRule', { n: MIN_PASSWORD }) });
    const roleBoxes = ROLES.map((r) => h('label', { class: 'cm-check' },
      h('input', { type: 'checkbox', name: 'role', value: r, checked: a ? a.roles.includes(r) : r === 'EDITOR' }), roleName(r)));
    const allLayers = h('input', { type: 'checkbox', id: 'cm-account-all-layers', checked: a ? a.layers === null : true });
    const layerBoxes = ctx.layers.map((l) => h('label', { class: 'cm-check' },
      h('input', { type: 'checkbox', name: 'layer', value: l.name, checked: !!a?.layers?.includes(l.name) }), pick(l.title)));
    const layerList = h('div', { class: 'cm-account-layers' }, ...layerBoxes);
    const syncLayers = () => { for (const i of layerList.querySelectorAll('input')) (i as HTMLInputElement).disabled = allLayers.checked; };
    allLayers.addEventListener('change', syncLayers);
    syncLayers();
    const planValues = h('input', { type: 'checkbox', id: 'cm-account-plan-values', name: 'planValues', checked: !!a?.planValues });
    const street = h('select', { id: 'cm-account-street' },
      h('option', { value: '' }, t('accounts.wholeDistrict')),
      ...ctx.streets.map((s) => h('option', { value: s.code, selected: streetCode(a?.street ?? null) === s.code }, s.name)));
    const errors = h('div', { class: 'cm-form-error', role: 'alert', 'data-testid': 'account-errors', hidden: true });
    const submit = h('button', { type: 'submit', class: 'cm-button cm-primary', 'data-action': 'save-account' }, a ? t('accounts.saveChanges') : t('accounts.create'));
    const form = h('form', { class: 'cm-account-form', novalidate: true },
      h('h3', {}, a ? t('accounts.editHeading', { user: a.username }) : t('accounts.newHeading')),
      h('div', { class: 'cm-controls' },
        h('label', { class: 'cm-field' }, h('span', {}, t('accounts.col.username')), username),
        h('label', { class: 'cm-field' }, h('span', {}, a ? t('accounts.newPassword') : t('accounts.password')), password)),
      h('fieldset', {}, h('legend', {}, t('accounts.col.roles')), ...roleBoxes),
      h('fieldset', {}, h('legend', {}, t('accounts.col.layers')),
        h('label', { class: 'cm-check' }, allLayers, t('accounts.allLayersOption')), layerList,
        h('small', { class: 'cm-muted' }, t('accounts.layersHint'))),
      h('fieldset', {}, h('legend', {}, t('accounts.planValues')),
        h('label', { class: 'cm-check' }, planValues, t('accounts.planValuesOption')),
        h('small', { class: 'cm-muted' }, t('accounts.planValuesHint'))),
      h('label', { class: 'cm-field' }, h('span', {}, t('accounts.col.street')), street,
        h('small', { class: 'cm-muted' }, t('accounts.streetHint'))),
      errors,
      h('div', { class: 'cm-form-actions' },
        a ? h('button', { type: 'button', class: 'cm-button', onclick: () => { editing = null; renderForm(); } }, t('accounts.newInstead')) : null,
        submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const problems: string[] = [];
      const roles = roleBoxes.map((l) => l.querySelector('input')!).filter((i) => i.checked).map((i) => i.value as Role);
      const layers = allLayers.checked ? null : layerBoxes.map((l) => l.querySelector('input')!).filter((i) => i.checked).map((i) => i.value);
      const name = username.value.trim();
      if (!a && !name) problems.push(t('accounts.needUsername'));
      if (!a && !/^[A-Za-z0-9_.@-]{2,64}$/.test(name) && name) problems.push(t('accounts.badUsername'));
      if ((!a || password.value) && password.value.length < MIN_PASSWORD) problems.push(t('accounts.passwordRule', { n: MIN_PASSWORD }));
      if (roles.length === 0) problems.push(t('accounts.needRole'));
      if (layers !== null && layers.length === 0 && roles.some((r) => r === 'EDITOR' || r === 'SURVEYOR')) problems.push(t('accounts.needLayer'));
      if (problems.length) {
        errors.replaceChildren(...problems.map((p) => h('div', {}, p)));
        errors.hidden = false;
        return;
      }
      errors.hidden = true;
      submit.disabled = true;
      try {
        if (a) {
          const change: AccountChange = { roles, layers, street: street.value || null, planValues: planValues.checked };
          if (password.value) change.password = password.value;
          await sessionApi.updateAccount(a.username, change);
          say(t('accounts.changed', { user: a.username }));
          highlight = a.username;
        } else {
          const account: NewAccount = { username: name, password: password.value, roles, layers, street: street.value || null,
            planValues: planValues.checked };
          await sessionApi.createAccount(account);
          say(t('accounts.created', { user: name }));
          highlight = name;
        }
        editing = null;
        renderForm();
        await load();
        list.querySelector('tr.cm-highlight')?.scrollIntoView({ block: 'nearest' });
      } catch (err) {
        errors.replaceChildren(h('div', {}, t('app.error', { detail: err instanceof ApiError ? err.detail : String(err) })));
        errors.hidden = false;
      } finally {
        submit.disabled = false;
      }
    });
    formBox.replaceChildren(form);
  }

  renderForm();
  openModal({
    title: t('accounts.title'), className: 'cm-accounts-view',
    content: h('div', { class: 'cm-accounts-body' }, list, message, formBox),
  });
  list.replaceChildren(h('p', { class: 'cm-muted' }, t('app.loading')));
  void load();
}
