import { describe, expect, it } from 'vitest';
import { BagModel } from './bag-model.js';
import { BoardModel } from './board-model.js';
import { describeEntry } from './board-log.js';
import { replayFrames } from './replay.js';
import { seeded, wirePeers } from './test-docs.js';

const therapist = { id: 'p-t', name: 'Jo' };
const client = { id: 'p-c', name: 'Sam' };
const other = { id: 'p-o', name: 'Alex' };

/** space peers: 0 therapist, 1 client, 2 assistant; notes peers: 0 therapist, 1 assistant. */
function setup() {
  const space = wirePeers(3);
  const notes = wirePeers(2);
  const boards = space.docs.map((doc) => new BoardModel(doc));
  const bags = [
    new BagModel(boards[0]!, notes.docs[0]!),
    new BagModel(boards[1]!, null),
    new BagModel(boards[2]!, notes.docs[1]!),
  ];
  const sync = (): void => {
    space.sync();
    notes.sync();
  };
  return { space, notes, boards, bags, sync };
}

describe('BagModel', () => {
  it('shows everyone how many props are in the bag, and only facilitators which', () => {
    const { bags, sync, space } = setup();
    bags[0]!.add(['attune/sunglasses', 'attune/key', 'attune/shell']);
    sync();
    expect(bags[1]!.count).toBe(3);
    expect(bags[1]!.contents()).toEqual([]);
    expect(bags[2]!.contents().map((e) => e.propId)).toEqual([
      'attune/sunglasses',
      'attune/key',
      'attune/shell',
    ]);
    const clientSpace = JSON.stringify(space.docs[1]!.toJSON());
    expect(clientSpace).not.toMatch(/sunglasses|key|shell/);
  });

  it('reveals a drawn prop in the drawer\u2019s hands and takes it out of the bag', () => {
    const { bags, boards, sync, space } = setup();
    bags[0]!.add(['attune/sunglasses', 'attune/key']);
    sync();
    const request = bags[1]!.requestDraw(client, 1)!;
    expect(bags[1]!.requestDraw(client)).toBeNull();
    sync();
    expect(bags[0]!.fulfil()).toBe(1);
    sync();
    const draw = bags[1]!.request(request)!;
    expect(draw.state).toBe('done');
    const item = boards[1]!.item(draw.itemId)!;
    expect(item).toMatchObject({ propId: 'attune/key', heldBy: client, onBoard: false, fromBag: true });
    expect(bags[1]!.count).toBe(1);
    expect(JSON.stringify(space.docs[1]!.toJSON())).not.toContain('sunglasses');
    const last = boards[1]!.entries().at(-1)!;
    expect(describeEntry(last, { nameOf: (id) => id.slice(7), selfId: client.id })).toBe(
      'You drew the key from the bag',
    );
  });

  it('draws at random with the given generator, and says when the bag is empty', () => {
    const { bags, boards, sync } = setup();
    bags[0]!.add(['attune/a', 'attune/b', 'attune/c']);
    sync();
    bags[1]!.requestDraw(client);
    sync();
    bags[0]!.fulfil(() => 0.99);
    sync();
    expect(boards[1]!.list().map((i) => i.propId)).toEqual(['attune/c']);
    bags[0]!.contents().forEach((entry) => bags[0]!.remove(entry.id));
    sync();
    expect(bags[1]!.requestDraw(other)).toBeNull();
    bags[1]!.draws.set('forced', { by: other, slot: null, at: 1, state: 'pending', itemId: '' });
    sync();
    bags[0]!.fulfil();
    sync();
    expect(bags[1]!.request('forced')?.state).toBe('empty');
  });

  it('puts drawn props back in the bag once, even with two facilitators', () => {
    const { bags, boards, sync } = setup();
    bags[0]!.add(['attune/feather']);
    sync();
    bags[1]!.requestDraw(client);
    sync();
    bags[2]!.fulfil();
    sync();
    const item = boards[1]!.list()[0]!;
    boards[1]!.move(item.id, 0.3, 0.3, client);
    boards[1]!.hand(item.id, other, client);
    boards[1]!.putAway(item.id, other);
    sync();
    expect(bags[0]!.collectReturns()).toBe(1);
    sync();
    expect(bags[2]!.collectReturns()).toBe(0);
    sync();
    expect(bags[1]!.count).toBe(1);
    expect(bags[2]!.contents().map((e) => e.propId)).toEqual(['attune/feather']);
    const frames = replayFrames(boards[1]!.entries());
    expect(frames.map((f) => f.entry.kind)).toEqual(['draw', 'place', 'hand', 'away']);
    expect(frames[2]!.items).toEqual([
      expect.objectContaining({ propId: 'attune/feather', x: 0.3, onBoard: true, heldBy: other }),
    ]);
    expect(frames[3]!.items).toEqual([]);
  });

  it('puts everything away as a closing ritual', () => {
    const { bags, boards, sync } = setup();
    bags[0]!.add(['attune/key', 'attune/shell']);
    sync();
    bags[1]!.requestDraw(client);
    sync();
    bags[0]!.fulfil();
    boards[0]!.place('attune/stone', 0.5, 0.5, therapist);
    sync();
    bags[0]!.putAllAway(therapist);
    sync();
    expect(boards[1]!.list()).toEqual([]);
    expect(bags[1]!.count).toBe(2);
  });

  it('the facilitator\u2019s undo never takes back a prop revealed to a client', () => {
    const { bags, boards, sync } = setup();
    const undo = boards[0]!.createUndoManager();
    bags[0]!.add(['attune/key']);
    boards[0]!.place('attune/stone', 0.5, 0.5, therapist);
    undo.stopCapturing();
    sync();
    bags[1]!.requestDraw(client);
    sync();
    bags[0]!.fulfil();
    sync();
    undo.undo();
    sync();
    expect(boards[1]!.list().map((i) => i.propId)).toEqual(['attune/key']);
    undo.undo();
    sync();
    expect(boards[1]!.list().map((i) => i.propId)).toEqual(['attune/key']);
  });

  it('converges with seeded draws, returns and disconnects', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rand = seeded(seed);
      const { bags, boards, sync, space, notes } = setup();
      bags[0]!.add(['attune/a', 'attune/b', 'attune/c', 'attune/d']);
      sync();
      const people = [therapist, client, other];
      for (let step = 0; step < 80; step++) {
        const who = Math.floor(rand() * 3);
        const op = rand();
        const held = boards[who]!.list();
        if (op < 0.3) bags[who]!.requestDraw(people[who]!, rand() < 0.5 ? null : Math.floor(rand() * 4));
        else if (op < 0.5 && who !== 1) bags[who]!.fulfil(rand);
        else if (op < 0.65 && held[0]) boards[who]!.putAway(held[0].id, people[who]!);
        else if (op < 0.75 && who !== 1) bags[who]!.collectReturns();
        else if (op < 0.85 && held[0]) boards[who]!.move(held[0].id, rand(), rand(), people[who]!);
        else if (op < 0.95) {
          space.online[who] = !space.online[who];
          if (who !== 1) notes.online[who === 0 ? 0 : 1] = space.online[who]!;
        }
        if (rand() < 0.5) sync();
      }
      space.online.fill(true);
      notes.online.fill(true);
      sync();
      expect(boards[1]!.list()).toEqual(boards[0]!.list());
      expect(boards[2]!.entries()).toEqual(boards[0]!.entries());
      expect(bags[2]!.contents()).toEqual(bags[0]!.contents());
      expect(bags[1]!.requests()).toEqual(bags[0]!.requests());
    }
  });
});

