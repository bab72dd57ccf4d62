import { ApiError } from '../api/client';
import { h } from '../app/dom';
import { openModal } from '../app/modal';
import { t } from '../i18n';
import type { SessionStore } from './SessionStore';

/**
 * The sign-in dialog (登录): name and password, the server's refusal in words (wrong password, too many attempts and
 * how long to wait). Anonymous users never need it to read the map. Resolves true once signed in.
 */
export function showLoginDialog(session: SessionStore, reason?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const username = h('input', { type: 'text', id: 'cm-login-username', name: 'username', autocomplete: 'username', required: true });
    const password = h('input', { type: 'password', id: 'cm-login-password', name: 'password', autocomplete: 'current-password', required: true });
    const error = h('p', { class: 'cm-form-error', role: 'alert', 'data-testid': 'login-error', hidden: true });
    const submit = h('button', { type: 'submit', class: 'cm-button cm-primary', id: 'cm-login-submit' }, t('login.submit'));
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      modal.close();
      resolve(ok);
    };
    const showError = (message: string) => {
      error.textContent = message;
      error.hidden = false;
    };
    const form = h('form', { class: 'cm-login-form', novalidate: true },
      reason ? h('p', { class: 'cm-login-reason' }, reason) : null,
      h('label', { class: 'cm-field' }, h('span', {}, t('login.username')), username),
      h('label', { class: 'cm-field' }, h('span', {}, t('login.password')), password),
      error,
      h('div', { class: 'cm-form-actions' },
        h('button', { type: 'button', class: 'cm-button', onclick: () => finish(false) }, t('common.cancel')), submit),
      h('p', { class: 'cm-muted' }, t('login.anonymousHint')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!username.value.trim() || !password.value) {
        showError(t('login.missing'));
        return;
      }
      submit.disabled = true;
      error.hidden = true;
      try {
        await session.login(username.value.trim(), password.value);
        finish(true);
      } catch (err) {
        password.value = '';
        password.focus();
        if (err instanceof ApiError && err.status === 401) showError(t('login.wrong'));
        else if (err instanceof ApiError && err.status === 429) {
          const wait = err.retryAfter ?? (err.problem as { retryAfterSeconds?: number } | null)?.retryAfterSeconds ?? null;
          showError(wait ? t('login.tooMany', { s: wait }) : t('login.tooManyNoWait'));
        } else if (err instanceof ApiError) showError(t('app.error', { detail: err.detail }));
        else showError(t('app.error', { detail: String(err) }));
      } finally {
        submit.disabled = false;
      }
    });
    const modal = openModal({ title: t('login.title'), content: form, className: 'cm-login', onDismiss: () => finish(false) });
    username.focus();
  });
}
