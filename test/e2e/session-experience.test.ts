/**
 * The session as a therapist and a client live it, in real Chromium with two
 * browser contexts against a real server serving the built demo pages.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CLOSE } from '@attune/session/protocol';
import {
  DESKTOP,
  PHONE,
  boxOf,
  createSessionInConsole,
  inviteInConsole,
  joinAsClient,
  pageScrolls,
  person,
  screenshot,
  sessionValue,
  useE2E,
} from './support.js';

const e2e = useE2E();

const screen = (page: Page, name: string) => page.locator(`[data-screen="${name}"]`);
const count = (page: Page, body: string) => sessionValue<number>(page, body);
const objects = `(s) => s.docs.space.getMap('canvas.objects').size`;
const propsPlaced = `(s) => s.docs.space.getMap('props:main:items').size`;

function instrumentsSounding(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const room = document.querySelector('attune-join-app')?.shadowRoot?.querySelector('attune-join-room');
    const stage = room?.shadowRoot?.querySelector('attune-demo-stage');
    const instruments = stage?.shadowRoot?.querySelector('attune-instrument-space') as {
      soundOn?: boolean;
    } | null;
    return instruments?.soundOn === true;
  });
}

/** Draws a wavy stroke starting at a fraction of the drawing area. */
async function drawOn(page: Page, fx = 0.25, fy = 0.3): Promise<void> {
  const canvas = page.locator('attune-canvas');
  // As a person would: bring the drawing into view first, and draw on the paper.
  await canvas.locator('[part="stage"]').scrollIntoViewIfNeeded();
  const box = await canvas.evaluate((el) => {
    const r = (el as HTMLElement & { pageRect(): DOMRect }).pageRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const x = box.x + box.width * fx;
  const y = box.y + box.height * fy;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(x + i * 8, y + Math.sin(i / 2) * 20);
  await page.mouse.up();
}

describe('a session from the console and the join page', () => {
  it('invite, wait, admit, draw, play, place, hold, release, remove, and end with "destroy"', async () => {
    const { page: therapist } = await person(e2e(), DESKTOP);
    const { page: client, context: clientContext } = await person(e2e(), PHONE);

    await createSessionInConsole(therapist, e2e().server.adminKey);
    const url = await inviteInConsole(therapist, 'client', 'Sam');
    expect(url).toMatch(/\/join#token=/);
    await therapist.getByRole('button', { name: 'Copy link for Sam' }).click();
    expect(await therapist.evaluate(() => navigator.clipboard.readText())).toBe(url);
    // The console never puts its token or the admin key in the address bar.
    expect(therapist.url()).not.toContain('token=');

    await joinAsClient(client, url);
    await screen(client, 'waiting').waitFor();
    await expect.poll(() => client.locator('attune-canvas').count()).toBe(0);
    // The status line says the person is connected and waiting, not "Connecting…".
    await client.getByText('Connected. Waiting for your therapist to let you in.').waitFor();
    expect(await client.getByText('Connecting to the session').count()).toBe(0);
    await screenshot(client, 'join-waiting-phone');

    await therapist.getByRole('button', { name: 'Admit Sam' }).click();
    await client.locator('attune-canvas').waitFor();
    await expect.poll(() => screen(client, 'waiting').count()).toBe(0);

    // Both draw: each sees the other's strokes.
    await drawOn(client);
    await expect.poll(() => count(therapist, objects)).toBe(1);
    await therapist.locator('attune-canvas').waitFor();
    await drawOn(therapist, 0.5, 0.7);
    await expect.poll(() => count(client, objects)).toBe(2);
    await screenshot(therapist, 'console-canvas-desktop');
    await screenshot(client, 'join-canvas-phone');

    // Both play: the therapist switches to the instruments; a note from the client reaches the therapist.
    await therapist.getByRole('radio', { name: 'Instruments' }).check();
    await client.locator('attune-instrument-space').waitFor();
    // The join page's "start sound" step already gave the gesture: the instruments sound at once.
    await expect.poll(() => instrumentsSounding(client)).toBe(true);
    await sessionValue(
      therapist,
      `(s) => { window.__notes = 0; s.onBroadcast('music:note', () => window.__notes++); }`,
    );
    const pad = client
      .locator('attune-instrument-space [part~="key"], attune-instrument-space [part~="pad"]')
      .first();
    await pad.waitFor();
    await pad.dispatchEvent('pointerdown', {
      pointerId: 1,
      isPrimary: true,
      pointerType: 'touch',
      bubbles: true,
    });
    await pad.dispatchEvent('pointerup', {
      pointerId: 1,
      isPrimary: true,
      pointerType: 'touch',
      bubbles: true,
    });
    await expect
      .poll(() => therapist.evaluate(() => (window as unknown as { __notes: number }).__notes))
      .toBeGreaterThanOrEqual(2);
    await screenshot(client, 'join-instruments-phone');

    // Both place props.
    await therapist.getByRole('radio', { name: 'Props' }).check();
    const clientBoard = client.locator('attune-prop-board');
    await clientBoard.waitFor();
    await clientBoard.getByRole('button', { name: 'Props', exact: true }).click();
    await clientBoard.locator('[part="palette-item"]', { hasText: 'umbrella' }).click();
    await client.keyboard.press('Enter');
    await expect.poll(() => count(therapist, propsPlaced)).toBe(1);
    // The therapist has the bag to fill; the client meets it only once something is in it.
    await therapist.locator('attune-magic-bag').getByRole('button', { name: 'Fill the bag' }).waitFor();
    expect(await client.locator('attune-magic-bag').isVisible()).toBe(false);
    await screenshot(client, 'join-props-phone');
    await therapist.locator('attune-magic-bag').getByRole('button', { name: 'Fill the bag' }).click();
    await therapist
      .locator('attune-magic-bag')
      .getByRole('button', { name: 'Put the key in the bag' })
      .click();
    await therapist.keyboard.press('Escape');
    await client.locator('attune-magic-bag').getByText('The bag holds 1 prop.').waitFor();

    // Hold freezes the client, with a calm screen; release frees them.
    await therapist.getByRole('radio', { name: 'Canvas' }).check();
    await client.locator('attune-canvas').waitFor();
    await therapist.getByRole('button', { name: 'Hold the room' }).click();
    await screen(client, 'paused').waitFor();
    await expect(client.getByText('Your therapist has paused the session')).toBeTruthy();
    await screenshot(client, 'join-paused-phone');
    const before = await count(therapist, objects);
    await drawOn(client);
    // A save check from the client proves its page had the chance to send anything it drew.
    await sessionValue(client, `(s) => s.whenSaved()`);
    expect(await count(therapist, objects)).toBe(before);
    expect(await count(client, objects)).toBe(before);
    await therapist.getByRole('button', { name: 'Release the room' }).click();
    await expect.poll(() => screen(client, 'paused').count()).toBe(0);
    await drawOn(client);
    await expect.poll(() => count(therapist, objects)).toBe(before + 1);

    // Removing the client disconnects them at once; their link stops working.
    await therapist.getByRole('button', { name: 'Remove Sam' }).click();
    await screen(client, 'closed').waitFor();
    expect(await screen(client, 'closed').textContent()).toContain('You are no longer in this session');
    const again = await clientContext.newPage();
    await joinAsClient(again, url);
    await screen(again, 'closed').waitFor();
    const token = new URL(url).hash.slice('#token='.length);
    const sid = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
    const me = await fetch(`${e2e().server.url}/api/sessions/${sid}/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(403);

    // Ending with "destroy" for every artefact erases the session's data.
    for (const artefact of ['canvas', 'music', 'props']) {
      await therapist.locator(`select[data-artefact="${artefact}"]`).selectOption('destroy');
    }
    await therapist.getByRole('button', { name: 'End the session…' }).click();
    await therapist.getByRole('button', { name: 'Yes, end now' }).click();
    await therapist.getByText('everything in it was erased').waitFor();
    const stored = await e2e().server.store.loadDoc(sid, 'space');
    expect(stored.updates).toHaveLength(0);
    expect(await e2e().server.store.isEnded(sid)).toBe(true);
    await screenshot(therapist, 'console-ended-desktop');
  });
});

describe('the frame and the ending', () => {
  it(
    'timer warnings, private notes, and an ending that keeps, exports and destroys, then continues',
    {
      timeout: 60_000,
    },
    async () => {
      const { page: therapist } = await person(e2e(), DESKTOP);
      const { page: client } = await person(e2e(), PHONE);
      await createSessionInConsole(therapist, e2e().server.adminKey);
      const url = await inviteInConsole(therapist, 'client', 'Ari');
      await joinAsClient(client, url);
      await therapist.getByRole('button', { name: 'Admit Ari' }).click();
      await client.locator('attune-canvas [part="stage"]').waitFor();

      // A one-minute timer: the therapist is told to warn, the client gets a gentle note.
      await therapist.getByLabel('Minutes').fill('1');
      await therapist.getByRole('button', { name: 'Start timer' }).click();
      await therapist.getByText('One minute or less left').waitFor();
      await client.getByText('About 1 minute left.').waitFor();

      // Private notes reach other facilitators only; the client has no notes document at all.
      await therapist
        .getByLabel('Only therapists and assistants can see these.')
        .fill('Ari chose warm colours');
      await sessionValue(therapist, `(s) => s.whenSaved()`);
      expect(await sessionValue<boolean>(client, `(s) => s.docs.notes === null`)).toBe(true);

      // Work in two artefacts.
      await drawOn(client);
      await expect.poll(() => count(therapist, objects)).toBe(1);
      await therapist.getByRole('radio', { name: 'Props' }).check();
      await client.locator('attune-prop-board').getByRole('button', { name: 'Props', exact: true }).click();
      await client.locator('attune-prop-board [part="palette-item"]', { hasText: 'umbrella' }).click();
      await client.keyboard.press('Enter');
      await expect.poll(() => count(therapist, propsPlaced)).toBe(1);

      // End: keep the canvas, give the instruments as an export, destroy the props.
      await therapist.locator('select[data-artefact="canvas"]').selectOption('keep');
      await therapist.locator('select[data-artefact="music"]').selectOption('export');
      await therapist.locator('select[data-artefact="props"]').selectOption('destroy');
      await therapist.getByRole('button', { name: 'End the session…' }).click();
      const download = therapist.waitForEvent('download');
      await therapist.getByRole('button', { name: 'Yes, end now' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('attune-session-export.json');
      const given = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
        artefacts: Record<string, unknown>;
      };
      // The client gets the instruments and nothing else: not the canvas, not the private notes.
      expect(Object.keys(given.artefacts)).toEqual(['music']);
      expect(JSON.stringify(given)).not.toContain('warm colours');
      await client.locator('[data-screen="ended"]').waitFor();
      await therapist.getByText('What you chose to keep is saved for next time').waitFor();
      expect(await count(therapist, propsPlaced)).toBe(0);
      expect(await count(therapist, objects)).toBe(1);
      const ending = await sessionValue<Record<string, unknown>>(
        therapist,
        `(s) => s.docs.control.getMap('ending').toJSON()`,
      );
      expect(ending).toMatchObject({ canvas: 'keep', music: 'export', props: 'destroy' });

      // Next week: a new session that continues from this one, with the kept canvas.
      const oldSid = await sessionValue<string>(therapist, `(s) => s.sid`);
      await therapist.getByRole('button', { name: 'Open the next session from this one' }).click();
      await expect.poll(() => sessionValue<string>(therapist, `(s) => s?.sid ?? ''`)).not.toBe(oldSid);
      await expect.poll(() => sessionValue<string>(therapist, `(s) => s.status.status`)).toBe('synced');
      expect(await count(therapist, objects)).toBe(1);
      expect(await count(therapist, propsPlaced)).toBe(0);
      expect(
        await sessionValue<boolean>(therapist, `(s) => s.docs.control.getMap('frame').get('ended') === true`),
      ).toBe(false);
      await therapist.getByRole('button', { name: 'Hold the room' }).waitFor();
    },
  );
});

describe('the join page on a poor connection', () => {
  it('says when the connection dropped, keeps the work, and reconnects by itself', async () => {
    const { page: therapist } = await person(e2e(), DESKTOP);
    const { page: client, context } = await person(e2e(), PHONE);
    await createSessionInConsole(therapist, e2e().server.adminKey);
    const url = await inviteInConsole(therapist, 'client', 'Noor');
    await joinAsClient(client, url);
    await therapist.getByRole('button', { name: 'Admit Noor' }).click();
    await client.locator('attune-canvas [part="stage"]').waitFor();
    const sid = await sessionValue<string>(client, `(s) => s.sid`);

    await context.setOffline(true);
    await client.getByText('The connection dropped').waitFor();
    await context.setOffline(false);
    await client.getByText('Connected.').waitFor();

    // The server drops every socket of the session (a restart, a network blip): the page comes back alone.
    const sub = await sessionValue<string>(client, `(s) => s.user.id`);
    const space = e2e().server.rooms.rooms.get(`${sid}/space`)!;
    const before = new Set([...space.conns].filter((c) => c.info.sub === sub));
    expect(before.size).toBe(1);
    e2e().server.rooms.closeSession(sid, CLOSE.goingAway, 'the server is restarting', sub);
    await drawOn(client);
    await expect
      .poll(() => [...space.conns].filter((c) => c.info.sub === sub && !before.has(c)).length)
      .toBe(1);
    await expect.poll(() => count(therapist, objects)).toBe(1);
    await expect.poll(() => sessionValue<string>(client, `(s) => s.status.status`)).toBe('synced');
    await client.getByText('Connected. Your work is saved.').waitFor();
    await therapist.context().close();
    await context.close();
  });
});

describe('the join page after a reload', () => {
  it('brings a client back to the step they were on, and into the session once there', async () => {
    const { page: therapist } = await person(e2e(), DESKTOP);
    const { page: client } = await person(e2e(), PHONE);
    await createSessionInConsole(therapist, e2e().server.adminKey);
    const url = await inviteInConsole(therapist, 'client', 'Mo');

    await client.goto(url);
    await client.getByRole('button', { name: 'Continue' }).click();
    await client.getByRole('heading', { name: 'Camera and microphone' }).waitFor();
    await client.reload();
    await client.getByRole('heading', { name: 'Camera and microphone' }).waitFor();
    expect(await client.getByText('Step 2 of 3').count()).toBe(1);
    // Nothing about the person is in the address: no token, no step, no name.
    expect(client.url()).toBe(`${e2e().server.url}/join`);

    await client.getByRole('button', { name: 'Continue' }).click();
    await client.getByRole('button', { name: 'Join the session' }).click();
    await screen(client, 'waiting').waitFor();
    await therapist.getByRole('button', { name: 'Admit Mo' }).click();
    await client.locator('attune-canvas').waitFor();
    await drawOn(client);
    await expect.poll(() => count(therapist, objects)).toBe(1);

    await client.reload();
    await client.locator('attune-canvas [part="stage"]').waitFor();
    expect(await client.getByRole('heading', { name: 'Welcome' }).count()).toBe(0);
    await expect.poll(() => count(client, objects)).toBe(1);
    expect(client.url()).toBe(`${e2e().server.url}/join`);

    // Leaving asks first, then says so; "Join again" brings the person back.
    await client.getByRole('button', { name: 'Leave' }).click();
    await client.getByRole('dialog', { name: 'Leave the session?' }).waitFor();
    await client.keyboard.press('Escape');
    await expect.poll(() => client.getByRole('dialog').count()).toBe(0);
    await client.getByRole('button', { name: 'Leave' }).click();
    await client.getByRole('dialog').getByRole('button', { name: 'Leave' }).click();
    await client.getByRole('heading', { name: 'You have left the session' }).waitFor();
    expect(await client.locator('attune-session').count()).toBe(0);
    await client.getByRole('button', { name: 'Join again' }).click();
    await client.locator('attune-canvas [part="stage"]').waitFor();
    await therapist.context().close();
    await client.context().close();
  });
});

/** Where the screenshots of the stage go, to be looked at (not kept in the repository). */
const SHOTS = process.env.ATTUNE_SHOTS ?? '/tmp/demo-shots';

describe('the stage fills the screen', () => {
  it('at 1366×768 for a client and for the therapist with the console, and at 390×844, without scrolling', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { page: therapist } = await person(e2e(), DESKTOP);
    const { page: desktop } = await person(e2e(), DESKTOP);
    const { page: phone } = await person(e2e(), PHONE);
    await createSessionInConsole(therapist, e2e().server.adminKey);
    for (const [page, name] of [
      [desktop, 'Lee'],
      [phone, 'Pat'],
    ] as const) {
      const url = await inviteInConsole(therapist, 'client', name);
      await joinAsClient(page, url);
      await screen(page, 'waiting').waitFor();
      await therapist.getByRole('button', { name: `Admit ${name}` }).click();
      await page.locator('attune-canvas [part="stage"]').waitFor();
    }
    await therapist.locator('attune-canvas [part="stage"]').waitFor();
    const consoleButton = therapist.getByRole('button', { name: 'Console' });
    expect(await consoleButton.getAttribute('aria-expanded')).toBe('true');
    await therapist.getByRole('complementary', { name: 'Session controls' }).waitFor();

    const cell = '[data-stage-cell]';
    const cases = [
      ['client-1366x768', desktop, 0.7],
      ['therapist-console-1366x768', therapist, 0.55],
      ['client-390x844', phone, 0.6],
    ] as const;
    for (const [label, page, least] of cases) {
      const stage = await boxOf(page, cell);
      const element = await boxOf(page, 'attune-canvas');
      const drawing = await boxOf(page, 'attune-canvas', '[part="stage"]');
      // The element's own numbers depend on the canvas filling its host: reported, not asserted.
      console.info(
        `${label}: stage cell ${pct(stage?.share)}, attune-canvas ${pct(element?.share)}, drawing area ${pct(drawing?.share)}`,
      );
      expect(stage!.share, label).toBeGreaterThanOrEqual(least);
      // The canvas element is given the whole cell (less a scroll bar while its content overflows).
      expect(element!.width, label).toBeGreaterThanOrEqual(stage!.width - 20);
      expect(element!.height, label).toBeGreaterThanOrEqual(stage!.height - 20);
      expect(await pageScrolls(page), label).toBe(false);
      await page.screenshot({ path: `${SHOTS}/stage-canvas-${label}.png` });
    }

    // Folding the console away gives the stage the width; the choice is remembered.
    const open = (await boxOf(therapist, cell))!;
    await consoleButton.click();
    expect(await consoleButton.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(async () => (await boxOf(therapist, cell))!.width).toBeGreaterThan(open.width + 200);
    expect((await boxOf(therapist, cell))!.share).toBeGreaterThanOrEqual(0.8);
    expect(await pageScrolls(therapist)).toBe(false);
    await therapist.screenshot({ path: `${SHOTS}/stage-canvas-therapist-console-closed-1366x768.png` });
    await therapist.reload();
    await therapist.locator('attune-canvas [part="stage"]').waitFor();
    expect(await therapist.getByRole('button', { name: 'Console' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    expect(await therapist.getByRole('complementary', { name: 'Session controls' }).count()).toBe(0);
    await therapist.getByRole('button', { name: 'Console' }).click();
    await therapist.getByRole('complementary', { name: 'Session controls' }).waitFor();

    // Larger controls: 56 px targets and larger text, kept for the next visit.
    const target = (page: Page) =>
      page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--attune-target-size').trim(),
      );
    expect(await target(phone)).toBe('44px');
    const larger = phone.getByRole('button', { name: 'Larger controls' });
    expect(await larger.getAttribute('aria-pressed')).toBe('false');
    const leaveBefore = (await phone.getByRole('button', { name: 'Leave' }).boundingBox())!;
    await larger.click();
    expect(await larger.getAttribute('aria-pressed')).toBe('true');
    expect(await target(phone)).toBe('56px');
    await expect
      .poll(async () => (await phone.getByRole('button', { name: 'Leave' }).boundingBox())!.height)
      .toBe(56);
    expect(leaveBefore.height).toBe(44);
    expect(await pageScrolls(phone)).toBe(false);
    expect((await boxOf(phone, cell))!.share).toBeGreaterThanOrEqual(0.6);
    await phone.screenshot({ path: `${SHOTS}/stage-canvas-client-390x844-larger.png` });
    await phone.reload();
    await phone.locator('attune-canvas [part="stage"]').waitFor();
    expect(await target(phone)).toBe('56px');

    for (const [label, page] of [
      ['client-1366x768', desktop],
      ['therapist-console-1366x768', therapist],
      ['client-390x844', phone],
    ] as const) {
      await therapist.getByRole('radio', { name: 'Instruments' }).check();
      await page.locator('attune-instrument-space').waitFor();
      expect(await pageScrolls(page), label).toBe(false);
      await page.screenshot({ path: `${SHOTS}/stage-music-${label}.png` });
      await therapist.getByRole('radio', { name: 'Props' }).check();
      await page.locator('attune-prop-board').waitFor();
      expect(await pageScrolls(page), label).toBe(false);
      await page.screenshot({ path: `${SHOTS}/stage-props-${label}.png` });
      await therapist.getByRole('radio', { name: 'Canvas' }).check();
      await page.locator('attune-canvas').waitFor();
    }
    for (const page of [therapist, desktop, phone]) await page.context().close();
  });
});

function pct(share: number | undefined): string {
  return share === undefined ? 'none' : `${Math.round(share * 100)}%`;
}