describe('what feeds the bag', () => {
  it('puts nothing in the bag for a put-away entry written by hand', () => {
    const { bags, boards, sync } = setup();
    bags[0]!.add(['attune/key']);
    sync();
    boards[1]!.log.push([
      {
        id: 'forged1',
        kind: 'away',
        fromBag: true,
        propId: 'clinic/forged-by-client',
        itemId: 'x',
        by: client,
      },
    ]);
    sync();
    expect(bags[0]!.collectReturns()).toBe(0);
    expect(bags[0]!.contents().map((e) => e.propId)).toEqual(['attune/key']);
  });

  it('takes back only what it gave out, as it was, once the item has left the board', () => {
    const { bags, boards, sync } = setup();
    bags[0]!.add(['attune/key']);
    sync();
    const request = bags[1]!.requestDraw(client)!;
    sync();
    bags[0]!.fulfil();
    sync();
    const itemId = bags[1]!.request(request)!.itemId;
    // A hand-written entry for an item still on the board, naming another prop.
    boards[1]!.log.push([
      { id: 'early', kind: 'away', fromBag: true, propId: 'clinic/x', itemId, by: client },
    ]);
    sync();
    expect(bags[0]!.collectReturns()).toBe(0);
    boards[1]!.putAway(itemId, client);
    sync();
    expect(bags[0]!.collectReturns()).toBe(1);
    expect(bags[0]!.contents().map((e) => e.propId)).toEqual(['attune/key']);
    boards[1]!.log.push([
      { id: 'again', kind: 'away', fromBag: true, propId: 'attune/key', itemId, by: client },
    ]);
    sync();
    expect(bags[0]!.collectReturns()).toBe(0);
    expect(bags[0]!.contents()).toHaveLength(1);
  });
});
