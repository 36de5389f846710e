/**
 * Binds one Session to the canvas: the document model, the live-stroke
 * channel and presence (cursors, laser). Subscribes while the host is
 * connected, and asks it to update when anything it shows has changed.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PresenceState, Session } from '@attune/session';
import { CanvasModel } from '../model/canvas-model.js';
import type { CanvasChange } from '../model/canvas-model.js';
import { LIVE_CHANNEL, LiveStrokes, decodeLive, encodeLive } from '../model/live-stroke.js';
import type { LiveMessage } from '../model/live-stroke.js';
import { isId } from '../model/schema.js';

/** What each participant shares about their pointer, in awareness. */
export interface PointerPresence {
  page: string;
  x: number;
  y: number;
  laser: boolean;
}

export interface Peer extends PointerPresence {
  clientId: number;
  name: string;
  color: string;
}

export interface CanvasControllerCallbacks {
  /** The document changed (objects or pages). */
  change(change: CanvasChange): void;
  /** The model was replaced (a new session): show everything again. */
  reset(): void;
  /** Live strokes, cursors or lasers changed: repaint the overlay. */
  overlay(): void;
}

const PRESENCE_FIELD = 'canvas';
const PRESENCE_INTERVAL = 33;

export class CanvasController implements ReactiveController {
  model: CanvasModel | null = null;
  session: Session | null = null;
  readonly live = new LiveStrokes((id) => this.model?.objectsMap.has(id) ?? false);
  peers: Peer[] = [];

  private unsubscribe: (() => void)[] = [];
  private presence: PointerPresence | null = null;
  private presenceTimer: ReturnType<typeof setTimeout> | undefined;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: CanvasControllerCallbacks,
  ) {
    host.addController(this);
  }

  /** Called by the host when its session property changes. */
  attach(session: Session | null): void {
    if (session === this.session) return;
    this.detach();
    this.session = session;
    if (session) {
      this.model = new CanvasModel(
        session.docs.space,
        session.docs.control,
        {
          id: session.user.id,
          name: session.user.name,
          role: session.role,
        },
        () => session.clock.now(),
      );
      if (this.connected) this.subscribe();
    }
    this.callbacks.reset();
    this.host.requestUpdate();
  }

  private connected = false;

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribeAll();
    // A canvas that is gone shows no cursor to the others.
    this.presence = null;
    this.session?.awareness.setLocalStateField(PRESENCE_FIELD, null);
  }

  /** Sends a live stroke message to everyone else (ephemeral, never stored). */
  send(message: LiveMessage): boolean {
    return this.session?.broadcast(LIVE_CHANNEL, encodeLive(message)) ?? false;
  }

  /** Shares this person's pointer, at most about 30 times a second. */
  setPointer(presence: PointerPresence | null): void {
    this.presence = presence;
    if (this.presenceTimer !== undefined) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      this.session?.awareness.setLocalStateField(PRESENCE_FIELD, this.presence);
    }, PRESENCE_INTERVAL);
  }

  /** Everyone else known here: present now, or who drew before (for passing pages). */
  people(): { id: string; name: string }[] {
    const session = this.session;
    const people = new Map<string, string>();
    if (!session) return [];
    for (const state of session.awareness.getStates().values()) {
      const user = (state as Partial<PresenceState>).user;
      if (typeof user?.id === 'string' && user.id !== session.user.id)
        people.set(user.id, String(user.name ?? ''));
    }
    for (const [id, name] of this.model?.people.entries() ?? []) {
      if (id !== session.user.id && !people.has(id)) people.set(id, String(name));
    }
    return [...people].map(([id, name]) => ({ id: id.slice(0, 128), name: name.slice(0, 64) }));
  }

  destroy(): void {
    this.detach();
  }

  private detach(): void {
    this.unsubscribeAll();
    this.model?.destroy();
    this.model = null;
    this.session = null;
    this.live.strokes.clear();
    this.peers = [];
  }

  private subscribe(): void {
    const { session, model } = this;
    if (!session || !model || this.unsubscribe.length) return;
    const onChange = (change: CanvasChange): void => {
      if (change.added.length && this.live.prune(performance.now())) this.callbacks.overlay();
      this.callbacks.change(change);
      this.host.requestUpdate();
    };
    const onUpdate = (): void => this.host.requestUpdate();
    model.on('change', onChange);
    model.on('frame', onUpdate);
    model.on('undo', onUpdate);
    const stopLive = session.onBroadcast(LIVE_CHANNEL, (payload) => {
      const message = decodeLive(payload);
      if (!message) return;
      this.live.apply(message, performance.now());
      this.callbacks.overlay();
    });
    const onAwareness = (): void => {
      this.peers = readPeers(session);
      this.callbacks.overlay();
      this.host.requestUpdate();
    };
    session.awareness.on('change', onAwareness);
    this.pruneTimer = setInterval(() => {
      if (this.live.prune(performance.now())) this.callbacks.overlay();
    }, 1000);
    this.unsubscribe = [
      () => model.off('change', onChange),
      () => model.off('frame', onUpdate),
      () => model.off('undo', onUpdate),
      stopLive,
      () => session.awareness.off('change', onAwareness),
    ];
  }

  private unsubscribeAll(): void {
    this.unsubscribe.forEach((fn) => fn());
    this.unsubscribe = [];
    clearInterval(this.pruneTimer);
    clearTimeout(this.presenceTimer);
    this.presenceTimer = undefined;
  }
}

function readPeers(session: Session): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of session.awareness.getStates()) {
    if (clientId === session.awareness.clientID) continue;
    const { user, [PRESENCE_FIELD]: pointer } = state as Partial<PresenceState> & { canvas?: unknown };
    if (!user || !pointer || typeof pointer !== 'object') continue;
    const { page, x, y, laser } = pointer as Partial<PointerPresence>;
    if (!isId(page) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    peers.push({
      clientId,
      page,
      x: x!,
      y: y!,
      laser: laser === true,
      name: String(user.name ?? '').slice(0, 64),
      color: /^#[0-9a-f]{6}$/i.test(String(user.color)) ? String(user.color) : '#52606d',
    });
  }
  return peers;
}
