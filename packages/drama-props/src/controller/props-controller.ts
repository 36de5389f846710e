/**
 * Connects a prop board or magic bag element to the session: builds the
 * models over the session's documents, re-renders on change, reports new log
 * entries, and (in a facilitator's browser) keeps the bag: answers draw
 * requests and takes put-away props back.
 */
import type { Session } from '@attune/session';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as Y from 'yjs';
import { BagKeeper, DRAW_PRESENCE_FIELD, KEEPER_PRESENCE_FIELD, isBagKeeper } from '../model/bag-keeper.js';
import { randomId } from '../model/parse.js';
import { BagModel } from '../model/bag-model.js';
import { parseLogEntry } from '../model/board-log.js';
import type { LogEntry } from '../model/board-log.js';
import { BoardModel } from '../model/board-model.js';
import { FrameModel } from '../model/frame-model.js';
import type { Actor } from '../model/parse.js';

const FACILITATORS = new Set(['therapist', 'assistant']);

const KEEPER_FIELD = KEEPER_PRESENCE_FIELD;
/** How many elements on this page keep the bag for each session. */
const keepers = new WeakMap<Session, number>();

function announceKeeper(session: Session, delta: number): void {
  const count = (keepers.get(session) ?? 0) + delta;
  keepers.set(session, count);
  const keeps = count > 0;
  const current =
    (session.awareness.getLocalState() as Record<string, unknown> | null)?.[KEEPER_FIELD] === true;
  if (keeps !== current) session.awareness.setLocalStateField(KEEPER_FIELD, keeps);
}

export interface Participant extends Actor {
  role: string;
  color: string;
}

export class PropsController implements ReactiveController {
  board: BoardModel | null = null;
  bag: BagModel | null = null;
  frame: FrameModel | null = null;
  undo: Y.UndoManager | null = null;
  session: Session | null = null;

  private readonly host: ReactiveControllerHost;
  private readonly onEntries: (entries: LogEntry[]) => void;
  private boardName = 'main';
  private cleanup: Array<() => void> = [];
  private connected = false;

  constructor(host: ReactiveControllerHost, onEntries: (entries: LogEntry[]) => void = () => {}) {
    this.host = host;
    this.onEntries = onEntries;
    host.addController(this);
  }

  /** Points the controller at a session and board; a no-op when nothing changed. */
  attach(session: Session | null | undefined, boardName: string): void {
    if (session === this.session && boardName === this.boardName) return;
    this.detach();
    this.session = session ?? null;
    this.boardName = boardName;
    if (this.connected) this.open();
  }

  hostConnected(): void {
    this.connected = true;
    this.open();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach(false);
  }

  get me(): Actor {
    const user = this.session?.user;
    return { id: user?.id ?? 'unknown', name: user?.name ?? '' };
  }

  get facilitator(): boolean {
    return !!this.session && FACILITATORS.has(this.session.role);
  }

  /** Whether the local person may change the board now (role, hold and lock). */
  get canEdit(): boolean {
    if (!this.session?.canWrite('space')) return false;
    return this.facilitator || !this.frame?.frozen;
  }

  get hidden(): boolean {
    return !this.facilitator && (this.frame?.state.hidden ?? false);
  }

  /**
   * Reaches into the bag in the local person's name. The request's id goes
   * into this page's presence first: the keeper answers only requests that
   * their drawer's (server-verified) presence names.
   */
  requestDraw(slot: number | null = null): string | null {
    const session = this.session;
    const bag = this.bag;
    if (!session || !bag) return null;
    const id = randomId();
    const before = (session.awareness.getLocalState() as Record<string, unknown> | null)?.[
      DRAW_PRESENCE_FIELD
    ];
    session.awareness.setLocalStateField(DRAW_PRESENCE_FIELD, id);
    const made = bag.requestDraw(this.me, slot, id);
    if (!made) session.awareness.setLocalStateField(DRAW_PRESENCE_FIELD, before);
    return made;
  }

  participants(): Participant[] {
    const seen = new Map<string, Participant>();
    for (const state of this.session?.awareness.getStates().values() ?? []) {
      const user = (state as { user?: Participant }).user;
      if (user && typeof user.id === 'string' && !seen.has(user.id)) {
        seen.set(user.id, {
          id: user.id,
          name: String(user.name ?? ''),
          role: String(user.role ?? ''),
          color: String(user.color ?? ''),
        });
      }
    }
    return [...seen.values()];
  }

  private open(): void {
    const session = this.session;
    if (!session || this.board) return;
    const { space, control, notes } = session.docs;
    const now = (): number => session.clock.now();
    this.board = new BoardModel(space, { board: this.boardName, now });
    this.bag = new BagModel(this.board, notes, { board: this.boardName, now });
    this.frame = new FrameModel(control);
    this.undo = this.board.createUndoManager();
    const refresh = (): void => this.host.requestUpdate();
    const onLog = (event: Y.YArrayEvent<unknown>): void => {
      // What arrives while (re)syncing is history, not news: it is not read out.
      if (!event.transaction.local && session.status.status !== 'synced') return;
      const added: LogEntry[] = [];
      for (const change of event.changes.delta) {
        for (const value of change.insert ?? []) {
          const entry = parseLogEntry(value);
          if (entry) added.push(entry);
        }
      }
      if (added.length > 0) this.onEntries(added);
    };
    const onAwareness = (): void => this.host.requestUpdate();
    // Once this page's own request is answered, its presence stops naming it.
    const bag = this.bag;
    const onDraws = (): void => {
      const mine = (session.awareness.getLocalState() as Record<string, unknown> | null)?.[
        DRAW_PRESENCE_FIELD
      ];
      if (typeof mine === 'string' && bag.request(mine)?.state !== 'pending')
        session.awareness.setLocalStateField(DRAW_PRESENCE_FIELD, undefined);
    };
    bag.draws.observe(onDraws);
    space.on('update', refresh);
    control.on('update', refresh);
    notes?.on('update', refresh);
    session.on('status', refresh);
    this.board.log.observe(onLog);
    session.awareness.on('change', onAwareness);
    const undo = this.undo;
    this.cleanup.push(() => {
      space.off('update', refresh);
      control.off('update', refresh);
      notes?.off('update', refresh);
      session.off('status', refresh);
      this.board?.log.unobserve(onLog);
      session.awareness.off('change', onAwareness);
      bag.draws.unobserve(onDraws);
      undo.destroy();
    });
    if (this.bag.canKeep) {
      const keeper = new BagKeeper(this.bag, {
        isKeeper: () => isBagKeeper(session.awareness.getStates(), session.docs.space.clientID),
        isReady: () => session.status.status === 'synced',
        presence: () => session.awareness.getStates().values(),
      });
      const stop = keeper.start();
      announceKeeper(session, +1);
      const rerun = (): void => keeper.run();
      const onPresence = (): void => keeper.presenceChanged();
      session.on('status', rerun);
      session.awareness.on('change', onPresence);
      this.cleanup.push(() => {
        stop();
        announceKeeper(session, -1);
        session.off('status', rerun);
        session.awareness.off('change', onPresence);
      });
    }
    this.host.requestUpdate();
  }

  private detach(clearSession = true): void {
    for (const fn of this.cleanup.splice(0)) fn();
    this.board = null;
    this.bag = null;
    this.frame = null;
    this.undo = null;
    if (clearSession) this.session = null;
  }
}
