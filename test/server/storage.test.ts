import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSession, startServer } from '../support/server.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.warn('\n*** SKIPPING the PostgreSQL storage tests: DATABASE_URL is not set ***\n');
}

/** Writes a line on the space document as a participant and waits until the server stored it. */
async function writeAndSave(
  server: { syncUrl: string },
  sid: string,
  token: string,
  text: string,
): Promise<void> {
  const session = nodeSession(server, sid, token);
  await session.whenSynced();
  session.docs.space.getText('story').insert(0, text);
  await session.whenSaved();
  session.destroy();
}

async function readBack(server: { syncUrl: string }, sid: string, token: string): Promise<string> {
  const session = nodeSession(server, sid, token);
  await session.whenSynced();
  const text = session.docs.space.getText('story').toString();
  session.destroy();
  return text;
}

describe.skipIf(!databaseUrl)('PostgreSQL storage', () => {
  const schema = `attune_test_${randomBytes(6).toString('hex')}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('keeps a session across server restarts and erases it on request', async () => {
    const options = {
      databaseUrl: databaseUrl!,
      databaseSchema: schema,
      secret: 's'.repeat(32),
      adminKey: 'admin-key-for-tests',
    };
    const first = await startServer(options);
    const { sid, therapistToken } = await first.createSession();
    await writeAndSave(first, sid, therapistToken, 'A boat on a calm sea');
    await first.dispose();

    const second = await startServer(options);
    expect(await readBack(second, sid, therapistToken)).toBe('A boat on a calm sea');
    const exported = await fetch(`${second.url}/api/sessions/${sid}/export`, {
      headers: { authorization: `Bearer ${therapistToken}` },
    });
    expect(exported.status).toBe(200);
    const body = (await exported.json()) as { audit: Array<{ action: string }> };
    expect(body.audit.map((a) => a.action)).toContain('session-created');

    const erased = await fetch(`${second.url}/api/sessions/${sid}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${therapistToken}` },
    });
    expect(erased.status).toBe(204);
    expect((await second.store.loadDoc(sid, 'space')).updates).toHaveLength(0);
    expect(await second.store.isEnded(sid)).toBe(true);
    await second.dispose();
  });
});

describe('encryption at rest', () => {
  it('stores no readable content and reads it back with the key', async () => {
    const key = randomBytes(32).toString('base64');
    const secret = randomBytes(32).toString('base64url');
    const first = await startServer({ encryptionKey: key, secret, adminKey: 'admin-key-for-tests' });
    const dataDir = first.dataDir;
    const { sid, therapistToken } = await first.createSession();
    const words = 'the lighthouse keeper';
    await writeAndSave(first, sid, therapistToken, words);
    await first.close();

    const db = new Database(join(dataDir, 'attune.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT data FROM doc_updates WHERE sid = ?').all(sid) as Array<{ data: Buffer }>;
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.data.includes(Buffer.from(words))).toBe(false);

    const second = await startServer({
      dataDir,
      encryptionKey: key,
      secret,
      adminKey: 'admin-key-for-tests',
    });
    expect(await readBack(second, sid, therapistToken)).toBe(words);
    await second.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });
});
