import { fetchFresh, send } from './client';
import type { Account, AccountChange, NewAccount, SessionInfo, SignedIn } from './types';

// Who is signed in (the session cookie) and, for administrators, the accounts.

export const sessionApi = {
  /** The session: the signed-in account and what it may write, or anonymous. */
  async current(signal?: AbortSignal): Promise<SessionInfo> {
    return (await fetchFresh<SessionInfo>('/api/session', signal)).body;
  },

  /** Signs in: 401 for a wrong name or password, 429 (with Retry-After) after repeated failures. */
  async login(username: string, password: string): Promise<SignedIn> {
    return (await send<SignedIn>('POST', '/api/session', { username, password }, { retryAfterLogin: false })).body;
  },

  async logout(): Promise<void> {
    await send<null>('DELETE', '/api/session', undefined, { retryAfterLogin: false });
  },

  async accounts(): Promise<Account[]> {
    return (await fetchFresh<Account[]>('/api/accounts')).body;
  },

  async createAccount(account: NewAccount): Promise<Account> {
    return (await send<Account>('POST', '/api/accounts', account)).body;
  },

  async updateAccount(username: string, change: AccountChange): Promise<Account> {
    return (await send<Account>('PUT', `/api/accounts/${encodeURIComponent(username)}`, change)).body;
  },
};
