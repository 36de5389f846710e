import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { BagKeeper, DRAW_PRESENCE_FIELD, isBagKeeper } from './bag-keeper.js';
import { BagModel } from './bag-model.js';
import { BoardModel } from './board-model.js';
import { wirePeers } from './test-docs.js';

const client = { id: 'p-c', name: 'Sam' };
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const space = wirePeers(2);
  const notes = new Y.Doc();
  const keeperBag = new BagModel(new BoardModel(space.docs[0]!), notes);
  const clientBag = new BagModel(new BoardModel(space.docs[1]!), null);
  return { space, keeperBag, clientBag };
}

describe('BagKeeper', () => {
  it('answers a draw as soon as it arrives and publishes the new count', async () => {
    const { space, keeperBag, clientBag } = setup();
    const stop = new BagKeeper(keeperBag, { random: () => 0 }).start();
    keeperBag.add(['attune/key', 'attune/shell']);
    await tick();
    space.sync();
    expect(clientBag.count).toBe(2);
    const id = clientBag.requestDraw(client)!;
    space.sync();
    await tick();
    space.sync();
    expect(clientBag.request(id)?.state).toBe('done');
    expect(clientBag.count).toBe(1);
    stop();
  });

  it('waits until synced and until it is the keeper, then catches up', async () => {
    const { space, keeperBag, clientBag } = setup();
    keeperBag.add(['attune/key']);
    space.sync();
    let ready = false;
    let keeper = false;
    const k = new BagKeeper(keeperBag, { isReady: () => ready, isKeeper: () => keeper });
    const stop = k.start();
    const id = clientBag.requestDraw(client)!;
    space.sync();
    await tick();
    expect(keeperBag.request(id)?.state).toBe('pending');
    ready = true;
    k.run();
    expect(keeperBag.request(id)?.state).toBe('pending');
    keeper = true;
    k.run();
    expect(keeperBag.request(id)?.state).toBe('done');
    stop();
  });

  it('puts a drawn prop back when it is put away, and stops when told', async () => {
    const { space, keeperBag, clientBag } = setup();
    const stop = new BagKeeper(keeperBag).start();
    keeperBag.add(['attune/feather']);
    await tick();
    space.sync();
    const id = clientBag.requestDraw(client)!;
    space.sync();
    await tick();
    space.sync();
    clientBag.board.putAway(clientBag.request(id)!.itemId, client);
    space.sync();
    await tick();
    space.sync();
    expect(clientBag.count).toBe(1);
    stop();
    clientBag.requestDraw(client);
    space.sync();
    await tick();
    expect(keeperBag.requests().filter((r) => r.state === 'pending')).toHaveLength(1);
  });

  it('refuses to run without the notes document', () => {
    expect(() => new BagKeeper(new BagModel(new BoardModel(new Y.Doc()), null))).toThrow();
  });
});

describe('the keeper and verified presence', () => {
  /** Two pages' awareness over two documents, wired as the server relays them. */
  function presence(ids: [number, number]) {
    const docs = ids.map((id) => {
      const doc = new Y.Doc();
      doc.clientID = id;
      return doc;
    });
    const [a, b] = docs.map((doc) => new Awareness(doc)) as [Awareness, Awareness];
    const wire = (from: Awareness, to: Awareness) =>
      from.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
        const changed = [...added!, ...updated!, ...removed!];
        applyAwarenessUpdate(to, encodeAwarenessUpdate(from, changed), 'remote');
      });
    wire(a, b);
    wire(b, a);
    return { a, b };
  }

  it('does not stand down for a client or observer who claims to keep the bag', () => {
    const { a: therapist, b: observer } = presence([50, 10]);
    therapist.setLocalState({ user: { id: 'p-t', role: 'therapist', name: 'Jo' }, propsKeeper: true });
    observer.setLocalState({ user: { id: 'p-o', role: 'observer', name: 'Olive' }, propsKeeper: true });
    expect(isBagKeeper(therapist.getStates(), 50)).toBe(true);
    observer.setLocalState({ user: { id: 'p-o', role: 'client', name: 'Olive' }, propsKeeper: true });
    expect(isBagKeeper(therapist.getStates(), 50)).toBe(true);
    // A facilitator with a lower client id who can keep the bag does keep it.
    observer.setLocalState({ user: { id: 'p-a', role: 'assistant', name: 'Ash' }, propsKeeper: true });
    expect(isBagKeeper(therapist.getStates(), 50)).toBe(false);
    observer.setLocalState({ user: { id: 'p-a', role: 'assistant', name: 'Ash' } });
    expect(isBagKeeper(therapist.getStates(), 50)).toBe(true);
  });

  it('answers a draw only into the hands of the one whose presence names it', async () => {
    const { space, keeperBag, clientBag } = setup();
    const states = new Map<number, unknown>([[1, { user: { id: 'p-t', role: 'therapist' } }]]);
    const stop = new BagKeeper(keeperBag, { presence: () => states.values() }).start();
    keeperBag.add(['attune/key', 'attune/shell', 'attune/feather']);
    await tick();
    space.sync();
    // Sam writes a request in Alex's name while Alex is here.
    const alex = { id: 'p-a', name: 'Alex' };
    states.set(2, { user: { id: client.id, role: 'client' } });
    states.set(3, { user: { id: alex.id, role: 'client' } });
    const forged = clientBag.requestDraw(alex)!;
    space.sync();
    await tick();
    space.sync();
    expect(clientBag.request(forged)?.state).toBe('refused');
    expect(clientBag.board.list().filter((i) => i.heldBy?.id === alex.id)).toEqual([]);
    // Sam's own request, named in Sam's presence, is answered.
    states.set(2, { user: { id: client.id, role: 'client' }, [DRAW_PRESENCE_FIELD]: 'mine' });
    clientBag.requestDraw(client, null, 'mine');
    space.sync();
    await tick();
    space.sync();
    expect(clientBag.request('mine')?.state).toBe('done');
    // A request in the name of someone who is not here waits for them.
    const absent = clientBag.requestDraw({ id: 'p-gone', name: 'Kim' })!;
    space.sync();
    await tick();
    expect(keeperBag.request(absent)?.state).toBe('pending');
    stop();
  });
});
