import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, SCALE } from './board-model.js';
import { describeEntry, describeSpot } from './board-log.js';
import { PROPS_ORIGIN } from './origin.js';
import { seeded, wirePeers } from './test-docs.js';

const sam = { id: 'p-sam', name: 'Sam' };
const alex = { id: 'p-alex', name: 'Alex' };
const nameOf = (id: string): string => id.replace('attune/', '');
const PROPS = ['attune/sunglasses', 'attune/key', 'attune/shell', 'attune/stone', 'attune/feather'];

describe('BoardModel', () => {
  it('places, moves, turns, sizes, layers, labels and records who did it', () => {
    const board = new BoardModel(new Y.Doc());
    const umbrella = board.place('attune/umbrella', 0.5, 0.5, alex)!;
    const glasses = board.place('attune/sunglasses', 0.55, 0.5, sam)!;
    expect(board.item(glasses)).toMatchObject({
      propId: 'attune/sunglasses',
      x: 0.55,
      placedBy: sam,
      onBoard: true,
    });
    board.move(glasses, 0.9, 0.1, alex);
    board.rotate(glasses, -90, alex);
    board.resize(glasses, 100, alex);
    board.setLabel(glasses, 'at ease', alex);
    board.layer(umbrella, 'front', sam);
    const item = board.item(glasses)!;
    expect(item).toMatchObject({
      x: 0.9,
      y: 0.1,
      rotation: 270,
      scale: SCALE.max,
      label: 'at ease',
      movedBy: alex,
    });
    expect(board.list().map((i) => i.id)).toEqual([glasses, umbrella]);
    const texts = board.entries().map((e) => describeEntry(e, { nameOf }));
    expect(texts).toEqual([
      'Alex placed the umbrella on the board',
      'Sam placed the sunglasses near the umbrella',
      'Alex moved the sunglasses',
    ]);
  });

  it('clamps positions to the board and ignores junk written by others', () => {
    const doc = new Y.Doc();
    const board = new BoardModel(doc);
    const id = board.place('attune/key', 7, -3, sam)!;
    expect(board.item(id)).toMatchObject({ x: 1, y: 0 });
    doc.transact(() => {
      board.items.set('junk', 'not a map' as never);
      const bad = new Y.Map<unknown>();
      bad.set('propId', 42);
      board.items.set('bad', bad);
      board.items.get(id)!.set('x', Number.NaN);
      board.items.get(id)!.set('scale', 1e9);
      board.log.push([{ kind: 'explode', by: sam }, null, { kind: 'place' }]);
    });
    expect(board.list().map((i) => i.id)).toEqual([id]);
    expect(board.item(id)).toMatchObject({ x: 0.5, scale: SCALE.max });
    expect(board.entries()).toHaveLength(1);
  });

  it('moves a group together', () => {
    const board = new BoardModel(new Y.Doc());
    const a = board.place('attune/key', 0.2, 0.2, sam)!;
    const b = board.place('attune/shell', 0.3, 0.2, sam)!;
    const c = board.place('attune/stone', 0.8, 0.8, sam)!;
    board.group([a, b], 'beach things', sam);
    board.move(a, 0.4, 0.5, sam);
    expect(board.item(b)).toMatchObject({ x: expect.closeTo(0.5, 6), y: expect.closeTo(0.5, 6) });
    expect(board.item(c)).toMatchObject({ x: 0.8, y: 0.8 });
  });

  it('hands a prop over and puts it away, with announcements', () => {
    const board = new BoardModel(new Y.Doc());
    const id = board.place('attune/feather', 0.5, 0.5, sam)!;
    board.hand(id, alex, sam);
    expect(board.item(id)?.heldBy).toEqual(alex);
    board.putAway(id, alex);
    expect(board.item(id)).toBeNull();
    const texts = board.entries().map((e) => describeEntry(e, { nameOf, selfId: alex.id }));
    expect(texts.slice(1)).toEqual(['Sam handed the feather to you', 'You put the feather away']);
  });

  it('clears with one undo, and undo is per person', () => {
    const peers = wirePeers(2);
    const mine = new BoardModel(peers.docs[0]!);
    const theirs = new BoardModel(peers.docs[1]!);
    const undo = mine.createUndoManager();
    const theirUndo = theirs.createUndoManager();
    mine.place('attune/key', 0.1, 0.1, sam);
    peers.sync();
    theirs.place('attune/shell', 0.2, 0.2, alex);
    theirs.addCard('The hero', 'Finds the way home', 0.5, 0.5, alex);
    peers.sync();
    theirUndo.stopCapturing();
    theirs.clear(alex);
    peers.sync();
    expect(mine.list()).toHaveLength(0);
    // Sam's undo does not bring back what Alex cleared: it is not Sam's change.
    undo.undo();
    peers.sync();
    expect(mine.list()).toHaveLength(0);
    theirUndo.undo();
    peers.sync();
    expect(
      mine
        .list()
        .map((i) => i.propId)
        .sort(),
    ).toEqual(['attune/key', 'attune/shell']);
    expect(mine.cardList().map((c) => c.title)).toEqual(['The hero']);
  });

  it('keeps role cards with who takes the role', () => {
    const board = new BoardModel(new Y.Doc());
    const card = board.addCard('The dragon', 'Guards the treasure', 0.3, 0.7, sam)!;
    board.takeRole(card, alex);
    expect(board.cardList()[0]).toMatchObject({ title: 'The dragon', role: alex, by: sam });
    board.takeRole(card, null);
    expect(board.cardList()[0]?.role).toBeNull();
  });

  it('writes with its own origin', () => {
    const doc = new Y.Doc();
    const board = new BoardModel(doc);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    board.place('attune/key', 0.5, 0.5, sam);
    expect(origins).toEqual([PROPS_ORIGIN]);
  });
});

