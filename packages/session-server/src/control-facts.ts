/**
 * What the server reads from a session's `control` document: recording
 * consent, the waiting room and who was let in, and the hold. Read from the
 * live `control` room when it is loaded, else from the store, and cached per
 * session until `control` changes.
 */
import * as Y from 'yjs';
import { CONSENT, CONTROL_MAP, DOC_META, FRAME, SCHEMA_VERSION } from '@attune/session/protocol';
import type { Connection } from './connection.js';
import { DocState } from './doc-state.js';
import type { Store } from './store/store.js';

export interface ControlFacts {
  recordEvents: boolean;
  waitingRoom: boolean;
  /** The room is held: only facilitators change `space` or broadcast. */
  hold: boolean;
  admitted: ReadonlySet<string>;
}

/** Reads the facts from a `control` document. */
export function controlFacts(doc: Y.Doc): ControlFacts {
  const admission = doc.getMap(CONTROL_MAP.admission);
  const admitted = new Set<string>();
  for (const [sub, value] of admission) if (value === true) admitted.add(sub);
  const frame = doc.getMap(CONTROL_MAP.frame);
  return {
    recordEvents: doc.getMap(CONTROL_MAP.consent).get(CONSENT.recordEvents) === true,
    waitingRoom: frame.get(FRAME.waitingRoom) === true,
    hold: frame.get(FRAME.hold) === true,
    admitted,
  };
}

/** The first `control` state of a new session: whether it has a waiting room. */
export function initialControl(waitingRoom: boolean): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.getMap(CONTROL_MAP.frame).set(FRAME.waitingRoom, waitingRoom);
    doc.getMap(DOC_META.map).set(DOC_META.schemaVersion, SCHEMA_VERSION);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export function mayEnter(facts: ControlFacts, conn: Connection): boolean {
  return !facts.waitingRoom || facts.admitted.has(conn.info.sub);
}

/** Facts per session, cached until its `control` changes. */
export class ControlFactsCache {
  private readonly facts = new Map<string, ControlFacts>();
  /** Bumped on every control change, so a slow read does not overwrite a newer one. */
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly store: Store,
    /** The session's live `control` document, when its room is loaded here. */
    private readonly liveControl: (sid: string) => Y.Doc | null,
    /** Whether the session has rooms here (facts are kept only while it does). */
    private readonly isHere: (sid: string) => boolean,
  ) {}

  version(sid: string): number {
    return this.versions.get(sid) ?? 0;
  }

  /** The facts when they are known without waiting: cached, or from the live `control` room. */
  known(sid: string): ControlFacts | null {
    const cached = this.facts.get(sid);
    if (cached) return cached;
    const control = this.liveControl(sid);
    if (!control) return null;
    const facts = controlFacts(control);
    this.facts.set(sid, facts);
    return facts;
  }

  /** What the session's `control` says now. */
  async read(sid: string): Promise<ControlFacts> {
    const known = this.known(sid);
    if (known) return known;
    const version = this.version(sid);
    const stored = await this.store.loadDoc(sid, 'control');
    // The live room, if it loaded meanwhile, is newer than the stored rows.
    let facts = this.known(sid);
    if (!facts) {
      const doc = new DocState(stored.updates);
      facts = controlFacts(doc.doc);
      doc.destroy();
    }
    if (this.version(sid) === version && this.isHere(sid)) this.facts.set(sid, facts);
    return facts;
  }

  changed(sid: string): void {
    this.facts.delete(sid);
    this.versions.set(sid, this.version(sid) + 1);
  }

  forget(sid: string): void {
    this.facts.delete(sid);
    this.versions.delete(sid);
  }
}
