import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocState } from '@attune/session-server';

/** Updates from two writers, as a room receives them. */
function updates(count: number): { all: Uint8Array[]; doc: Y.Doc } {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const all: Uint8Array[] = [];
  a.on('update', (u: Uint8Array) => all.push(u));
  b.on('update', (u: Uint8Array) => all.push(u));
  for (let i = 0; i < count; i++) {
    const writer = i % 3 === 0 ? b : a;
    if (i % 7 === 0 && writer.getArray('strokes').length > 0) writer.getArray('strokes').delete(0, 1);
    else writer.getArray('strokes').push([`stroke ${i}`]);
    writer.getMap('cursor').set(writer === a ? 'a' : 'b', i);
  }
  const doc = new Y.Doc();
  for (const u of all) Y.applyUpdate(doc, u);
  return { all, doc };
}

describe('DocState', () => {
  it('keeps its own copy of each update: reusing the bytes it was given changes nothing', () => {
    const { all, doc } = updates(300);
    // As they arrive: views into one chunk that is then overwritten, as a read buffer could be.
    const state = new DocState();
    for (const u of all) {
      const chunk = new Uint8Array(u.byteLength + 8);
      chunk.set(u, 4);
      state.append(chunk.subarray(4, 4 + u.byteLength));
      chunk.fill(0xff);
    }
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, state.state());
    expect(rebuilt.getArray('strokes').toJSON()).toEqual(doc.getArray('strokes').toJSON());
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
  });

  for (const count of [0, 1, 127, 128, 129, 128 * 32 - 1, 128 * 32, 128 * 32 + 50, 9000]) {
    it(`holds the same document as a Y.Doc after ${count} updates, and after more`, () => {
      // 140 more than `count`, so appending after a full merge also crosses a chunk boundary.
      const { all: every, doc: whole } = updates(count + 140);
      const all = every.slice(0, count);
      const doc = new Y.Doc();
      for (const u of all) Y.applyUpdate(doc, u);
      const state = new DocState();
      for (const u of all) state.append(u);
      const same = (expected: Y.Doc): void => {
        const rebuilt = new Y.Doc();
        Y.applyUpdate(rebuilt, state.state());
        expect(rebuilt.getArray('strokes').toJSON()).toEqual(expected.getArray('strokes').toJSON());
        expect(rebuilt.getMap('cursor').toJSON()).toEqual(expected.getMap('cursor').toJSON());
        expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(expected));
      };
      same(doc);
      // What a peer that has the first half lacks is exactly the rest.
      const half = new Y.Doc();
      for (const u of all.slice(0, all.length >> 1)) Y.applyUpdate(half, u);
      Y.applyUpdate(half, state.diff(Y.encodeStateVector(half)));
      expect(half.getArray('strokes').toJSON()).toEqual(doc.getArray('strokes').toJSON());
      // state() merged everything; the rest arrives on top of that merge.
      for (const u of every.slice(count)) state.append(u);
      same(whole);
    });
  }

  it('merges what arrived between frames, not while a frame is handled, and stays the same document', async () => {
    const { all, doc } = updates(128 * 40);
    const state = new DocState();
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    let most = 0;
    for (let i = 0; i < all.length; i++) {
      state.append(all[i]!);
      most = Math.max(most, state.unmerged);
      // As a room sees them: a few frames per event-loop turn.
      if (i % 8 === 7) await turn();
    }
    await turn();
    // Merged in the turns between frames, after ½ to 1½ tails of 128: the room never
    // held more than that apart.
    expect(most).toBeGreaterThanOrEqual(64);
    expect(most).toBeLessThanOrEqual(192 + 8);
    expect(state.unmerged).toBeLessThan(192);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, state.state());
    expect(rebuilt.getArray('strokes').toJSON()).toEqual(doc.getArray('strokes').toJSON());
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc));
  });

  it('merges a backlog at once when no turn comes between frames', () => {
    const { all } = updates(128 * 4 + 10);
    const state = new DocState();
    for (const u of all) state.append(u);
    expect(state.unmerged).toBeLessThanOrEqual(128 * 4);
  });
});
