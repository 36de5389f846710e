/**
 * Every room in memory: loading before the first sync answer (with repair
 * and migration), rebuilding after a refused update, unloading after the last
 * connection leaves, compaction, the waiting room, and sharing rooms with
 * other instances.
 */
import type { Logger } from 'pino';
import type { Scope } from '@attune/session/protocol';
import {
  CLOSE,
  SAVE_STATE,
  encodePermissionDenied,
  encodeSaveStatus,
  needsAdmission,
} from '@attune/session/protocol';
import * as encoding from 'lib0/encoding';
import { MESSAGE, SYNC } from '@attune/session/protocol';
import type { AwarenessLimits } from './awareness-relay.js';
import type { Limits } from './config.js';
import type { Connection } from './connection.js';
import { DocState, isEmptyUpdate } from './doc-state.js';
import { NewerSchemaError, migrate } from './schema.js';
import { BUS_KIND } from './redis-bus.js';
import type { RedisBus } from './redis-bus.js';
import { ControlFactsCache, mayEnter } from './control-facts.js';
import type { ControlFacts } from './control-facts.js';
import { Room } from './room.js';
import type { RoomHost } from './room.js';
import type { Stats } from './stats.js';
import type { Store } from './store/store.js';
import type { SaveState, Writer } from './writer.js';

/**
 * Rooms are compacted when they unload. A room that never empties is also
 * compacted after this many rows, rarely: a compaction rebuilds the whole
 * document and holds the event loop for milliseconds.
 */
const COMPACT_AFTER_ROWS = 20_000;

export class Rooms implements RoomHost {
  readonly rooms = new Map<string, Room>();
  readonly maxDocBytes: number;
  readonly awarenessLimits: AwarenessLimits;
  /** What each session's `control` says. */
  private readonly facts: ControlFactsCache;
  private readonly compacting = new Set<Room>();
  /** Rooms being read from the store, until they are loaded or refused. */
  private readonly loads = new Map<Room, Promise<void>>();
  /** Other instances sharing rooms, when there are any. */
  private bus: RedisBus | null = null;
  private readonly remoteOwners = new Map<string, object>();
  /** What a writer who joins is told while the store cannot write; empty while it can. */
  private notSaving: Uint8Array[] = [];

  constructor(
    private readonly store: Store,
    private readonly writer: Writer,
    readonly stats: Stats,
    private readonly log: Logger,
    limits: Limits,
    private readonly idleMs: number,
  ) {
    this.maxDocBytes = limits.maxDocBytes;
    this.facts = new ControlFactsCache(
      store,
      (sid) => this.rooms.get(`${sid}/control`)?.doc?.doc ?? null,
      (sid) => [...this.rooms.values()].some((r) => r.sid === sid),
    );
    this.awarenessLimits = {
      maxStateBytes: limits.maxAwarenessStateBytes,
      maxEntriesPerConnection: limits.maxAwarenessEntriesPerConnection,
      maxBytesPerConnection: limits.maxAwarenessBytesPerConnection,
      maxBytesPerRoom: limits.maxAwarenessBytesPerRoom,
      queryIntervalMs: limits.awarenessQueryIntervalMs,
    };
  }

  /**
   * The room for a scope of a session, loading it when it is not in memory.
   * A session's `control` room is loaded with its `space` room and stays while
   * it does, since `space` is refereed by what `control` says (the hold).
   */
  get(sid: string, scope: Scope): Room {
    const name = `${sid}/${scope}`;
    let room = this.rooms.get(name);
    if (room) {
      if (scope === 'space') this.keepControl(sid);
      return room;
    }
    room = new Room(sid, scope, this);
    this.rooms.set(name, room);
    this.stats.rooms = this.rooms.size;
    const control = scope === 'space' ? this.keepControl(sid) : null;
    this.load(room, control);
    return room;
  }

  /** The session's `control` room, loaded, and not unloaded while its `space` room is here. */
  private keepControl(sid: string): Room {
    const control = this.get(sid, 'control');
    clearTimeout(control.idleTimer);
    control.idleTimer = undefined;
    control.unloading = false;
    return control;
  }

  /**
   * Reads the room's document from the store (after `waitFor` has loaded)
   * and lets its connections in. Stored rows the document refuses are left
   * out and, on a single instance, the stored document is rewritten without
   * them.
   */
  private load(room: Room, waitFor: Room | null = null): void {
    const name = room.name;
    const { sid, scope } = room;
    // Listen to the other instances before reading the store, so nothing falls in between.
    const loading = (this.bus ? this.bus.join(name) : Promise.resolve())
      .then(() => (waitFor ? this.loads.get(waitFor) : undefined))
      .then(() => this.store.loadDoc(sid, scope))
      .then(({ updates, lastSeq }) => {
        if (this.rooms.get(name) !== room) return;
        const doc = new DocState(updates);
        if (doc.dropped > 0) {
          this.stats.repairedRows += doc.dropped;
          this.log.warn(
            { room: name, dropped: doc.dropped },
            'stored updates the document refuses were left out',
          );
        }
        let migration: Uint8Array | null;
        try {
          migration = migrate(doc, scope);
        } catch (error) {
          if (!(error instanceof NewerSchemaError)) throw error;
          doc.destroy();
          this.log.error({ room: name, version: error.version }, 'document from a newer server refused');
          this.refuseRoom(room, CLOSE.newerSchema, 'this session was saved by a newer version of Attune');
          return;
        }
        room.setLoaded(doc, lastSeq, updates.length);
        if (migration) {
          room.saves.received++;
          this.storeUpdate(room, migration);
        }
        if (doc.dropped > 0 && !this.bus) void this.compact(room);
        // Ask the others for whatever they hold that is not stored yet.
        this.bus?.publish(name, BUS_KIND.stateRequest, doc.stateVector());
      })
      .catch((error: unknown) => {
        this.log.error({ err: error, room: name }, 'loading a room failed');
        this.refuseRoom(room, 1011, 'the session could not be loaded; try again');
      })
      .finally(() => {
        if (this.loads.get(room) === loading) this.loads.delete(room);
      });
    this.loads.set(room, loading);
  }

