import { sessionApi } from '../api/session';
import type { LayerInfo, Role, SessionInfo, SignedIn, WriteScope } from '../api/types';

const ANONYMOUS: SessionInfo = { authenticated: false, anonymousRead: true };

type Listener = (session: SessionInfo) => void;

/**
 * Who is signed in, and what the account may write: the one place the page asks before it shows an editing tool.
 * The server decides every write again; this only keeps tools away from accounts that would be refused.
 */
export class SessionStore {
  private session: SessionInfo = ANONYMOUS;
  private listeners = new Set<Listener>();

  get(): SessionInfo {
    return this.session;
  }

  /** The signed-in account, or null. */
  user(): SignedIn | null {
    return this.session.authenticated ? this.session : null;
  }

  has(role: Role): boolean {
    return this.user()?.roles.includes(role) ?? false;
  }

  isAdmin(): boolean {
    return this.has('ADMIN');
  }

  /** What the account may write in a layer: all of a feature, the survey attributes only, or nothing. */
  scopeOf(layer: string): WriteScope {
    return this.user()?.canWrite?.[layer] ?? 'none';
  }

  /** The layers the account may write, in catalogue order. */
  writableLayers(infos: LayerInfo[]): LayerInfo[] {
    return infos.filter((i) => this.scopeOf(i.name) !== 'none');
  }

  canEdit(): boolean {
    const u = this.user();
    return !!u && Object.values(u.canWrite ?? {}).some((s) => s !== 'none');
  }

  /** Asks the server who is signed in (the session cookie may have outlived the page). */
  async load(): Promise<SessionInfo> {
    try {
      this.set(await sessionApi.current());
    } catch {
      this.set(ANONYMOUS); // a server without sessions: the map stays readable
    }
    return this.session;
  }

  /** Signs in; rejects with the server's ApiError (401 wrong name or password, 429 too many attempts). */
  async login(username: string, password: string): Promise<SignedIn> {
    const user = await sessionApi.login(username, password);
    this.set(user);
    return user;
  }

  async logout(): Promise<void> {
    try {
      await sessionApi.logout();
    } finally {
      this.set(ANONYMOUS);
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(session: SessionInfo): void {
    this.session = session;
    for (const l of this.listeners) l(session);
  }
}
