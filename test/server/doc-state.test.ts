import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_META, SCHEMA_VERSION } from '@attune/session/protocol';
import { DocState, IntegrityError, NewerSchemaError, migrate, schemaVersion } from '@attune/session-server';

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

/**
 * One item of client `client` whose origin is itself: it decodes, and every
 * Yjs client that applies it throws. The 18 bytes a hostile page sent.
 */
function selfOrigin(client: number): Uint8Array {
  return new Uint8Array([1, 1, client, 0, 0x84, client, 0, 1, 0x78, 0]);
}

function sameContent(state: DocState, expected: Y.Doc): void {
  const rebuilt = new Y.Doc();
  Y.applyUpdate(rebuilt, state.state());
  expect(rebuilt.getArray('strokes').toJSON()).toEqual(expected.getArray('strokes').toJSON());
  expect(rebuilt.getMap('cursor').toJSON()).toEqual(expected.getMap('cursor').toJSON());
  expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(expected));
}

describe('DocState', () => {
  it('keeps nothing of the bytes it was given: reusing them changes nothing', () => {
    const { all, doc } = updates(300);
    const state = new DocState();
    for (const u of all) {
      const chunk = new Uint8Array(u.byteLength + 8);
      chunk.set(u, 4);
      state.apply(chunk.subarray(4, 4 + u.byteLength));
      chunk.fill(0xff);
    }
    sameContent(state, doc);
  });

  for (const count of [0, 1, 128, 2000]) {
    it(`holds the same document as a Y.Doc after ${count} updates, and answers what a peer lacks`, () => {
      const { all, doc } = updates(count);
      const state = new DocState();
      for (const u of all) state.apply(u);
      sameContent(state, doc);
      const half = new Y.Doc();
      for (const u of all.slice(0, all.length >> 1)) Y.applyUpdate(half, u);
      Y.applyUpdate(half, state.diff(Y.encodeStateVector(half)));
      expect(half.getArray('strokes').toJSON()).toEqual(doc.getArray('strokes').toJSON());
      expect(state.stateVector()).toEqual(Y.encodeStateVector(doc));
      // Loaded from the same rows, it is the same document.
      sameContent(new DocState(all), doc);
    });
  }

  it('refuses an update whose item is its own origin and stays as it was', () => {
    const { all, doc } = updates(50);
    const state = new DocState(all);
    const poison = selfOrigin(7);
    // It decodes: a check that only decodes lets it through.
    expect(() => Y.decodeUpdate(poison)).not.toThrow();
    const error = (() => {
      try {
        state.apply(poison);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).damaged).toBe(false);
    sameContent(state, doc);
    // And it goes on taking good updates.
    const more = new Y.Doc();
    Y.applyUpdate(more, state.state());
    const next: Uint8Array[] = [];
    more.on('update', (u: Uint8Array) => next.push(u));
    more.getArray('strokes').push(['after the refusal']);
    state.apply(next[0]!);
    sameContent(state, more);
  });

  it('says when a refused update had already changed the document', () => {
    const writer = new Y.Doc();
    writer.clientID = 1000;
    writer.getMap('cursor').set('a', 1);
    // The good part integrates first (higher client ids go first), then the poison throws.
    const mixed = Y.mergeUpdates([Y.encodeStateAsUpdate(writer), selfOrigin(1)]);
    const state = new DocState();
    expect(() => state.apply(mixed)).toThrow(
      expect.objectContaining({ name: 'IntegrityError', damaged: true }) as Error,
    );
  });

  it('opens stored rows without the ones it refuses, whatever their order', () => {
    const { all, doc } = updates(120);
    const writer = new Y.Doc();
    writer.clientID = 1000;
    writer.getMap('other').set('kept', true);
    const mixed = Y.mergeUpdates([Y.encodeStateAsUpdate(writer), selfOrigin(1)]);
    const rows = [...all.slice(0, 60), selfOrigin(9), mixed, ...all.slice(60), selfOrigin(255)];
    const state = new DocState(rows);
    expect(state.dropped).toBe(3);
    sameContent(state, doc);
    // The row that failed half way is left out whole: nothing of it was stored as accepted.
    expect(state.doc.getMap('other').size).toBe(0);
  });

  it('refuses a client write to the record only the server writes, and takes it from the server', () => {
    const state = new DocState();
    const stamp = migrate(state, 'space');
    expect(stamp).not.toBeNull();
    expect(schemaVersion(state.doc)).toBe(SCHEMA_VERSION);
    const hostile = new Y.Doc();
    Y.applyUpdate(hostile, state.state());
    const sent: Uint8Array[] = [];
    hostile.on('update', (u: Uint8Array) => sent.push(u));
    hostile.getMap(DOC_META.map).set(DOC_META.schemaVersion, 999);
    expect(() => state.apply(sent[0]!)).toThrow(
      expect.objectContaining({ name: 'IntegrityError', damaged: true }) as Error,
    );
    // The room rebuilds from its stored rows, where only the server's record is.
    expect(schemaVersion(new DocState([stamp!]).doc)).toBe(SCHEMA_VERSION);
  });
});

describe('schema versions', () => {
  it('migrates a document stored before versions were recorded, in order, once', () => {
    const old = new Y.Doc();
    old.getArray('canvas.pages').push(['page one']);
    const state = new DocState([Y.encodeStateAsUpdate(old)]);
    expect(schemaVersion(state.doc)).toBe(0);
    const steps: number[] = [];
    const migrations = [
      { to: 1, migrate: () => steps.push(1) },
      {
        to: 2,
        migrate: (doc: Y.Doc) => {
          steps.push(2);
          doc.getMap('canvas.page').set('size', [1600, 1000]);
        },
      },
    ];
    const change = migrate(state, 'space', migrations, 2);
    expect(steps).toEqual([1, 2]);
    expect(schemaVersion(state.doc)).toBe(2);
    // The change is an update: stored after the old rows, the next load is current.
    const reloaded = new DocState([Y.encodeStateAsUpdate(old), change!]);
    expect(schemaVersion(reloaded.doc)).toBe(2);
    expect(reloaded.doc.getMap('canvas.page').get('size')).toEqual([1600, 1000]);
    expect(migrate(reloaded, 'space', migrations, 2)).toBeNull();
    expect(steps).toEqual([1, 2]);
  });

  it('refuses a document from a newer server', () => {
    const newer = new Y.Doc();
    newer.getMap(DOC_META.map).set(DOC_META.schemaVersion, SCHEMA_VERSION + 1);
    const state = new DocState([Y.encodeStateAsUpdate(newer)]);
    expect(() => migrate(state, 'space')).toThrow(NewerSchemaError);
  });
});
