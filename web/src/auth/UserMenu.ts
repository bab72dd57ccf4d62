import type { Role, SignedIn } from '../api/types';
import { h } from '../app/dom';
import { t, type MessageKey } from '../i18n';
import type { SessionStore } from './SessionStore';

export interface UserMenuActions {
  login(): void;
  logout(): void;
  /** the admin screen (账号管理), for administrators */
  accounts(): void;
}

/** The highest of an account's roles, for a one-word description. */
export function mainRole(roles: Role[]): Role {
  return (['ADMIN', 'EDITOR', 'SURVEYOR', 'VIEWER'] as Role[]).find((r) => roles.includes(r)) ?? 'VIEWER';
}

export const roleName = (r: Role) => t(`role.${r}` as MessageKey);

/**
 * The header's account corner: 登录 for anonymous readers; for a signed-in account its name, role and street scope,
 * with a menu to sign out and, for administrators, to manage the accounts.
 */
export class UserMenu {
  readonly element = h('div', { class: 'cm-user' });
  private open = false;

  constructor(private readonly session: SessionStore, private readonly actions: UserMenuActions) {
    session.subscribe(() => {
      this.open = false;
      this.render();
    });
    document.addEventListener('click', (e) => {
      // the path as dispatched: the button clicked may have been replaced by the re-rendering since
      if (this.open && !e.composedPath().includes(this.element)) {
        this.open = false;
        this.render();
      }
    });
    this.render();
  }

  render(): void {
    const user = this.session.user();
    if (!user) {
      this.element.replaceChildren(h('button', { type: 'button', id: 'cm-login', class: 'cm-header-button',
        onclick: () => this.actions.login() }, t('login.open')));
      return;
    }
    const button = h('button', {
      type: 'button', id: 'cm-user-button', class: 'cm-header-button', 'aria-haspopup': 'true', 'aria-expanded': String(this.open),
      onclick: () => { this.open = !this.open; this.render(); },
    }, h('span', { class: 'cm-user-name', 'data-testid': 'user-name' }, user.username),
    h('span', { class: 'cm-user-role' }, roleName(mainRole(user.roles))), this.open ? '▴' : '▾');
    this.element.replaceChildren(button, this.open ? this.menu(user) : '');
  }

  private menu(user: SignedIn): HTMLElement {
    const item = (id: string, label: string, action: () => void) => h('button', {
      type: 'button', role: 'menuitem', id, onclick: () => { this.open = false; this.render(); action(); },
    }, label);
    const layers = user.layers === null ? t('user.allLayers') : t('user.layerCount', { n: user.layers.length });
    return h('div', { class: 'cm-user-menu', role: 'menu', 'data-testid': 'user-menu' },
      h('div', { class: 'cm-user-facts' },
        h('div', {}, h('strong', {}, user.username)),
        h('div', {}, t('user.roles', { roles: user.roles.map(roleName).join('、') })),
        h('div', { 'data-testid': 'user-scope' }, user.street ? t('user.street', { street: user.street.name }) : t('user.district')),
        h('div', { class: 'cm-muted' }, layers)),
      this.session.isAdmin() ? item('cm-accounts', t('accounts.open'), () => this.actions.accounts()) : null,
      item('cm-logout', t('login.logout'), () => this.actions.logout()));
  }
}
