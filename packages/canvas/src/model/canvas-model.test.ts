import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '@attune/session';
import { CanvasModel, REFUSAL } from './canvas-model.js';
import type { CanvasChange } from './canvas-model.js';
import { DOC_NAMES } from './schema.js';
import { RECORD_KEY, encodeStrokeRecord } from './stroke-record.js';
import { TestNetwork } from '../../../../test/canvas/test-network.js';

const dot = (x: number, y = 10) => [
  { x, y, p: 0.5 },
  { x: x + 3, y: y + 2, p: 0.6 },
];
const people: { id: string; name: string; role: Role }[] = [
  { id: 'p-therapist', name: 'Ruth', role: 'therapist' },
  { id: 'p-client-a', name: 'Sam', role: 'client' },
  { id: 'p-client-b', name: 'Kim', role: 'client' },
  { id: 'p-observer', name: 'Obi', role: 'observer' },
];
let models: CanvasModel[] = [];
afterEach(() => models.forEach((m) => m.destroy()));

function room(count = 3) {
  const space = new TestNetwork(count);
  const control = new TestNetwork(count);
  let clock = 1_000;
  models = space.docs.map((doc, i) => new CanvasModel(doc, control.docs[i]!, people[i]!, () => clock++));
  return { space, control, models };
}

const stroke = (m: CanvasModel, x: number, page = 'main') =>
  m.addStroke({ page, points: dot(x), color: '#3b7dd8', size: 6 });
const snapshot = (m: CanvasModel) => m.pages.list().map((page) => ({ page, objects: m.objects(page.id) }));

