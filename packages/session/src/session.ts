/**
 * The browser session: one per participant and page. It owns the plumbing
 * (documents, providers, awareness, shared clock, broadcasts) so components
 * never open sockets of their own.
 *
 *   Session ── space   Y.Doc ── WebsocketProvider ── /sync/<sid>/space
 *           ── control Y.Doc ── WebsocketProvider ── /sync/<sid>/control
 *           ── notes   Y.Doc ── WebsocketProvider ── /sync/<sid>/notes   (facilitators only)
 */
import { ObservableV2 } from 'lib0/observable';
import { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ClockEstimate } from './clock.js';
import { colorFor } from './colors.js';
import { AttuneError, ERROR_REASON } from './errors.js';
import type { ErrorReason } from './errors.js';
import type { Role, Scope, TokenClaims } from './protocol/index.js';
import { CLOSE, canWrite, isFinalClose, readClaims, scopesFor } from './protocol/index.js';
import { ScopeChannel } from './scope-channel.js';
import type { BroadcastHandler } from './scope-channel.js';
import type { SaveStatus, SessionStatus } from './status.js';

export interface SessionUser {
  /** The opaque participant id from the token (`sub`). */
  id: string;
  name: string;
  role: Role;
  color: string;
}

/** The awareness state every participant publishes on the `space` scope. */
export interface PresenceState {
  user: SessionUser;
  [field: string]: unknown;
}

export interface SessionOptions {
  /** `ws(s)://host/sync`. Defaults to the page's own origin. */
  server?: string;
  /** The session id. */
  sid: string;
  /** The bearer token (JWT). */
  token: string;
  /** A WebSocket implementation for Node (`ws`). */
  WebSocketPolyfill?: typeof WebSocket;
  /** Start connecting at once (default true). */
  connect?: boolean;
  /** Longest wait between reconnection attempts, ms (default 2500). */
  maxBackoffTime?: number;
  /** Delay before a save check follows a local edit, ms (default 100). */
  saveCheckDelay?: number;
  /** Interval between clock samples once settled, ms (default 1000). */
  clockInterval?: number;
}

export interface SessionDocs {
  space: Y.Doc;
  control: Y.Doc;
  /** Only for facilitators (therapist, assistant); null for everyone else. */
  notes: Y.Doc | null;
}

export interface BroadcastOptions {
  /** The scope whose room carries it (default `space`). */
  scope?: Scope;
  /** Use message 121: also appended to the session's event log when consent allows. */
  record?: boolean;
}

export interface SessionEvents {
  status: (status: SessionStatus) => void;
  saved: (saved: boolean) => void;
  /** The server stopped keeping changes (a full or read-only disk), or keeps them again. */
  'save-status': (status: SaveStatus) => void;
  /** The server refused a change (a read-only scope, a size limit). */
  'permission-denied': (scope: Scope, reason: string) => void;
  /** A new shared-clock sample was taken. */
  clock: (clock: ClockEstimate) => void;
}

