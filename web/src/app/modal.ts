import { h } from './dom';
import { t } from '../i18n';

// Dialogs drawn in the page (never window.confirm or alert: they block the map and cannot be styled or translated).

export interface ModalOptions {
  title: string;
  /** the body */
  content: Node;
  /** buttons of the footer, left to right */
  actions?: HTMLElement[];
  /** a class for the dialog (its width, its test id) */
  className?: string;
  /** called when the dialog is closed by Esc, the × or the backdrop */
  onDismiss?: () => void;
}

export interface Modal {
  element: HTMLElement;
  close(): void;
}

/** Opens a modal dialog over the page; Esc and the × dismiss it. The first field (or button) gets the focus. */
export function openModal(o: ModalOptions): Modal {
  const previous = document.activeElement as HTMLElement | null;
  const dialog = h('div', { class: `cm-modal ${o.className ?? ''}`, role: 'dialog', 'aria-modal': 'true' });
  const backdrop = h('div', { class: 'cm-modal-backdrop' }, dialog);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    document.removeEventListener('keydown', onKey, true);
    backdrop.remove();
    previous?.focus?.();
  };
  const dismiss = () => {
    close();
    o.onDismiss?.();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      dismiss();
    }
  };
  const titleId = `cm-modal-title-${Math.random().toString(36).slice(2, 8)}`;
  dialog.setAttribute('aria-labelledby', titleId);
  dialog.append(
    h('header', { class: 'cm-modal-head' }, h('h2', { id: titleId }, o.title),
      h('button', { type: 'button', class: 'cm-modal-close', 'aria-label': t('common.close'), title: t('common.close'), onclick: dismiss }, '×')),
    h('div', { class: 'cm-modal-body' }, o.content),
    o.actions?.length ? h('footer', { class: 'cm-modal-foot' }, ...o.actions) : '',
  );
  backdrop.addEventListener('mousedown', (e) => { if (e.target === backdrop) dismiss(); });
  document.addEventListener('keydown', onKey, true);
  document.body.append(backdrop);
  const first = dialog.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea')
    ?? dialog.querySelector<HTMLElement>('.cm-modal-foot button');
  first?.focus();
  return { element: dialog, close };
}

export interface ConfirmOptions {
  title: string;
  message: string | Node;
  ok: string;
  cancel?: string;
  /** a destructive action (delete): the button is red */
  danger?: boolean;
  testId?: string;
}

/** Asks a yes/no question in a dialog; resolves true for the confirming button. */
export function confirmDialog(o: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    let modal: Modal;
    const ok = h('button', { type: 'button', class: `cm-button ${o.danger ? 'cm-danger' : 'cm-primary'}`, 'data-action': 'ok',
      onclick: () => { modal.close(); resolve(true); } }, o.ok);
    const cancel = h('button', { type: 'button', class: 'cm-button', 'data-action': 'cancel',
      onclick: () => { modal.close(); resolve(false); } }, o.cancel ?? t('common.cancel'));
    modal = openModal({
      title: o.title, content: typeof o.message === 'string' ? h('p', {}, o.message) : o.message,
      actions: [cancel, ok], className: `cm-confirm ${o.testId ? `cm-${o.testId}` : ''}`, onDismiss: () => resolve(false),
    });
    ok.focus();
  });
}