function randomEdits(seed: number, peersCount: number, steps: number): void {
  const rand = seeded(seed);
  const peers = wirePeers(peersCount);
  const boards = peers.docs.map((doc) => new BoardModel(doc));
  const people = [sam, alex, { id: 'p-kim', name: 'Kim' }, { id: 'p-lee', name: 'Lee' }];
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rand() * list.length)];
  for (let step = 0; step < steps; step++) {
    const who = Math.floor(rand() * peersCount);
    const board = boards[who]!;
    const me = people[who]!;
    const items = board.list();
    const target = pick(items)?.id;
    const op = rand();
    if (op < 0.25 || !target) board.place(pick(PROPS)!, rand(), rand(), me);
    else if (op < 0.45) board.move(target, rand(), rand(), me, { log: rand() < 0.5 });
    else if (op < 0.52) board.rotate(target, 15, me);
    else if (op < 0.58) board.resize(target, rand() < 0.5 ? 1.25 : 0.8, me);
    else if (op < 0.62) board.layer(target, rand() < 0.5 ? 'front' : 'back', me);
    else if (op < 0.67) board.setLabel(target, `label ${step}`, me);
    else if (op < 0.72) board.group([target, pick(items)!.id], rand() < 0.5 ? 'g' : '', me);
    else if (op < 0.78) board.hand(target, pick(people)!, me);
    else if (op < 0.85) board.putAway(target, me);
    else if (op < 0.88) board.addCard(`card ${step}`, 'text', rand(), rand(), me);
    else if (op < 0.9) {
      const card = pick(board.cardList());
      if (card) board.takeRole(card.id, pick(people)!);
    } else if (op < 0.91) board.clear(me);
    else if (op < 0.96) peers.online[who] = !peers.online[who];
    if (rand() < 0.5) peers.sync();
  }
  peers.online.fill(true);
  peers.sync();
  const first = boards[0]!;
  for (const board of boards.slice(1)) {
    expect(board.list()).toEqual(first.list());
    expect(board.cardList()).toEqual(first.cardList());
    expect(board.entries()).toEqual(first.entries());
  }
  for (const item of first.list()) {
    expect(item.x).toBeGreaterThanOrEqual(0);
    expect(item.x).toBeLessThanOrEqual(1);
    expect(item.scale).toBeGreaterThanOrEqual(SCALE.min);
  }
}

describe('BoardModel convergence', () => {
  for (const peers of [2, 3, 4]) {
    it(`converges over ${peers} documents with disconnects (seeds 1-40)`, () => {
      for (let seed = 1; seed <= 40; seed++) randomEdits(seed * 7919 + peers, peers, 150);
    });
  }
});

describe('describeSpot', () => {
  it('names the nine parts of the board', () => {
    expect([
      describeSpot(0.1, 0.1),
      describeSpot(0.5, 0.5),
      describeSpot(0.9, 0.5),
      describeSpot(0.5, 0.9),
    ]).toEqual(['top left', 'centre', 'middle right', 'bottom centre']);
  });
});
