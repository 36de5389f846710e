import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TestServer } from '../support/server.js';
import { nodeSession, startServer, stockProvider, synced, until } from '../support/server.js';

describe('a stock y-websocket client and a Session', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.dispose();
  });

  it('converge with each other and with a late joiner', async () => {
    const { sid, therapistToken } = await server.createSession();
    const clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
    const session = nodeSession(server, sid, therapistToken);
    const stock = stockProvider(server, sid, 'space', clientToken);
    await Promise.all([session.whenSynced(), synced(stock)]);

    session.docs.space.getMap('board').set('from-session', 1);
    stock.doc.getText('story').insert(0, 'Once upon a time');
    await until(
      () =>
        stock.doc.getMap('board').get('from-session') === 1 &&
        session.docs.space.getText('story').toString() === 'Once upon a time',
      'both edits on both sides',
    );

    const late = stockProvider(server, sid, 'space', await server.invite(sid, therapistToken, 'observer'));
    await synced(late);
    expect(late.doc.getMap('board').get('from-session')).toBe(1);
    expect(late.doc.getText('story').toString()).toBe('Once upon a time');
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(session.docs.space));

    session.destroy();
    stock.destroy();
    late.destroy();
  });

  it('marks saved only once the server has stored the edit', async () => {
    const { sid, therapistToken } = await server.createSession();
    const session = nodeSession(server, sid, therapistToken);
    await session.whenSynced();
    expect(session.saved).toBe(true);
    session.docs.space.getArray('strokes').push(['a stroke']);
    expect(session.saved).toBe(false);
    await session.whenSaved();
    const stored = await server.store.loadDoc(sid, 'space');
    const doc = new Y.Doc();
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    expect(doc.getArray('strokes').toArray()).toEqual(['a stroke']);
    session.destroy();
  });
});
