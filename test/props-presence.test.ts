/**
 * The magic bag against participants' own tokens through the real server:
 * the keeper is chosen from verified presence, a hand-written put-away entry
 * feeds nothing into the bag, and a draw in someone else's name is not
 * answered into their hands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import type { Session } from '@attune/session';
import { MESSAGE } from '@attune/session/protocol';
import { BagKeeper, BagModel, BoardModel, DRAW_PRESENCE_FIELD, isBagKeeper } from '@attune/drama-props';
import { RawClient } from './support/raw-client.js';
import type { TestServer } from './support/server.js';
import { nodeSession, startServer, until } from './support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.dispose();
});

/** The therapist's page keeping the bag as the props elements do. */
function keepBag(therapist: Session): { bag: BagModel; stop: () => void } {
  const bag = new BagModel(new BoardModel(therapist.docs.space), therapist.docs.notes);
  therapist.awareness.setLocalStateField('propsKeeper', true);
  const keeper = new BagKeeper(bag, {
    isKeeper: () => isBagKeeper(therapist.awareness.getStates(), therapist.docs.space.clientID),
    presence: () => therapist.awareness.getStates().values(),
    random: () => 0,
  });
  const stop = keeper.start();
  const onPresence = (): void => keeper.presenceChanged();
  therapist.awareness.on('change', onPresence);
  return {
    bag,
    stop: () => {
      stop();
      therapist.awareness.off('change', onPresence);
    },
  };
}

/** Reaches into the bag as the magic bag element does: the request is named in presence first. */
function draw(session: Session, bag: BagModel): string | null {
  const id = `d${Math.random().toString(36).slice(2, 12)}`;
  session.awareness.setLocalStateField(DRAW_PRESENCE_FIELD, id);
  return bag.requestDraw({ id: session.user.id, name: session.user.name }, null, id);
}

async function meeting() {
  const { sid, therapistToken } = await server.createSession();
  const therapist = nodeSession(server, sid, therapistToken);
  const sam = nodeSession(server, sid, await server.invite(sid, therapistToken, 'client', 'Sam'));
  const alex = nodeSession(server, sid, await server.invite(sid, therapistToken, 'client', 'Alex'));
  await Promise.all([therapist.whenSynced(), sam.whenSynced(), alex.whenSynced()]);
  const { bag, stop } = keepBag(therapist);
  bag.add(['attune/key', 'attune/shell', 'attune/feather']);
  const samBag = new BagModel(new BoardModel(sam.docs.space), null);
  await until(() => samBag.count === 3, 'the count on Sam’s page');
  await until(() => sam.awareness.getStates().size === 3, 'everyone’s presence');
  const observerToken = await server.invite(sid, therapistToken, 'observer', 'Olive');
  return {
    sid,
    therapist,
    sam,
    alex,
    bag,
    samBag,
    observerToken,
    dispose() {
      stop();
      for (const s of [therapist, sam, alex]) s.destroy();
    },
  };
}

describe('the magic bag and verified presence', () => {
  it('keeps its keeper when an observer claims to be an assistant keeping the bag', async () => {
    const m = await meeting();
    const observer = await RawClient.open(server, m.sid, 'space', m.observerToken);
    await observer.whenSynced();
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 1); // the lowest client id there is
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(
      inner,
      JSON.stringify({ user: { id: 'x', name: 'Ash', role: 'assistant' }, propsKeeper: true }),
    );
    const outer = encoding.createEncoder();
    encoding.writeVarUint(outer, MESSAGE.awareness);
    encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
    observer.send(encoding.toUint8Array(outer));
    await until(() => m.therapist.awareness.getStates().has(1), 'the observer’s presence');
    expect(isBagKeeper(m.therapist.awareness.getStates(), m.therapist.docs.space.clientID)).toBe(true);

    const id = draw(m.sam, m.samBag)!;
    await until(() => m.samBag.request(id)?.state === 'done', 'Sam’s draw to be answered');
    observer.close();
    m.dispose();
  });

  it('puts nothing in the bag for a put-away entry a client writes by hand', async () => {
    const m = await meeting();
    m.samBag.board.log.push([
      {
        id: 'forged1',
        kind: 'away',
        fromBag: true,
        propId: 'clinic/forged-by-client',
        itemId: 'x',
        by: { id: m.sam.user.id, name: 'Sam' },
        at: 1,
        x: 0.5,
        y: 0.5,
      },
    ]);
    await m.sam.whenSaved();
    await until(() => m.bag.board.entries().some((e) => e.id === 'forged1'), 'the entry at the keeper');
    // One more round trip through the keeper's own page: a draw it answers.
    const id = draw(m.sam, m.samBag)!;
    await until(() => m.samBag.request(id)?.state === 'done', 'Sam’s draw to be answered');
    expect(m.bag.contents().map((e) => e.propId)).not.toContain('clinic/forged-by-client');
    expect(m.bag.contents()).toHaveLength(2);
    // A drawn prop put away does go back.
    m.samBag.board.putAway(m.samBag.request(id)!.itemId, { id: m.sam.user.id, name: 'Sam' });
    await until(() => m.bag.contents().length === 3, 'the prop back in the bag');
    expect(
      m.bag
        .contents()
        .map((e) => e.propId)
        .sort(),
    ).toEqual(['attune/feather', 'attune/key', 'attune/shell']);
    m.dispose();
  });

  it('does not answer a draw in someone else’s name into their hands', async () => {
    const m = await meeting();
    const alex = { id: m.alex.user.id, name: 'Alex' };
    const forged = m.samBag.requestDraw(alex)!;
    await until(() => m.samBag.request(forged)?.state !== 'pending', 'the keeper to look at the request');
    expect(m.samBag.request(forged)?.state).toBe('refused');
    expect(m.samBag.board.list().filter((item) => item.heldBy?.id === alex.id)).toEqual([]);
    expect(m.samBag.count).toBe(3);
    // Alex's own draw still works.
    const alexBag = new BagModel(new BoardModel(m.alex.docs.space), null);
    const own = draw(m.alex, alexBag)!;
    await until(() => alexBag.request(own)?.state === 'done', 'Alex’s draw to be answered');
    m.dispose();
  });
});