describe('CanvasModel', () => {
  it('shares strokes with their author, time and points', () => {
    const {
      models: [t, a],
    } = room();
    const id = stroke(a!, 5)!;
    const seen = t!.object(id);
    expect(seen).toMatchObject({ kind: 'stroke', author: 'p-client-a', page: 'main', size: 6 });
    expect(seen!.kind === 'stroke' && seen!.points.map((p) => p.x)).toEqual([5, 8]);
    expect(t!.nameOf('p-client-a')).toBe('Sam');
  });

  it('commits a stroke id exactly once', () => {
    const {
      models: [, a, b],
    } = room();
    const input = { id: 'live-1', page: 'main', points: dot(1), color: '#000000', size: 4 };
    expect(a!.addStroke(input)).toBe('live-1');
    expect(a!.addStroke(input)).toBeNull();
    expect(b!.addStroke(input)).toBeNull();
    expect(b!.objects('main')).toHaveLength(1);
  });

  it('undo is per person: B never undoes A', () => {
    const {
      models: [, a, b],
    } = room();
    const mine = stroke(a!, 1)!;
    const theirs = stroke(b!, 2)!;
    expect(b!.undo()).toBe(true);
    expect(a!.object(mine)).not.toBeNull();
    expect(a!.object(theirs)).toBeNull();
    expect(b!.undo()).toBe(false);
    expect(a!.objects('main').map((o) => o.id)).toEqual([mine]);
    // B erases A's stroke and takes it back.
    expect(b!.remove([mine])).toEqual([mine]);
    expect(a!.objects('main')).toHaveLength(0);
    b!.undo();
    expect(a!.objects('main').map((o) => o.id)).toEqual([mine]);
    b!.redo();
    expect(a!.objects('main')).toHaveLength(0);
  });

  it('a locked canvas or a held room refuses clients, never the therapist', () => {
    const {
      models: [t, a],
    } = room();
    t!.frame.setLocked(true);
    expect(a!.refusal('main')).toBe(REFUSAL.locked);
    expect(stroke(a!, 1)).toBeNull();
    expect(stroke(t!, 1)).not.toBeNull();
    expect(a!.frame.setLocked(false)).toBe(false);
    t!.frame.setLocked(false);
    expect(stroke(a!, 2)).not.toBeNull();
    t!.frame.control.getMap('frame').set('hold', true);
    expect(a!.refusal('main')).toBe(REFUSAL.held);
    expect(t!.refusal('main')).toBeNull();
  });

  it('observers only watch', () => {
    const {
      models: [, , , o],
    } = room(4);
    expect(o!.refusal('main')).toBe(REFUSAL.readOnly);
    expect(stroke(o!, 1)).toBeNull();
    expect(o!.pages.create('mine')).toBeNull();
  });

  it('own pages, and the therapist passes a page to another client', () => {
    const {
      models: [t, a, b],
    } = room();
    const page = a!.pages.create('My piece')!;
    expect(b!.pages.get(page)).toMatchObject({ title: 'My piece', owner: 'p-client-a' });
    expect(stroke(a!, 1, page)).not.toBeNull();
    expect(b!.refusal(page)).toBe(REFUSAL.notOwner);
    expect(stroke(b!, 1, page)).toBeNull();
    expect(a!.pages.pass(page, 'p-client-b')).toBe(false);
    expect(t!.pages.pass(page, 'p-client-b')).toBe(true);
    expect(a!.pages.get(page)!.owner).toBe('p-client-b');
    expect(stroke(b!, 2, page)).not.toBeNull();
    expect(stroke(a!, 3, page)).toBeNull();
    expect(a!.pages.create('not mine', 'p-client-b')).toBeNull();
  });

  it('undo never takes away a page someone may be drawing on', () => {
    const {
      models: [t, a],
    } = room();
    const page = t!.pages.create('Shared')!;
    stroke(a!, 1, page);
    expect(t!.canUndo).toBe(false);
    expect(t!.undo()).toBe(false);
    expect(a!.pages.get(page)).not.toBeNull();
    expect(a!.objects(page)).toHaveLength(1);
  });

  it('protects objects and clears a page in one undoable step', () => {
    const {
      models: [t, a],
    } = room();
    const kept = stroke(a!, 1)!;
    stroke(a!, 2);
    stroke(t!, 3);
    t!.frame.setProtected(kept, true);
    expect(a!.remove([kept])).toEqual([]);
    expect(a!.place(kept, { left: 1, top: 1, scaleX: 1, scaleY: 1, angle: 0 })).toBe(false);
    expect(a!.clearPage('main')).toBe(0);
    expect(t!.clearPage('main')).toBe(2);
    expect(a!.objects('main').map((o) => o.id)).toEqual([kept]);
    t!.undo();
    expect(a!.objects('main')).toHaveLength(3);
  });

  it('restacks objects forward and back', () => {
    const {
      models: [t, a],
    } = room();
    const [x, y, z] = [stroke(a!, 1)!, stroke(a!, 2)!, stroke(a!, 3)!];
    const order = () => t!.objects('main').map((o) => o.id);
    expect(order()).toEqual([x, y, z]);
    a!.bringForward(x);
    expect(order()).toEqual([y, x, z]);
    a!.bringForward(x);
    expect(order()).toEqual([y, z, x]);
    expect(a!.bringForward(x)).toBe(false);
    a!.sendBackward(z);
    expect(order()).toEqual([z, y, x]);
    // Undoing a restack falls back to the stacking the stroke was made with.
    expect(a!.undo()).toBe(true);
    expect(order()).toEqual([y, z, x]);
  });

  it('tells its own changes from everyone else’s', () => {
    const {
      models: [t, a],
    } = room();
    const seen: CanvasChange[] = [];
    a!.on('change', (c) => seen.push(c));
    const id = stroke(a!, 1)!;
    stroke(t!, 2);
    a!.undo();
    // (The first mark also keeps the page's sheet: a change of pages, not of objects.)
    expect(seen.filter((c) => !c.pages).map((c) => [c.local, c.added.length, c.removed])).toEqual([
      [true, 1, []],
      [false, 1, []],
      [false, 0, [id]],
    ]);
  });

  it('tells a move from a change of content, and edits text', () => {
    const {
      models: [t, a],
    } = room();
    const seen: CanvasChange[] = [];
    const text = a!.addText({ page: 'main', x: 5, y: 5, text: 'calm', fontSize: 20, color: '#000000' })!;
    t!.on('change', (c) => seen.push(c));
    a!.place(text, { left: 9, top: 9, scaleX: 1, scaleY: 1, angle: 0 });
    expect(a!.setText(text, '  still  ')).toBe(true);
    expect(seen.map((c) => [c.updated, c.placed])).toEqual([
      [[text], [text]],
      [[text], []],
    ]);
    expect(t!.object(text)).toMatchObject({ kind: 'text', text: 'still' });
    expect(a!.setText(text, '   ')).toBe(false);
    expect(a!.setText(stroke(a!, 1)!, 'no')).toBe(false);
  });

  it('skips malformed objects written by a peer', () => {
    const {
      space,
      models: [t],
    } = room();
    const map = new Y.Map<unknown>();
    space.docs[1]!.getMap(DOC_NAMES.objects).set('bad', map);
    map.set('kind', 'stroke');
    map.set('page', 'main');
    map.set('points', Uint8Array.of(1, 200));
    space.docs[1]!.getMap(DOC_NAMES.objects).set('worse', new Y.Map());
    const record = (fields: Partial<Parameters<typeof encodeStrokeRecord>[0]>, bytes?: Uint8Array) => {
      const peer = new Y.Map<unknown>();
      const good = {
        page: 'main',
        author: 'p-x',
        created: 1,
        color: '#000000',
        size: 4,
        opacity: 1,
        highlighter: false,
        z: 0,
      };
      peer.set(RECORD_KEY, bytes ?? encodeStrokeRecord({ ...good, ...fields }, dot(1)));
      space.docs[1]!.getMap(DOC_NAMES.objects).set(`r${space.docs[1]!.getMap(DOC_NAMES.objects).size}`, peer);
    };
    record({ page: 'no page!' });
    record({ author: '' });
    record({}, Uint8Array.of(1, 0, 4));
    record({}, 'not bytes' as unknown as Uint8Array);
    record({ page: 'elsewhere' });
    expect(t!.objects('main')).toEqual([]);
    expect(t!.objects('elsewhere')).toHaveLength(1);
  });
});

