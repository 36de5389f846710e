/**
 * Every room in memory: loading before the first sync answer, unloading
 * after the last connection leaves, compaction, and what a session's rooms
 * share: what its `control` document says about recording consent, the
 * waiting room and who was let in.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { Scope } from '@attune/session/protocol';
import { CLOSE, CONSENT, CONTROL_MAP, FRAME, needsAdmission } from '@attune/session/protocol';
import * as encoding from 'lib0/encoding';
import { MESSAGE, SYNC } from '@attune/session/protocol';
import type { AwarenessLimits } from './awareness-relay.js';
import type { Limits } from './config.js';
import type { Connection } from './connection.js';
import { DocState, isEmptyUpdate } from './doc-state.js';
import { BUS_KIND } from './redis-bus.js';
import type { RedisBus } from './redis-bus.js';
import { Room } from './room.js';
import type { RoomHost } from './room.js';
import type { Stats } from './stats.js';
import type { Store } from './store/store.js';
import type { Writer } from './writer.js';

/**
 * Rooms are compacted when they unload. A room that never empties is also
 * compacted after this many rows, rarely: a compaction rebuilds the whole
 * document and holds the event loop for milliseconds.
 */
const COMPACT_AFTER_ROWS = 20_000;

/** What the server reads from a session's `control` document. */
export interface ControlFacts {
  recordEvents: boolean;
  waitingRoom: boolean;
  admitted: ReadonlySet<string>;
}

/** Reads the facts from a `control` state. */
export function controlFacts(state: Uint8Array): ControlFacts {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const admission = doc.getMap(CONTROL_MAP.admission);
    const admitted = new Set<string>();
    for (const [sub, value] of admission) if (value === true) admitted.add(sub);
    return {
      recordEvents: doc.getMap(CONTROL_MAP.consent).get(CONSENT.recordEvents) === true,
      waitingRoom: doc.getMap(CONTROL_MAP.frame).get(FRAME.waitingRoom) === true,
      admitted,
    };
  } finally {
    doc.destroy();
  }
}

/** The first `control` state of a new session: whether it has a waiting room. */
export function initialControl(waitingRoom: boolean): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.getMap(CONTROL_MAP.frame).set(FRAME.waitingRoom, waitingRoom);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

function mayEnter(facts: ControlFacts, conn: Connection): boolean {
  return !facts.waitingRoom || facts.admitted.has(conn.info.sub);
}

export class Rooms implements RoomHost {
  readonly rooms = new Map<string, Room>();
  readonly maxDocBytes: number;
  readonly awarenessLimits: AwarenessLimits;
  /** Control facts per session; absent means not known yet. */
  private readonly facts = new Map<string, ControlFacts>();
  /** Bumped on every control change, so a slow read does not overwrite a newer one. */
  private readonly factsVersion = new Map<string, number>();
  private readonly compacting = new Set<Room>();
  /** Other instances sharing rooms, when there are any. */
  private bus: RedisBus | null = null;
  private readonly remoteOwners = new Map<string, object>();

  constructor(
    private readonly store: Store,
    private readonly writer: Writer,
    readonly stats: Stats,
    private readonly log: Logger,
    limits: Limits,
    private readonly idleMs: number,
  ) {
    this.maxDocBytes = limits.maxDocBytes;
    this.awarenessLimits = {
      maxStateBytes: limits.maxAwarenessStateBytes,
      maxEntriesPerConnection: limits.maxAwarenessEntriesPerConnection,
      maxBytesPerConnection: limits.maxAwarenessBytesPerConnection,
      maxBytesPerRoom: limits.maxAwarenessBytesPerRoom,
      queryIntervalMs: limits.awarenessQueryIntervalMs,
    };
  }

  /** The room for a scope of a session, loading it when it is not in memory. */
  get(sid: string, scope: Scope): Room {
    const name = `${sid}/${scope}`;
    let room = this.rooms.get(name);
    if (room) return room;
    room = new Room(sid, scope, this);
    this.rooms.set(name, room);
    this.stats.rooms = this.rooms.size;
    const loading = room;
    // Listen to the other instances before reading the store, so nothing falls in between.
    (this.bus ? this.bus.join(name) : Promise.resolve())
      .then(() => this.store.loadDoc(sid, scope))
      .then(({ updates, lastSeq }) => {
        if (this.rooms.get(name) !== loading) return;
        let doc: DocState;
        try {
          doc = new DocState(updates);
          doc.state();
        } catch (error) {
          // A stored row that cannot be merged must not take the room down with it.
          this.log.error(
            { err: error, room: name },
            'stored document could not be merged; loading row by row',
          );
          doc = new DocState(updates.filter((u) => isMergeable(u)));
        }
        loading.setLoaded(doc, lastSeq, updates.length);
        // Ask the others for whatever they hold that is not stored yet.
        this.bus?.publish(name, BUS_KIND.stateRequest, doc.stateVector());
      })
      .catch((error: unknown) => {
        this.log.error({ err: error, room: name }, 'loading a room failed');
        for (const conn of loading.conns) conn.close(1011, 'the session could not be loaded; try again');
        this.rooms.delete(name);
        this.stats.rooms = this.rooms.size;
      });
    return room;
  }

