import { ObservableV2 } from 'lib0/observable';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Session } from '@attune/session';
import { MAX_NOTES_PER_SECOND, MUSIC_PRESENCE, NoteLink } from './note-link.js';
import type { ReceivedNote } from './note-link.js';
import { NOTE_CHANNEL, encodeNoteEvent } from './note-events.js';

/** The part of Session a NoteLink uses, wired to a list of peers in memory. */
class FakeSession extends ObservableV2<{ clock: () => void }> {
  docs = { space: new Y.Doc() };
  states = new Map<number, Record<string, unknown>>();
  handlers = new Set<(payload: Uint8Array) => void>();
  peers: FakeSession[] = [];
  clock = { rtt: Number.NaN, now: () => 1_000_000 };
  constructor(readonly user: { id: string; name: string; role: string; color: string }) {
    super();
    this.states.set(this.docs.space.clientID, { user });
  }
  awareness = {
    getStates: () => {
      const all = new Map<number, Record<string, unknown>>();
      for (const peer of [this, ...this.peers]) for (const [k, v] of peer.states) all.set(k, v);
      return all;
    },
    getLocalState: () => this.states.get(this.docs.space.clientID) ?? null,
    setLocalStateField: (field: string, value: unknown) => {
      this.states.set(this.docs.space.clientID, {
        ...this.states.get(this.docs.space.clientID),
        [field]: value,
      });
    },
  };
  broadcast(channel: string, payload: Uint8Array): boolean {
    expect(channel).toBe(NOTE_CHANNEL);
    for (const peer of this.peers) peer.deliver(payload);
    return true;
  }
  onBroadcast(_channel: string, handler: (payload: Uint8Array) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  deliver(payload: Uint8Array): void {
    for (const handler of this.handlers) handler(payload);
  }
}

function pair(): [FakeSession, FakeSession, NoteLink, NoteLink] {
  const a = new FakeSession({ id: 'client-1', name: 'Ana', role: 'client', color: '#3b7dd8' });
  const b = new FakeSession({ id: 'therapist-1', name: 'Tom', role: 'therapist', color: '#d9822b' });
  a.peers = [b];
  b.peers = [a];
  return [a, b, new NoteLink(a as unknown as Session), new NoteLink(b as unknown as Session)];
}

describe('NoteLink', () => {
  it('delivers notes with who played them, in order', () => {
    const [, , linkA, linkB] = pair();
    const got: ReceivedNote[] = [];
    linkB.on('note', (n) => got.push(n));
    linkA.send('marimba', 67, 88, true);
    linkA.send('marimba', 67, 88, false);
    expect(got.map((n) => [n.event.on, n.event.midi, n.event.velocity, n.player?.name])).toEqual([
      [true, 67, 88, 'Ana'],
      [false, 67, 0, 'Ana'],
    ]);
    expect(got[0]!.lateness).toBe(0);
  });

  it('drops repeats and stale copies, garbage, and floods past the per-second budget', () => {
    const [a, b, , linkB] = pair();
    const got: ReceivedNote[] = [];
    linkB.on('note', (n) => got.push(n));
    const event = (seq: number) =>
      encodeNoteEvent({
        sender: a.docs.space.clientID,
        seq,
        instrument: 'keys',
        midi: 60,
        velocity: 80,
        on: true,
        time: 1,
      });
    b.deliver(event(5));
    b.deliver(event(5));
    b.deliver(event(4));
    b.deliver(new Uint8Array([1, 2, 3]));
    b.deliver(new Uint8Array(1000));
    expect(got.map((n) => n.event.seq)).toEqual([5]);
    for (let seq = 6; seq < 6 + MAX_NOTES_PER_SECOND * 2; seq++) b.deliver(event(seq));
    expect(got.length).toBeLessThanOrEqual(MAX_NOTES_PER_SECOND + 1);
    expect(got.length).toBeGreaterThanOrEqual(MAX_NOTES_PER_SECOND - 1);
  });

  it("publishes its round trip and instrument, and reads others' presence defensively", () => {
    const [a, b, linkA, linkB] = pair();
    a.clock.rtt = 23.456;
    a.emit('clock', []);
    linkA.setInstrument('harp');
    expect(a.awareness.getLocalState()![MUSIC_PRESENCE]).toEqual({ rtt: 23.5, instrument: 'harp' });
    expect(linkB.presence().get('client-1')!.music).toEqual({ rtt: 23.5, instrument: 'harp' });
    b.states.set(999, { user: { id: 'x', name: 'Eve', role: 'admin' } });
    b.states.set(998, {
      user: { id: 'y', name: 'Joy', role: 'client', color: 'red;background:url(x)' },
      [MUSIC_PRESENCE]: { rtt: -5, instrument: '../../etc' },
    });
    const presence = linkA.presence();
    expect(presence.has('x')).toBe(false);
    expect(presence.get('y')).toEqual({
      user: { id: 'y', name: 'Joy', role: 'client', color: '#52606d' },
      music: { rtt: null, instrument: 'keys' },
    });
  });

  it('stops listening when destroyed', () => {
    const [a, , linkA, linkB] = pair();
    const got: ReceivedNote[] = [];
    linkB.on('note', (n) => got.push(n));
    linkB.destroy();
    linkA.send('keys', 60, 80, true);
    expect(got).toEqual([]);
    expect(linkB.send('keys', 60, 80, true)).toBe(false);
    expect(a.handlers.size).toBe(1);
  });
});
