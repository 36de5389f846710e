/**
 * Carries notes between participants as compact events on recorded broadcast
 * 121 (never audio), and publishes this participant's round trip and
 * instrument in awareness so the therapist sees everyone's delay.
 *
 *   local play ─▶ encodeNoteEvent ─▶ session.broadcast('music:note', record)
 *   session.onBroadcast ─▶ decode, bound, order ─▶ 'note' (with who played it)
 */
import { ObservableV2 } from 'lib0/observable';
import { isRole } from '@attune/session';
import type { Session, SessionUser } from '@attune/session';
import { NOTE_CHANNEL, decodeNoteEvent, encodeNoteEvent } from './note-events.js';
import type { NoteEvent } from './note-events.js';
import type { Midi, Millis, Velocity } from './units.js';

/** The awareness field this package publishes. */
export const MUSIC_PRESENCE = 'music';

export interface MusicPresence {
  /** Round trip to the server, ms, rounded; null before the first sample. */
  rtt: number | null;
  instrument: string;
}

export interface ReceivedNote {
  event: NoteEvent;
  /** Who played it, from awareness; null when unknown (they left, or not yet announced). */
  player: SessionUser | null;
  /** Shared-clock now minus the note's own time: how late it arrived, ms. */
  lateness: Millis;
}

export interface NoteLinkEvents {
  note: (note: ReceivedNote) => void;
}

/** Most notes accepted from one sender in one second; a stuck or hostile sender is cut off there. */
export const MAX_NOTES_PER_SECOND = 120;

export class NoteLink extends ObservableV2<NoteLinkEvents> {
  private readonly session: Session;
  private seq = 0;
  private readonly lastSeq = new Map<number, number>();
  private readonly budget = new Map<number, { second: number; count: number }>();
  private readonly unsubscribe: () => void;
  private instrument = 'keys';
  private destroyed = false;

  constructor(session: Session) {
    super();
    this.session = session;
    this.unsubscribe = session.onBroadcast(NOTE_CHANNEL, (payload) => this.receive(payload));
    session.on('clock', this.publish);
    this.publish();
  }

  /** Sends one note on or off; false when it could not be sent (offline, read-only). */
  send(instrument: string, midi: Midi, velocity: Velocity, on: boolean): boolean {
    if (this.destroyed) return false;
    const event: NoteEvent = {
      sender: this.session.docs.space.clientID,
      seq: this.seq++,
      instrument,
      midi,
      velocity: on ? velocity : 0,
      on,
      time: Math.max(0, this.session.clock.now()),
    };
    return this.session.broadcast(NOTE_CHANNEL, encodeNoteEvent(event), { record: true });
  }

  /** Tells the others which instrument this participant plays. */
  setInstrument(instrument: string): void {
    if (instrument === this.instrument) return;
    this.instrument = instrument;
    this.publish();
  }

  /** Everyone's published presence, by participant id (latest connection wins). */
  presence(): Map<string, { user: SessionUser; music: MusicPresence | null }> {
    const result = new Map<string, { user: SessionUser; music: MusicPresence | null }>();
    for (const state of this.session.awareness.getStates().values()) {
      const user = readUser(state['user']);
      if (!user) continue;
      result.set(user.id, { user, music: readPresence(state[MUSIC_PRESENCE]) });
    }
    return result;
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unsubscribe();
    this.session.off('clock', this.publish);
    super.destroy();
  }

  private readonly publish = (): void => {
    if (this.destroyed) return;
    const rtt = this.session.clock.rtt;
    const music: MusicPresence = {
      rtt: Number.isFinite(rtt) ? Math.round(rtt * 10) / 10 : null,
      instrument: this.instrument,
    };
    const current = readPresence(this.session.awareness.getLocalState()?.[MUSIC_PRESENCE]);
    if (current && current.rtt === music.rtt && current.instrument === music.instrument) return;
    this.session.awareness.setLocalStateField(MUSIC_PRESENCE, music);
  };

  private receive(payload: Uint8Array): void {
    const event = decodeNoteEvent(payload);
    if (!event || this.destroyed) return;
    // The relay keeps order per connection; a repeat or a step back is a stale copy.
    const last = this.lastSeq.get(event.sender);
    if (last !== undefined && event.seq <= last && last - event.seq < 1_000_000) return;
    const second = Math.floor(performance.now() / 1000);
    const budget = this.budget.get(event.sender);
    if (budget && budget.second === second) {
      if (++budget.count > MAX_NOTES_PER_SECOND) return;
    } else this.budget.set(event.sender, { second, count: 1 });
    this.lastSeq.set(event.sender, event.seq);
    const state = this.session.awareness.getStates().get(event.sender);
    const player = readUser(state?.['user']);
    this.emit('note', [{ event, player, lateness: this.session.clock.now() - event.time }]);
  }
}

function readUser(value: unknown): SessionUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, name, role, color } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string' || !isRole(role)) return null;
  return {
    id: id.slice(0, 128),
    name: name.slice(0, 64),
    role,
    color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : '#52606d',
  };
}

function readPresence(value: unknown): MusicPresence | null {
  if (typeof value !== 'object' || value === null) return null;
  const { rtt, instrument } = value as Record<string, unknown>;
  return {
    rtt: typeof rtt === 'number' && Number.isFinite(rtt) && rtt >= 0 && rtt < 60_000 ? rtt : null,
    instrument: typeof instrument === 'string' && /^[a-z0-9-]{1,32}$/.test(instrument) ? instrument : 'keys',
  };
}