  storeUpdate(room: Room, update: Uint8Array): void {
    this.writer.addUpdate(room, { sid: room.sid, scope: room.scope, data: update });
    if (room.rowsSinceCompaction >= COMPACT_AFTER_ROWS && !this.bus) void this.compact(room);
  }

  recordEvent(room: Room, conn: Connection, channel: string, payload: Uint8Array): void {
    const t = performance.timeOrigin + performance.now();
    const record = (allowed: boolean): void => {
      if (!allowed) return;
      this.writer.addEvent({
        sid: room.sid,
        t,
        sub: conn.info.sub,
        role: conn.info.role,
        scope: room.scope,
        channel,
        payload,
      });
    };
    const known = this.knownFacts(room.sid);
    if (known) record(known.recordEvents);
    else
      void this.readFacts(room.sid).then(
        (facts) => record(facts.recordEvents),
        (error: unknown) => this.log.error({ err: error, room: room.name }, 'reading consent failed'),
      );
  }

  /**
   * Adds a connection to its room. In `space`, someone who needs admission
   * waits (gets nothing, keeps nothing) until the session's control says they
   * are in; while that is not known yet they wait too.
   */
  join(room: Room, conn: Connection): void {
    if (room.scope === 'space' && needsAdmission(conn.info.role)) {
      const facts = this.knownFacts(room.sid);
      conn.waiting = !facts || !mayEnter(facts, conn);
      room.add(conn);
      if (!facts) void this.refreshAdmission(room.sid);
    } else room.add(conn);
  }

  onControlChange(room: Room): void {
    const sid = room.sid;
    this.facts.delete(sid);
    this.factsVersion.set(sid, (this.factsVersion.get(sid) ?? 0) + 1);
    const space = this.rooms.get(`${sid}/space`);
    if (space && [...space.conns].some((c) => needsAdmission(c.info.role))) void this.refreshAdmission(sid);
  }