  /** Closes a room that cannot be opened and forgets it. */
  private refuseRoom(room: Room, code: number, reason: string): void {
    for (const conn of room.conns) conn.close(code, reason);
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    this.stats.rooms = this.rooms.size;
  }

  isHeld(sid: string): boolean {
    return this.facts.known(sid)?.hold ?? false;
  }

  /**
   * Throws the live document away and reads it again from the store, once
   * what was accepted is stored. Its connections stay; their frames wait.
   */
  rebuild(room: Room): void {
    if (!room.doc || this.rooms.get(room.name) !== room) return;
    this.stats.rebuiltDocs++;
    this.log.warn({ room: room.name }, 'rebuilding a document from the store after a refused update');
    room.unload();
    if (room.scope === 'control') this.facts.changed(room.sid);
    void this.writer.flush().then(() => this.load(room));
  }

  storeUpdate(room: Room, update: Uint8Array): void {
    this.writer.addUpdate(room, { sid: room.sid, scope: room.scope, data: update });
    if (room.rowsSinceCompaction >= COMPACT_AFTER_ROWS && !this.bus) void this.compact(room);
  }

  recordEvent(room: Room, conn: Connection, channel: string, payload: Uint8Array): void {
    const t = performance.timeOrigin + performance.now();
    const record = (allowed: boolean): void => {
      if (
        !allowed ||
        this.stats.quotas?.admitEvent(room.sid, conn, channel.length + payload.byteLength) === false
      )
        return;
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
    const known = this.facts.known(room.sid);
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
      const facts = this.facts.known(room.sid);
      conn.waiting = !facts || !mayEnter(facts, conn);
      room.add(conn);
      if (!facts) void this.refreshAdmission(room.sid);
    } else room.add(conn);
    this.tellWriter(conn, this.notSaving);
  }

  /**
   * Disk trouble: tells every writable connection (and each that joins
   * meanwhile) that its changes are not being kept, and when they are again.
   * The permission message (2) is for any y-websocket client; the save status
   * (101) is what an Attune Session shows.
   */
  notifyWriters(state: SaveState): void {
    const frames =
      state.status === 'failing'
        ? [encodePermissionDenied(state.reason), encodeSaveStatus(SAVE_STATE.failing, state.reason)]
        : [encodeSaveStatus(SAVE_STATE.saving)];
    this.notSaving = state.status === 'failing' ? frames : [];
    for (const room of this.rooms.values()) for (const conn of room.conns) this.tellWriter(conn, frames);
  }

  private tellWriter(conn: Connection, frames: readonly Uint8Array[]): void {
    if (!conn.info.writable || conn.closed) return;
    for (const frame of frames) conn.send(frame);
  }

  onControlChange(room: Room): void {
    const sid = room.sid;
    this.facts.changed(sid);
    const space = this.rooms.get(`${sid}/space`);
    if (space && [...space.conns].some((c) => needsAdmission(c.info.role))) void this.refreshAdmission(sid);
    if (space && space.changes.heldCount > 0 && !this.isHeld(sid)) space.changes.releaseHeld();
  }

  onEmpty(room: Room): void {
    clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => void this.unload(room), this.idleMs);
  }

  /** Stores what the room holds, compacts it and forgets it. */
  async unload(room: Room): Promise<void> {
    if (room.conns.size > 0 || room.unloading || this.rooms.get(room.name) !== room) return;
    // A session's control stays while its space does: it decides what space accepts.
    if (room.scope === 'control' && this.rooms.has(`${room.sid}/space`)) return;
    room.unloading = true;
    await this.writer.flush();
    // Someone may have joined while the writes were landing.
    if (room.conns.size > 0 || !room.unloading) return;
    // With other instances writing the same rows, only merging is safe: they are kept as they are.
    if (room.loaded && room.rowsSinceCompaction > 1 && !this.bus) await this.compact(room);
    if (room.conns.size > 0 || !room.unloading) return;
    this.rooms.delete(room.name);
    room.unload();
    this.stats.rooms = this.rooms.size;
    void this.bus?.leave(room.name);
    if (room.scope === 'space') {
      const control = this.rooms.get(`${room.sid}/control`);
      if (control && control.conns.size === 0) this.onEmpty(control);
    }
    if (![...this.rooms.values()].some((r) => r.sid === room.sid)) this.facts.forget(room.sid);
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
      room.unload();
      void this.bus?.leave(name);
    }
    this.facts.forget(sid);
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

  /** What the session's `control` says now. */
  readFacts(sid: string): Promise<ControlFacts> {
    return this.facts.read(sid);
  }

  /** Lets in or sends back the session's `space` connections as its control now says. */
  private async refreshAdmission(sid: string): Promise<void> {
    const version = this.facts.version(sid);
    let facts: ControlFacts;
    try {
      facts = await this.facts.read(sid);
    } catch (error) {
      this.log.error({ err: error, sid }, 'reading who is admitted failed; they keep waiting');
      return;
    }
    // A newer control change refreshes again with what it says.
    if (this.facts.version(sid) !== version) return;
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
}
