import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { instrumentIds } from './instruments.js';
import { InstrumentSpaceModel, MODES } from './model.js';
import { SCALE_NAMES } from './scales.js';

/** Peers whose space and control docs are wired in memory, with a switchable link. */
class Peer {
  space = new Y.Doc();
  control = new Y.Doc();
  model = new InstrumentSpaceModel(this.space, this.control);
  online = true;
  constructor(readonly id: string) {}
}

function wire(peers: Peer[]): () => void {
  const handlers: (() => void)[] = [];
  for (const scope of ['space', 'control'] as const) {
    for (const from of peers) {
      const fn = (update: Uint8Array, origin: unknown): void => {
        if (origin === 'wire' || !from.online) return;
        for (const to of peers) if (to !== from && to.online) Y.applyUpdate(to[scope], update, 'wire');
      };
      from[scope].on('update', fn);
      handlers.push(() => from[scope].off('update', fn));
    }
  }
  return () => handlers.forEach((off) => off());
}

/** A reconnecting peer exchanges state with everyone online, as y-websocket's sync step does. */
function reconnect(peer: Peer, peers: Peer[]): void {
  peer.online = true;
  for (const other of peers) {
    if (other === peer || !other.online) continue;
    for (const scope of ['space', 'control'] as const) {
      Y.applyUpdate(
        other[scope],
        Y.encodeStateAsUpdate(peer[scope], Y.encodeStateVector(other[scope])),
        'wire',
      );
      Y.applyUpdate(
        peer[scope],
        Y.encodeStateAsUpdate(other[scope], Y.encodeStateVector(peer[scope])),
        'wire',
      );
    }
  }
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEdit(peer: Peer, ids: string[], rand: () => number): void {
  const m = peer.model;
  const any = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const who = any(ids);
  switch (Math.floor(rand() * 12)) {
    case 0:
      return m.setInstrument(peer.id, any(instrumentIds()));
    case 1:
      return m.setVolume(peer.id, rand());
    case 2:
      return m.setMuted(peer.id, rand() < 0.5);
    case 3:
      return m.setTempo(30 + rand() * 200);
    case 4:
      return m.setScale(any(SCALE_NAMES), Math.floor(rand() * 12));
    case 5:
      return m.setMode(any(MODES));
    case 6:
      return rand() < 0.5 ? m.startPulse(1_700_000_000_000 + rand() * 1e6) : m.stopPulse();
    case 7:
      return m.setTurn(rand() < 0.2 ? null : who);
    case 8:
      return m.assign(who, rand() < 0.3 ? null : any(instrumentIds()));
    case 9:
      return rand() < 0.5
        ? m.mutePlayer(who, rand() < 0.5)
        : m.setPlayerVolume(who, rand() < 0.3 ? null : rand());
    case 10:
      return m.lockSetup({
        tempo: rand() < 0.5 ? null : 60 + rand() * 60,
        scale: rand() < 0.5 ? null : any(SCALE_NAMES),
      });
    default:
      return rand() < 0.5 ? m.setMasterVolume(rand()) : m.setMuteAll(rand() < 0.3);
  }
}

function snapshot(peer: Peer, ids: string[]): unknown {
  return {
    state: peer.model.state,
    players: ids.map((id) => peer.model.player(id)),
    list: peer.model.players(),
  };
}

describe('InstrumentSpaceModel', () => {
  it('has calm defaults on an empty document', () => {
    const peer = new Peer('p1');
    expect(peer.model.state).toEqual({
      mode: 'free',
      tempo: 80,
      scale: 'pentatonic',
      root: 0,
      pulse: { on: false, startAt: 0, sound: 'click' },
      turn: null,
      masterVolume: 0.8,
      muteAll: false,
    });
    expect(peer.model.player('p1')).toEqual({
      instrument: 'keys',
      volume: 0.8,
      muted: false,
      assigned: false,
      volumeFixed: false,
    });
  });

  it('lets the therapist override what a player chose, and hand it back', () => {
    const [client, therapist] = [new Peer('client'), new Peer('therapist')];
    const unwire = wire([client, therapist]);
    client.model.setInstrument('client', 'marimba');
    expect(therapist.model.player('client').instrument).toBe('marimba');
    therapist.model.assign('client', 'hand-drum');
    expect(client.model.player('client')).toMatchObject({ instrument: 'hand-drum', assigned: true });
    client.model.setTempo(150);
    therapist.model.lockSetup({ tempo: 70 });
    expect(client.model.state.tempo).toBe(70);
    expect(client.model.isOverridden('tempo')).toBe(true);
    therapist.model.assign('client', null);
    therapist.model.lockSetup({ tempo: null });
    expect(client.model.player('client').instrument).toBe('marimba');
    expect(client.model.state.tempo).toBe(150);
    unwire();
  });

  it("a volume the therapist sets wins over the player's own, until handed back", () => {
    const [client, therapist] = [new Peer('client'), new Peer('therapist')];
    const unwire = wire([client, therapist]);
    client.model.setVolume('client', 1);
    therapist.model.setPlayerVolume('client', 0.3);
    expect(client.model.player('client')).toMatchObject({ volume: 0.3, volumeFixed: true });
    therapist.model.setPlayerVolume('client', null);
    expect(client.model.player('client').volume).toBe(1);
    unwire();
  });

  it('mute by the therapist holds whatever the player sets', () => {
    const [client, therapist] = [new Peer('client'), new Peer('therapist')];
    const unwire = wire([client, therapist]);
    therapist.model.mutePlayer('client', true);
    client.model.setMuted('client', false);
    expect(client.model.player('client').muted).toBe(true);
    therapist.model.mutePlayer('client', false);
    expect(client.model.player('client').muted).toBe(false);
    unwire();
  });

  it('reads garbage written by another program as defaults, within bounds', () => {
    const peer = new Peer('p');
    const c = peer.control.getMap('music');
    const s = peer.space.getMap('music');
    c.set('mode', 'rave');
    c.set('tempo', 1e9);
    s.set('scale', { evil: true });
    c.set('masterVolume', Number.NaN);
    c.set('turn', 'x'.repeat(500));
    s.set('player/p/instrument', 'theremin');
    s.set('player/p/volume', -4);
    expect(peer.model.state).toMatchObject({
      mode: 'free',
      tempo: 200,
      scale: 'pentatonic',
      masterVolume: 0.8,
      turn: null,
    });
    expect(peer.model.player('p')).toMatchObject({ instrument: 'keys', volume: 0 });
    expect(() => peer.model.setInstrument('p', 'theremin')).toThrow(RangeError);
    expect(() => peer.model.setVolume('a/b', 1)).toThrow(RangeError);
  });

  it("undo reverts only this person's own changes", () => {
    const [a, b] = [new Peer('a'), new Peer('b')];
    const unwire = wire([a, b]);
    a.model.setInstrument('a', 'harp');
    b.model.setInstrument('b', 'guitar');
    a.model.undoManager.stopCapturing();
    a.model.setTempo(120);
    a.model.undoManager.undo();
    expect(b.model.state.tempo).toBe(80);
    a.model.undoManager.undo();
    expect(b.model.player('a').instrument).toBe('keys');
    expect(a.model.player('b').instrument).toBe('guitar');
    unwire();
  });

  it('emits change, marking its own writes as local', () => {
    const [a, b] = [new Peer('a'), new Peer('b')];
    const unwire = wire([a, b]);
    const seenA: boolean[] = [];
    const seenB: boolean[] = [];
    a.model.on('change', (local) => seenA.push(local));
    b.model.on('change', (local) => seenB.push(local));
    a.model.setMode('pulse');
    expect(seenA).toEqual([true]);
    expect(seenB).toEqual([false]);
    unwire();
  });

  for (const seed of [1, 2, 3, 42, 1234, 99991]) {
    it(`converges under random edits with disconnects (seed ${seed})`, () => {
      const rand = mulberry32(seed);
      const count = 2 + Math.floor(rand() * 3);
      const peers = Array.from({ length: count }, (_, i) => new Peer(`p${i}`));
      const ids = peers.map((p) => p.id);
      const unwire = wire(peers);
      for (let step = 0; step < 400; step++) {
        const peer = peers[Math.floor(rand() * peers.length)]!;
        if (rand() < 0.05) {
          if (peer.online) peer.online = false;
          else reconnect(peer, peers);
        }
        randomEdit(peer, ids, rand);
      }
      for (const peer of peers) if (!peer.online) reconnect(peer, peers);
      const first = snapshot(peers[0]!, ids);
      for (const peer of peers.slice(1)) {
        expect(snapshot(peer, ids)).toEqual(first);
        expect(peer.space.getMap('music').toJSON()).toEqual(peers[0]!.space.getMap('music').toJSON());
        expect(peer.control.getMap('music').toJSON()).toEqual(peers[0]!.control.getMap('music').toJSON());
      }
      unwire();
    });
  }
});
