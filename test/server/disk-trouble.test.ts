/**
 * A full or read-only disk under a running server, for real: the data folder
 * is a size-limited tmpfs filled to the last byte, or an ext4 image the
 * kernel turns read-only. The people writing are told that saving stopped
 * and when it resumes, nothing confirmed is lost, uploads get 507, erasing a
 * session still works, and SIGTERM still ends the process in time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { CreateSessionResponse, SaveStatus } from '@attune/session';
import { Session } from '@attune/session';
import type { ChildServer } from '../support/child-server.js';
import { childSecrets, startChild, stopChild } from '../support/child-server.js';
import type { FailingDisk, SmallDisk } from '../support/small-disk.js';
import { ext4Disk, ext4Support, smallDisk, tmpfsSupport } from '../support/small-disk.js';
import { until } from '../support/server.js';

const noTmpfs = tmpfsSupport();
const noExt4 = ext4Support();
if (noTmpfs) console.warn(`SKIPPED disk-full tests: ${noTmpfs}`);
if (noExt4) console.warn(`SKIPPED read-only disk test: ${noExt4}`);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** One person's page: the Session, the save statuses and refusals it saw. */
interface Page {
  session: Session;
  statuses: SaveStatus[];
  denied: string[];
}

describe('disk trouble', () => {
  const secrets = childSecrets();
  const children: ChildServer[] = [];
  const pages: Page[] = [];
  const disks: Array<SmallDisk | FailingDisk> = [];

  afterEach(async () => {
    for (const page of pages.splice(0)) page.session.destroy();
    for (const child of children.splice(0)) await stopChild(child, 'SIGKILL');
    for (const disk of disks.splice(0)) disk.dispose();
  });

  async function start(dataDir: string): Promise<ChildServer> {
    const child = await startChild({ dataDir, ...secrets });
    children.push(child);
    return child;
  }

  async function call(
    child: ChildServer,
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{
    status: number;
    body: { error?: { code: string; message: string } } & Record<string, unknown>;
  }> {
    const binary = body instanceof Uint8Array;
    const res = await fetch(`${child.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': binary ? 'image/png' : 'application/json',
      },
      body: body === undefined ? undefined : binary ? new Uint8Array(body) : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }

  async function createSession(child: ChildServer): Promise<CreateSessionResponse> {
    const res = await call(child, 'POST', '/api/sessions', secrets.adminKey, { waitingRoom: false });
    expect(res.status).toBe(201);
    return res.body as unknown as CreateSessionResponse;
  }

  async function open(child: ChildServer, sid: string, token: string): Promise<Page> {
    const session = new Session({
      server: child.syncUrl,
      sid,
      token,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      maxBackoffTime: 100,
      saveCheckDelay: 20,
    });
    const page: Page = { session, statuses: [], denied: [] };
    session.on('save-status', (status) => page.statuses.push(status));
    session.on('permission-denied', (_scope, reason) => page.denied.push(reason));
    pages.push(page);
    await session.whenSynced();
    return page;
  }

  const items = (page: Page): Y.Array<string> => page.session.docs.space.getArray<string>('items');

  /** Edits until the page hears that saving stopped; returns how many edits it made. */
  async function editUntilFailing(page: Page, label: string): Promise<number> {
    let n = 0;
    const timer = setInterval(() => {
      if (page.session.saveStatus.status === 'saving')
        items(page).push([`${label} ${n++} ${'x'.repeat(3000)}`]);
    }, 20);
    try {
      await until(
        () => page.session.saveStatus.status === 'failing',
        `${label}: the page is told saving stopped`,
      );
    } finally {
      clearInterval(timer);
    }
    return n;
  }

  async function metric(child: ChildServer, name: string): Promise<number> {
    const text = await (await fetch(`${child.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return Number(line?.split(' ')[1]);
  }

  async function exportedItems(child: ChildServer, sid: string, token: string): Promise<string[]> {
    const res = await call(child, 'GET', `/api/sessions/${sid}/export`, token);
    expect(res.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from((res.body.documents as { space: string }).space, 'base64'));
    return doc.getArray<string>('items').toArray();
  }

  it.skipIf(noTmpfs)(
    'a full disk: writers are told, uploads get 507, and saving resumes with nothing lost once space is freed',
    async () => {
      const disk = smallDisk(24);
      disks.push(disk);
      const child = await start(disk.dir);
      const { sid, therapistToken } = await createSession(child);
      const page = await open(child, sid, therapistToken);
      items(page).push(['before']);
      await page.session.whenSaved();
      expect(page.session.saveStatus).toEqual({ status: 'saving' });

      disk.fill();
      const during = await editUntilFailing(page, 'during');
      const failing = page.session.saveStatus as { status: 'failing'; reason: string };
      expect(failing.reason).toMatch(/saving has stopped on the server/);
      expect(failing.reason).toMatch(/disk is full/);
      // Any y-websocket client hears it too, as a permission message.
      expect(page.denied.some((r) => /changes are not being kept/.test(r))).toBe(true);
      expect(page.session.saved).toBe(false);
      expect(await metric(child, 'attune_store_failing')).toBe(1);

      const upload = await call(
        child,
        'POST',
        `/api/sessions/${sid}/assets`,
        therapistToken,
        new Uint8Array(PNG),
      );
      expect(upload.status).toBe(507);
      expect(upload.body.error?.code).toBe('storage-full');

      // A second page joining meanwhile is told at once.
      const late = await open(child, sid, therapistToken);
      await until(() => late.session.saveStatus.status === 'failing', 'a joining writer is told');

      disk.free();
      await until(
        () => page.session.saveStatus.status === 'saving',
        'the page is told saving resumed',
        10_000,
      );
      await page.session.whenSaved();
      expect(await metric(child, 'attune_store_failing')).toBe(0);
      const stored = await exportedItems(child, sid, therapistToken);
      expect(stored[0]).toBe('before');
      expect(stored).toHaveLength(1 + during);
      expect(page.statuses.map((s) => s.status)).toEqual(['failing', 'saving']);
      // The process never died.
      expect(child.process.exitCode).toBeNull();
    },
    40_000,
  );

  it.skipIf(noTmpfs)(
    'erasing a session on a full disk answers at once and frees its rows; the other session saves again',
    async () => {
      const disk = smallDisk(24);
      disks.push(disk);
      const child = await start(disk.dir);
      const a = await createSession(child);
      const b = await createSession(child);
      const pageA = await open(child, a.sid, a.therapistToken);
      const pageB = await open(child, b.sid, b.therapistToken);
      // Session A holds most of what is stored: erasing it is what frees space.
      for (let i = 0; i < 40; i++) items(pageA).push([`a ${i} ${'y'.repeat(8000)}`]);
      await pageA.session.whenSaved();
      items(pageB).push(['b before']);
      await pageB.session.whenSaved();

      disk.fill();
      items(pageA).push([`a during ${'w'.repeat(2000)}`]);
      const during = await editUntilFailing(pageB, 'b during');

      const started = performance.now();
      const erased = await call(child, 'DELETE', `/api/sessions/${a.sid}`, secrets.adminKey);
      expect(erased.status).toBe(204);
      expect(performance.now() - started).toBeLessThan(3000);
      await until(() => pageA.session.status.status === 'error', 'A is ended for its page');
      const gone = await call(child, 'GET', `/api/sessions/${a.sid}/me`, a.therapistToken);
      expect(gone.status).toBe(410);

      // A's freed pages take B's queued writes, with the ballast still in place.
      await until(() => pageB.session.saveStatus.status === 'saving', 'B saves again', 10_000);
      await pageB.session.whenSaved();
      const stored = await exportedItems(child, b.sid, b.therapistToken);
      expect(stored).toHaveLength(1 + during);
    },
    40_000,
  );

  it.skipIf(noTmpfs)(
    'SIGTERM while writes fail exits within its deadline, non-zero, and logs what was lost as counts',
    async () => {
      const disk = smallDisk(24);
      disks.push(disk);
      const child = await start(disk.dir);
      const { sid, therapistToken } = await createSession(child);
      const page = await open(child, sid, therapistToken);
      items(page).push(['before']);
      await page.session.whenSaved();
      disk.fill();
      await editUntilFailing(page, 'secret words');

      const started = performance.now();
      const { code } = await stopChild(child, 'SIGTERM');
      const seconds = (performance.now() - started) / 1000;
      expect(seconds).toBeLessThan(8);
      expect(code).not.toBe(0);
      const log = child.stdout();
      expect(log).toMatch(/stopping with writes the store did not take/);
      expect(log).toMatch(/"updates":\d+/);
      // Counts only: no content, no token.
      expect(log).not.toContain('secret words');
      expect(log).not.toContain(therapistToken);
    },
    40_000,
  );

  it.skipIf(noExt4)(
    'a data folder that turns read-only at run time is reported and survived, not a SIGBUS',
    async () => {
      const disk = ext4Disk(16);
      disks.push(disk);
      const child = await start(disk.dir);
      const { sid, therapistToken } = await createSession(child);
      const page = await open(child, sid, therapistToken);
      for (let i = 0; i < 50; i++) items(page).push([`before ${i} ${'x'.repeat(500)}`]);
      await page.session.whenSaved();
      // Let the checkpointer fold the log into the file and the kernel write back the mapped index.
      await new Promise((resolve) => setTimeout(resolve, 1500));

      disk.turnReadOnly();
      await editUntilFailing(page, 'during');
      expect((page.session.saveStatus as { reason: string }).reason).toMatch(/saving has stopped/);
      expect(await metric(child, 'attune_store_failing')).toBe(1);
      // Reads still work, and the process is alive a while later.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const health = await fetch(`${child.url}/healthz`);
      expect(health.status).toBe(200);
      const me = await call(child, 'GET', `/api/sessions/${sid}/me`, therapistToken);
      expect(me.status).toBe(200);
      expect(child.process.signalCode).toBeNull();
      expect(child.stdout()).toMatch(/store write failed/);

      const { code, signal } = await stopChild(child, 'SIGTERM');
      expect(signal).toBeNull();
      expect(code).not.toBe(0);
    },
    40_000,
  );
});
