import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FrameModel, MODALITIES, destroyArtefact, needsAdmission } from './frame-model.js';

/** Docs wired in memory; a disconnected doc queues its updates until it reconnects. */
function wire(docs: Y.Doc[]): { setOnline(i: number, online: boolean): void } {
  const online = docs.map(() => true);
  const queued: Uint8Array[][] = docs.map(() => []);
  docs.forEach((doc, i) => {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'wire') return;
      if (!online[i]) return void queued[i]!.push(update);
      docs.forEach((other, j) => {
        if (j !== i && online[j]) Y.applyUpdate(other, update, 'wire');
      });
    });
  });
  return {
    setOnline(i, value) {
      online[i] = value;
      if (!value) return;
      queued[i] = [];
      // Reconnecting is a full sync both ways, as y-websocket does.
      docs.forEach((other, j) => {
        if (j === i || !online[j]) return;
        Y.applyUpdate(other, Y.encodeStateAsUpdate(docs[i]!, Y.encodeStateVector(other)), 'wire');
        Y.applyUpdate(docs[i]!, Y.encodeStateAsUpdate(other, Y.encodeStateVector(docs[i]!)), 'wire');
      });
    },
  };
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('FrameModel', () => {
  it('reads calm defaults from an empty control document', () => {
    const frame = new FrameModel(new Y.Doc());
    expect(frame.held).toBe(false);
    expect(frame.ended).toBe(false);
    expect(frame.modality).toBe('canvas');
    expect(frame.videoBeside).toBe(true);
    expect(frame.timer).toBeNull();
    expect(frame.remaining(Date.now())).toBeNull();
    // No waiting room in an empty control document: everyone is in.
    expect(frame.waitingRoom).toBe(false);
    expect(frame.isAdmitted('c_1', 'client')).toBe(true);
    expect(frame.isAdmitted('t_1', 'therapist')).toBe(true);
    expect(needsAdmission('assistant')).toBe(false);
    expect(needsAdmission('observer')).toBe(true);
  });

  it('keeps clients waiting until admitted when the session has a waiting room', () => {
    const frame = new FrameModel(new Y.Doc());
    frame.setWaitingRoom(true);
    expect(frame.isAdmitted('c_1', 'client')).toBe(false);
    expect(frame.isAdmitted('o_1', 'observer')).toBe(false);
    expect(frame.isAdmitted('a_1', 'assistant')).toBe(true);
    frame.admit('c_1');
    expect(frame.isAdmitted('c_1', 'client')).toBe(true);
    expect(frame.admittedIds()).toEqual(['c_1']);
    frame.setWaitingRoom(false);
    expect(frame.isAdmitted('o_1', 'observer')).toBe(true);
  });

  it('bounds the timer and ignores unknown modalities', () => {
    const frame = new FrameModel(new Y.Doc());
    frame.startTimer(0, 1000);
    frame.startTimer(10_000, 1000);
    expect(frame.timer).toBeNull();
    frame.startTimer(50, 1000);
    expect(frame.remaining(1000 + 49 * 60_000)).toBe(60_000);
    expect(frame.remaining(1000 + 51 * 60_000)).toBe(0);
    frame.setModality('video' as never);
    expect(frame.modality).toBe('canvas');
  });

  for (const seed of [1, 7, 42, 2026]) {
    it(`converges across a therapist, an assistant and a client with disconnects (seed ${seed})`, () => {
      const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
      const net = wire(docs);
      const models = docs.map((d) => new FrameModel(d));
      const rand = random(seed);
      let changes = 0;
      models[2]!.on('change', () => changes++);
      for (let step = 0; step < 300; step++) {
        const who = rand() < 0.5 ? 0 : 1; // only facilitators write control
        const m = models[who]!;
        const r = rand();
        if (r < 0.2) m.setHold(rand() < 0.5);
        else if (r < 0.4) m.admit(`c_${Math.floor(rand() * 4)}`, rand() < 0.7);
        else if (r < 0.55) m.setModality(MODALITIES[Math.floor(rand() * 3)]!);
        else if (r < 0.65) m.setVideoBeside(rand() < 0.5);
        else if (r < 0.75) m.startTimer(1 + Math.floor(rand() * 60), step * 1000);
        else if (r < 0.8) m.stopTimer();
        else net.setOnline(Math.floor(rand() * 3), rand() < 0.5);
      }
      for (let i = 0; i < 3; i++) net.setOnline(i, true);
      const seen = models.map((m) => ({
        held: m.held,
        modality: m.modality,
        video: m.videoBeside,
        timer: m.timer,
        admitted: m.admittedIds().sort(),
      }));
      expect(seen[1]).toEqual(seen[0]);
      expect(seen[2]).toEqual(seen[0]);
      expect(changes).toBeGreaterThan(0);
    });
  }

  it('records the ending as consent and holds and ends the room for everyone', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    wire([a, b]);
    const therapist = new FrameModel(a);
    const client = new FrameModel(b);
    therapist.end({ canvas: 'keep', music: 'export', props: 'destroy' }, 't_1', 123);
    expect(client.ended).toBe(true);
    expect(client.held).toBe(true);
    expect(client.endingChoices).toEqual({ canvas: 'keep', music: 'export', props: 'destroy' });
    expect(b.getMap('ending').get('decidedBy')).toBe('t_1');
  });
});

describe('destroyArtefact', () => {
  it('erases one artefact on every peer and leaves the others', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    wire([a, b]);
    a.getMap('canvas.objects').set('s1', 'a stroke');
    a.getMap('canvas.pages').set('p1', 'page');
    a.getArray('props:main:log').push(['placed']);
    a.getMap('props:main:items').set('i1', 'sunglasses');
    a.getMap('music').set('tempo', 90);
    // b only knows these names from updates, as a page that never opened the props board.
    const erased = destroyArtefact(b, 'props');
    expect(erased).toBe(2);
    expect(a.getArray('props:main:log').length).toBe(0);
    expect(a.getMap('props:main:items').size).toBe(0);
    expect(a.getMap('canvas.objects').get('s1')).toBe('a stroke');
    expect(a.getMap('music').get('tempo')).toBe(90);
    destroyArtefact(a, 'canvas');
    expect(b.getMap('canvas.objects').size).toBe(0);
    expect(b.getMap('canvas.pages').size).toBe(0);
    expect(b.getMap('music').get('tempo')).toBe(90);
  });
});