  onEmpty(room: Room): void {
    clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => void this.unload(room), this.idleMs);
  }

  /** Stores what the room holds, compacts it and forgets it. */
  async unload(room: Room): Promise<void> {
    if (room.conns.size > 0 || room.unloading || this.rooms.get(room.name) !== room) return;
    room.unloading = true;
    await this.writer.flush();
    // Someone may have joined while the writes were landing.
    if (room.conns.size > 0 || !room.unloading) return;
    // With other instances writing the same rows, only merging is safe: they are kept as they are.
    if (room.loaded && room.rowsSinceCompaction > 1 && !this.bus) await this.compact(room);
    if (room.conns.size > 0 || !room.unloading) return;
    this.rooms.delete(room.name);
    this.stats.rooms = this.rooms.size;
    void this.bus?.leave(room.name);
    if (![...this.rooms.values()].some((r) => r.sid === room.sid)) this.forgetFacts(room.sid);
  }

  /** Shares rooms with other instances from now on. */
  attachBus(bus: RedisBus): void {
    this.bus = bus;
  }

  publish(room: Room, frame: Uint8Array, facilitatorsOnly = false): void {
    this.bus?.publish(room.name, facilitatorsOnly ? BUS_KIND.waitingPresence : BUS_KIND.frame, frame);
  }

  /** A message from another instance about a room this one holds. */
  onBusMessage(name: string, from: string, kind: number, body: Uint8Array): void {
    const room = this.rooms.get(name);
    if (!room) return;
    let owner = this.remoteOwners.get(from);
    if (!owner) this.remoteOwners.set(from, (owner = {}));
    if (kind === BUS_KIND.frame) room.receiveRemote(owner, body);
    else if (kind === BUS_KIND.waitingPresence) room.receiveRemote(owner, body, true);
    else if (kind === BUS_KIND.stateRequest && room.doc) {
      const diff = room.doc.diff(body);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      encoding.writeVarUint(encoder, SYNC.update);
      encoding.writeVarUint8Array(encoder, diff);
      if (!isEmptyUpdate(diff)) this.bus?.publish(name, BUS_KIND.frame, encoding.toUint8Array(encoder));
      // And who is here: only this instance's own participants, the others answer for theirs.
      const presence = room.awareness.snapshot(
        (owner, restricted) => !restricted && room.conns.has(owner as Connection),
      );
      if (presence) this.bus?.publish(name, BUS_KIND.frame, presence);
    }
  }

  /** Closes every connection of a session (removal, erasure) and drops its rooms. */
  closeSession(sid: string, code: number, reason: string, sub?: string): void {
    for (const room of [...this.rooms.values()]) {
      if (room.sid !== sid) continue;
      for (const conn of [...room.conns]) {
        if (sub === undefined || conn.info.sub === sub) conn.close(code, reason);
      }
    }
  }

  /** Forgets a session's rooms without storing them (after erasure). */
  forgetSession(sid: string): void {
    for (const [name, room] of [...this.rooms]) {
      if (room.sid !== sid) continue;
      clearTimeout(room.idleTimer);
      this.rooms.delete(name);
      void this.bus?.leave(name);
    }
    this.forgetFacts(sid);
    this.stats.rooms = this.rooms.size;
  }

  /** Closes every connection and stores everything (shutdown). */
  async closeAll(code: number, reason: string): Promise<void> {
    for (const room of this.rooms.values()) {
      clearTimeout(room.idleTimer);
      for (const conn of [...room.conns]) conn.close(code, reason);
    }
    await this.writer.flush();
  }

  private async compact(room: Room): Promise<void> {
    if (this.compacting.has(room) || !room.doc) return;
    this.compacting.add(room);
    try {
      await this.writer.flush();
      const upto = room.lastSeq;
      const state = room.doc.compact();
      await this.store.compactDoc(room.sid, room.scope, state, upto);
      room.rowsSinceCompaction = 1;
    } catch (error) {
      this.log.error({ err: error, room: room.name }, 'compaction failed; rows kept as they were');
    } finally {
      this.compacting.delete(room);
    }
  }

  /** The facts when they are known without waiting: cached, or from the live `control` room. */
  private knownFacts(sid: string): ControlFacts | null {
    const cached = this.facts.get(sid);
    if (cached) return cached;
    const control = this.rooms.get(`${sid}/control`);
    if (!control?.doc) return null;
    const facts = controlFacts(control.doc.state());
    this.facts.set(sid, facts);
    return facts;
  }

  /** What the session's `control` says now. */
  async readFacts(sid: string): Promise<ControlFacts> {
    const known = this.knownFacts(sid);
    if (known) return known;
    const version = this.factsVersion.get(sid) ?? 0;
    const stored = await this.store.loadDoc(sid, 'control');
    const state = stored.updates.length ? Y.mergeUpdates(stored.updates) : new Uint8Array([0, 0]);
    // The live room, if it loaded meanwhile, is newer than the stored rows.
    const facts = this.knownFacts(sid) ?? controlFacts(state);
    // Kept only while the session has rooms here: unloading forgets them.
    const current = (this.factsVersion.get(sid) ?? 0) === version;
    if (current && [...this.rooms.values()].some((r) => r.sid === sid)) this.facts.set(sid, facts);
    return facts;
  }

  /** Lets in or sends back the session's `space` connections as its control now says. */
  private async refreshAdmission(sid: string): Promise<void> {
    const version = this.factsVersion.get(sid) ?? 0;
    let facts: ControlFacts;
    try {
      facts = await this.readFacts(sid);
    } catch (error) {
      this.log.error({ err: error, sid }, 'reading who is admitted failed; they keep waiting');
      return;
    }
    // A newer control change refreshes again with what it says.
    if ((this.factsVersion.get(sid) ?? 0) !== version) return;
    const room = this.rooms.get(`${sid}/space`);
    if (!room) return;
    for (const conn of [...room.conns]) {
      if (!needsAdmission(conn.info.role)) continue;
      const enter = mayEnter(facts, conn);
      if (enter && conn.waiting) room.admit(conn);
      else if (!enter && !conn.waiting) {
        conn.close(CLOSE.waiting, 'back in the waiting room: wait to be let in');
      }
    }
  }

  private forgetFacts(sid: string): void {
    this.facts.delete(sid);
    this.factsVersion.delete(sid);
  }
}

function isMergeable(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}
