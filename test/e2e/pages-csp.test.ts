/**
 * The pages under their Content-Security-Policy, in Chromium: the console, the
 * join page with sound and instruments, and the embedding example load and
 * work with no violation reported (`securitypolicyviolation` or the console).
 */
import type { BrowserContext, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mintToken } from '../../demos/embed/portal.mjs';
import {
  DESKTOP,
  PHONE,
  createSessionInConsole,
  inviteInConsole,
  joinAsClient,
  person,
  useE2E,
} from './support.js';

const e2e = useE2E();

interface Watched {
  context: BrowserContext;
  page: Page;
  violations: string[];
  /** Files of the pages (not API calls) that did not load: a missing icon, a lost chunk. */
  missing: string[];
}

/** A person whose page records every CSP violation, from the first script on. */
async function watched(size = DESKTOP): Promise<Watched> {
  const { context, page } = await person(e2e(), size);
  const violations: string[] = [];
  await context.exposeBinding('__reportCsp', (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp;
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const missing: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === e2e().server.url && !url.pathname.startsWith('/api/') && response.status() >= 400)
      missing.push(`${response.status()} ${url.pathname}`);
  });
  return { context, page, violations, missing };
}

describe('the pages under their Content-Security-Policy', () => {
  it('/join loads at most 150 KB of compressed JavaScript before its welcome step, none of the session', async () => {
    const created = await e2e().server.createSession();
    const token = await mintToken(e2e().server.secret, { sid: created.sid, role: 'client', name: 'Alex' });
    const { page } = await watched(PHONE);
    const scripts: Request[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request);
    });
    await page.goto(`/join#token=${token}`);
    await page.getByRole('heading', { name: 'Welcome' }).waitFor();
    const before = [...scripts];
    let bytes = 0;
    for (const request of before) {
      const response = await request.response();
      expect(response?.headers()['cache-control'], request.url()).toMatch(/immutable/);
      // Every script worth compressing (1 KB or more) came precompressed.
      if ((await response!.body()).byteLength >= 1024)
        expect(response?.headers()['content-encoding'], request.url()).toMatch(/^(br|gzip)$/);
      bytes += (await request.sizes()).responseBodySize;
    }
    const names = before.map((r) => new URL(r.url()).pathname);
    console.info(
      `/join before the welcome step: ${names.length} scripts, ${(bytes / 1024).toFixed(1)} KB compressed`,
    );
    expect(bytes).toBeLessThanOrEqual(150 * 1024);
    // The session, the video and the creative components wait until they are needed.
    expect(
      names.filter((n) => /attune-(session|video|canvas|instrument-space|prop-board|magic-bag)-/.test(n)),
    ).toEqual([]);
    // Moving on from the welcome step fetches the session's code.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => scripts.some((r) => /attune-session-/.test(r.url()))).toBe(true);
    await page.context().close();
  });

  it('/therapist and /join work end to end, canvas and instruments, with no violation', async () => {
    const therapist = await watched(DESKTOP);
    const first = await therapist.page.goto('/therapist');
    expect(first?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(first?.headers()['x-frame-options']).toBe('DENY');
    await createSessionInConsole(therapist.page, e2e().server.adminKey);
    const url = await inviteInConsole(therapist.page, 'client', 'Robin');

    const client = await watched(PHONE);
    await joinAsClient(client.page, url);
    await therapist.page.getByRole('button', { name: 'Admit Robin' }).click();
    await client.page.locator('attune-canvas').waitFor();
    await therapist.page.getByRole('radio', { name: 'Instruments' }).check();
    await client.page.locator('attune-instrument-space').waitFor();
    await therapist.page.locator('attune-instrument-space').waitFor();
    // A note played: the instruments build their audio graph (and any worklet) now.
    const pad = client.page
      .locator('attune-instrument-space [part~="key"], attune-instrument-space [part~="pad"]')
      .first();
    await pad.waitFor();
    for (const type of ['pointerdown', 'pointerup'])
      await pad.dispatchEvent(type, { pointerId: 1, isPrimary: true, pointerType: 'touch', bubbles: true });
    // Let late loads (chunks, worklets, sockets) happen before looking.
    await client.page.waitForTimeout(500);

    expect(therapist.violations).toEqual([]);
    expect(client.violations).toEqual([]);
    // The icon (and every chunk) loaded: no 404 in the browser's log.
    expect(therapist.missing).toEqual([]);
    expect(client.missing).toEqual([]);
    await therapist.context.close();
    await client.context.close();
  });

  it('/embed works with a portal token, with no violation, and says who may frame it', async () => {
    const created = await e2e().server.createSession();
    const token = await mintToken(e2e().server.secret, { sid: created.sid, role: 'client', name: 'Alex' });
    const embed = await watched(DESKTOP);
    const res = await embed.page.goto(`/embed#token=${token}`);
    expect(res?.headers()['content-security-policy']).toMatch(/frame-ancestors 'self'/);
    expect(res?.headers()['x-frame-options']).toBeUndefined();
    await embed.page.locator('attune-canvas [part="stage"]').waitFor();
    await embed.page.waitForTimeout(500);
    expect(embed.violations).toEqual([]);
    expect(embed.missing).toEqual([]);
    await embed.context.close();
  });
});