export function defaultServerUrl(): string {
  if (typeof location === 'undefined') throw new AttuneError('invalid', 'No server URL given');
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/sync`;
}

/** `ws://host/sync` to `http://host`. */
export function httpBaseFor(server: string): string {
  const url = new URL(server);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = url.pathname.replace(/\/sync\/?$/, '') || '/';
  return url.toString().replace(/\/$/, '');
}

export class Session extends ObservableV2<SessionEvents> {
  readonly sid: string;
  readonly server: string;
  readonly user: SessionUser;
  readonly docs: SessionDocs;
  /** Presence (who is here, cursors) on the `space` scope. */
  readonly awareness: Awareness;
  readonly clock = new ClockEstimate();
  /** The scopes this participant's role opens. */
  readonly scopes: readonly Scope[];

  private readonly token: string;
  private readonly channels = new Map<Scope, ScopeChannel>();
  private _status: SessionStatus = { status: 'connecting' };
  private destroyed = false;
  private readonly onOnline = (): void => this.refreshStatus();

  constructor(options: SessionOptions) {
    super();
    this.sid = options.sid;
    this.token = options.token;
    this.server = (options.server ?? defaultServerUrl()).replace(/\/$/, '');
    const claims = readClaims(options.token);
    const role: Role = claims?.role ?? 'observer';
    this.user = {
      id: claims?.sub ?? 'unknown',
      name: claims?.name ?? '',
      role,
      color: colorFor(claims?.sub ?? 'unknown'),
    };
    this.scopes = scopesFor(role);
    const space = new Y.Doc();
    const control = new Y.Doc();
    const notes = this.scopes.includes('notes') ? new Y.Doc() : null;
    this.docs = { space, control, notes };
    this.awareness = new Awareness(space);
    this.awareness.setLocalState({ user: this.user } satisfies PresenceState);

    const problem = this.checkToken(claims);
    if (problem) {
      this._status = { status: 'error', error: problem };
      return;
    }
    for (const scope of this.scopes) {
      const doc = this.docs[scope]!;
      const channel = new ScopeChannel({
        scope,
        doc,
        writable: canWrite(role, scope),
        server: this.server,
        room: `${this.sid}/${scope}`,
        token: this.token,
        awareness: scope === 'space' ? this.awareness : null,
        WebSocketPolyfill: options.WebSocketPolyfill,
        maxBackoffTime: options.maxBackoffTime ?? 2500,
        saveCheckDelay: options.saveCheckDelay ?? 100,
        clock: scope === 'space' ? this.clock : null,
        clockInterval: options.clockInterval ?? 1000,
        connect: options.connect ?? true,
        events: {
          change: () => this.refreshStatus(),
          saved: () => this.emit('saved', [this.saved]),
          saveStatus: () => this.onSaveStatus(),
          clock: () => this.emit('clock', [this.clock]),
          denied: (reason) => this.emit('permission-denied', [scope, reason]),
          closed: (code) => this.onFinalClose(code),
          refused: () => void this.checkAccess(),
        },
      });
      this.channels.set(scope, channel);
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOnline);
    }
  }

  get role(): Role {
    return this.user.role;
  }

  get status(): SessionStatus {
    return this._status;
  }

  /** True when every local edit has been confirmed durable by the server. */
  get saved(): boolean {
    for (const channel of this.channels.values()) if (!channel.saved) return false;
    return true;
  }

  /** Whether the server is keeping changes; `failing` carries its reason, to show as it is. */
  get saveStatus(): SaveStatus {
    for (const channel of this.channels.values()) {
      const reason = channel.saveFailure;
      if (reason !== null) return { status: 'failing', reason };
    }
    return { status: 'saving' };
  }

  /**
   * Calls the session server's HTTP API as this participant: `path` is
   * resolved against the server (e.g. `/api/sessions/<sid>/assets`) and the
   * bearer token is added, so components never handle the token themselves.
   */
  fetchApi(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${this.token}`);
    const relative = path.startsWith('/') ? path : `/${path}`;
    return fetch(httpBaseFor(this.server) + relative, { ...init, headers });
  }

  canWrite(scope: Scope): boolean {
    return canWrite(this.role, scope) && this.channels.has(scope);
  }

  /** The provider of one scope, for integrations that need y-websocket itself. */
  provider(scope: Scope): WebsocketProvider | null {
    return this.channels.get(scope)?.provider ?? null;
  }

  /**
   * Sends a broadcast to everyone else in the scope's room (120, or 121 with
   * `record`). Returns false when it could not be sent (offline, read-only).
   */
  broadcast(channel: string, payload: Uint8Array, options: BroadcastOptions = {}): boolean {
    const scope = options.scope ?? 'space';
    if (!canWrite(this.role, scope)) return false;
    return this.channels.get(scope)?.sendBroadcast(channel, payload, options.record ?? false) ?? false;
  }

  /** Listens to broadcasts on a channel; returns the function that stops listening. */
  onBroadcast(channel: string, handler: BroadcastHandler, options: { scope?: Scope } = {}): () => void {
    const scoped = this.channels.get(options.scope ?? 'space');
    if (!scoped) return () => {};
    return scoped.onBroadcast(channel, handler);
  }

  /** Resolves when every scope has synced with the server (rejects on a final error). */
  whenSynced(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (status: SessionStatus): void => {
        if (status.status === 'synced') {
          this.off('status', check);
          resolve();
        } else if (status.status === 'error') {
          this.off('status', check);
          reject(status.error);
        }
      };
      this.on('status', check);
      check(this._status);
    });
  }

  /** Resolves when every local edit so far has been stored by the server. */
  whenSaved(): Promise<void> {
    return new Promise((resolve) => {
      const check = (saved: boolean): void => {
        if (saved) {
          this.off('saved', check);
          resolve();
        }
      };
      this.on('saved', check);
      check(this.saved);
    });
  }

  /** Drops the connections, keeps the documents; `connect()` resumes. */
  disconnect(): void {
    for (const channel of this.channels.values()) channel.disconnect();
  }

  connect(): void {
    if (this.destroyed || this._status.status === 'error') return;
    for (const channel of this.channels.values()) channel.connect();
  }

  /** Releases sockets, timers, awareness and documents. Idempotent. */
  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOnline);
    }
    for (const channel of this.channels.values()) channel.destroy();
    this.channels.clear();
    this.awareness.destroy();
    this.docs.space.destroy();
    this.docs.control.destroy();
    this.docs.notes?.destroy();
    super.destroy();
  }

  private lastSaveStatus: SaveStatus = { status: 'saving' };

  /** Each scope's room says it; the page hears of a change once. */
  private onSaveStatus(): void {
    const next = this.saveStatus;
    const last = this.lastSaveStatus;
    if (
      next.status === last.status &&
      (next.status === 'saving' || next.reason === (last as typeof next).reason)
    )
      return;
    this.lastSaveStatus = next;
    this.emit('save-status', [next]);
  }

  private checkToken(claims: TokenClaims | null): AttuneError | null {
    if (!claims) return new AttuneError('invalid-token', 'The token could not be read');
    if (claims.sid !== this.sid) {
      return new AttuneError('forbidden', 'The token is for another session');
    }
    if (claims.exp * 1000 <= Date.now()) return new AttuneError('expired', 'The token has expired');
    return null;
  }

  private refreshStatus(): void {
    if (this.destroyed || this._status.status === 'error') return;
    const channels = [...this.channels.values()];
    let next: SessionStatus;
    const browserOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
    if (channels.every((c) => c.synced) && !browserOffline) next = { status: 'synced' };
    else if (browserOffline || channels.some((c) => c.hasBeenSynced && !c.connected)) {
      next = { status: 'offline' };
    } else next = { status: 'connecting' };
    this.setStatus(next);
  }

  private setStatus(next: SessionStatus): void {
    if (next.status === this._status.status && next.status !== 'error') return;
    this._status = next;
    this.emit('status', [next]);
  }

  private fail(reason: ErrorReason, message: string): void {
    if (this.destroyed || this._status.status === 'error') return;
    for (const channel of this.channels.values()) channel.disconnect();
    this.setStatus({ status: 'error', error: new AttuneError(reason, message) });
  }

  private onFinalClose(code: number): void {
    if (!isFinalClose(code)) return;
    if (code === CLOSE.sessionEnded) this.fail('session-ended', 'The session has ended');
    else if (code === CLOSE.removed) this.fail('removed', 'You were removed from the session');
    else if (code === CLOSE.newerSchema)
      this.fail('unsupported', 'This session was saved by a newer version of Attune than the server runs');
    else this.fail('unauthorized', 'The token is no longer valid');
  }

  private checking = false;

  /**
   * A socket that closes before it opens may be a refused upgrade: ask the
   * HTTP API why, since browsers hide the upgrade's status from scripts.
   */
  private async checkAccess(): Promise<void> {
    if (this.checking || this.destroyed) return;
    this.checking = true;
    try {
      const response = await fetch(`${httpBaseFor(this.server)}/api/sessions/${this.sid}/me`, {
        headers: { authorization: `Bearer ${this.token}` },
      });
      if (response.ok) return;
      const body = (await response.json().catch(() => null)) as {
        error?: { code?: string; message?: string };
      } | null;
      const code = body?.error?.code ?? '';
      const message = body?.error?.message ?? `Refused with status ${response.status}`;
      if (code === 'token-expired') this.fail(ERROR_REASON.expired, message);
      else if (code === 'session-ended') this.fail(ERROR_REASON.sessionEnded, message);
      else if (code === 'participant-removed') this.fail(ERROR_REASON.removed, message);
      else if (response.status === 401) this.fail(ERROR_REASON.unauthorized, message);
      else if (response.status === 403) this.fail(ERROR_REASON.forbidden, message);
      else if (response.status === 404) this.fail(ERROR_REASON.notFound, message);
    } catch {
      // The server cannot be reached: stay offline and keep retrying.
    } finally {
      this.checking = false;
    }
  }
}
