import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BagKeeper } from './bag-keeper.js';
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