/** Seeded random sessions with disconnects; every peer must end with the same canvas. */
function fuzz(seed: number, steps = 300): void {
  const { space, control, models: ms } = room(3);
  const gen = prng.create(seed);
  const pages = ['main'];
  const pick = <T>(list: readonly T[]): T | undefined =>
    list.length ? prng.oneOf(gen, list as T[]) : undefined;
  for (let step = 0; step < steps; step++) {
    const i = prng.int32(gen, 0, 2);
    const m = ms[i]!;
    const page = pick(pages)!;
    const ids = m.objects(page).map((o) => o.id);
    const r = prng.int32(gen, 0, 99);
    if (r < 30) m.addStroke({ page, points: dot(prng.int32(gen, 0, 500)), color: '#000000', size: 4 });
    else if (r < 36)
      m.addShape({ page, kind: 'ellipse', x: 1, y: 2, w: 30, h: 20, color: '#2f9e6e', size: 3 });
    else if (r < 46) m.remove([pick(ids)!].filter(Boolean));
    else if (r < 52 && ids.length)
      m.place(pick(ids)!, { left: r, top: step, scaleX: 1.5, scaleY: 1, angle: 10 });
    else if (r < 58 && ids.length) {
      if (r % 2) m.bringForward(pick(ids)!);
      else m.sendBackward(pick(ids)!);
    } else if (r < 68) m.undo();
    else if (r < 72) m.redo();
    else if (r < 74) ms[0]!.clearPage(page);
    else if (r < 77) ms[0]!.frame.setLocked(!ms[0]!.frame.locked);
    else if (r < 79 && ids.length) ms[0]!.frame.setProtected(pick(ids)!, true);
    else if (r < 81) ms[0]!.pages.pass(page, pick(people.slice(1, 3))!.id);
    else if (r < 83) {
      const created = m.pages.create(`p${step}`);
      if (created) pages.push(created);
    } else if (r < 85) m.setBackground(page, '#fff8e7');
    else if (r < 93) {
      const peer = prng.int32(gen, 0, 2);
      if (space.isOnline(peer)) {
        space.disconnect(peer);
        control.disconnect(peer);
      } else {
        space.connect(peer);
        control.connect(peer);
      }
    }
  }
  space.connectAll();
  control.connectAll();
  const [first, ...rest] = ms.map(snapshot);
  for (const other of rest) expect(other).toEqual(first);
  const all = first!.flatMap((p) => p.objects.map((o) => o.id));
  expect(new Set(all).size).toBe(all.length);
}

describe('convergence', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => fuzz(seed));
  }
});
