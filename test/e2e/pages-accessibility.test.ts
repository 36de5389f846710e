/**
 * The pages as people with different devices and abilities meet them: axe-core
 * at phone and desktop sizes, a keyboard-only run through the join page, the
 * embedding examples with a portal-minted token, and screenshots of each page
 * kept in test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mintToken } from '../../demos/embed/portal.mjs';
import {
  DESKTOP,
  PHONE,
  axeViolations,
  createSessionInConsole,
  inviteInConsole,
  person,
  screenshot,
  sessionValue,
  useE2E,
} from './support.js';

const e2e = useE2E();

const sizes = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const;

async function focusedOutline(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? getComputedStyle(el).outlineStyle : 'none';
  });
}

async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return `${el?.localName}:${el?.textContent?.trim() ?? ''}`;
  });
}

/** Presses Tab until the focused element's text includes `text`. */
async function tabTo(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedName(page)).includes(text)) return;
  }
  throw new Error(`Tab never reached "${text}"`);
}

describe('the console and the join page', () => {
  for (const [label, size] of sizes) {
    it(`have no axe violations at ${label} size, on every step`, async () => {
      const { page: therapist } = await person(e2e(), size);
      await therapist.goto('/therapist');
      expect(await axeViolations(therapist)).toEqual([]);
      await screenshot(therapist, `console-sign-in-${label}`);
      await createSessionInConsole(therapist, e2e().server.adminKey);
      const url = await inviteInConsole(therapist, 'client', 'Robin');
      await therapist.locator('attune-hold-button button.hold').waitFor();
      expect(await axeViolations(therapist)).toEqual([]);
      await screenshot(therapist, `console-${label}`);

      const { page: client } = await person(e2e(), size);
      await client.goto(url);
      expect(await axeViolations(client)).toEqual([]);
      await screenshot(client, `join-name-${label}`);
      await client.getByRole('button', { name: 'Continue' }).click();
      await client.getByRole('button', { name: 'Check camera and microphone' }).click();
      await client.getByLabel('Your camera').waitFor();
      expect(await axeViolations(client)).toEqual([]);
      await screenshot(client, `join-devices-${label}`);
      await client.getByRole('button', { name: 'Continue' }).click();
      expect(await axeViolations(client)).toEqual([]);
      await screenshot(client, `join-sound-${label}`);
      await client.getByRole('button', { name: 'Join the session' }).click();
      await client.locator('[data-screen="waiting"]').waitFor();
      expect(await axeViolations(client)).toEqual([]);
      await therapist.getByRole('button', { name: 'Admit Robin' }).click();
      await client.locator('attune-canvas').waitFor();
      await client.getByRole('button', { name: 'No video' }).waitFor();
      expect(await axeViolations(client)).toEqual([]);
      await screenshot(client, `join-session-${label}`);
      expect(await axeViolations(therapist)).toEqual([]);
      // The console folded away, then open again: both layouts pass.
      const consoleButton = therapist.getByRole('button', { name: 'Console' });
      await consoleButton.click();
      await expect.poll(() => consoleButton.getAttribute('aria-expanded')).toBe('false');
      await therapist.locator('attune-canvas').waitFor();
      expect(await axeViolations(therapist)).toEqual([]);
      await screenshot(therapist, `console-collapsed-${label}`);
      await consoleButton.click();
      await therapist.getByRole('complementary', { name: 'Session controls' }).waitFor();
      expect(await axeViolations(therapist)).toEqual([]);
      await screenshot(therapist, `console-open-${label}`);
      // Larger controls on: still clean.
      await client.getByRole('button', { name: 'Larger controls' }).click();
      expect(await axeViolations(client)).toEqual([]);
      await screenshot(client, `join-session-larger-${label}`);
      await therapist.context().close();
      await client.context().close();
    });
  }

  it('lets a client join with the keyboard only, with focus always visible', async () => {
    const { page: therapist } = await person(e2e(), DESKTOP);
    await createSessionInConsole(therapist, e2e().server.adminKey);
    const url = await inviteInConsole(therapist, 'client', 'Kai');
    const { page: client } = await person(e2e(), PHONE);
    await client.goto(url);

    await tabTo(client, 'input:');
    expect(await focusedOutline(client)).not.toBe('none');
    await client.keyboard.press('Control+A');
    await client.keyboard.type('Kai R');
    await client.keyboard.press('Enter');
    // Each new step starts with focus on its heading.
    await expect.poll(() => focusedName(client)).toBe('h1:Camera and microphone');
    await tabTo(client, 'Check camera and microphone');
    expect(await focusedOutline(client)).not.toBe('none');
    await client.keyboard.press('Enter');
    await client.getByLabel('Your camera').waitFor();
    await tabTo(client, 'Continue');
    await client.keyboard.press('Enter');
    await expect.poll(() => focusedName(client)).toBe('h1:Sound');
    await tabTo(client, 'Start sound');
    await client.keyboard.press('Space');
    await client.getByText('If you heard it, sound works').waitFor();
    await tabTo(client, 'Join the session');
    expect(await focusedOutline(client)).not.toBe('none');
    await client.keyboard.press('Enter');
    await client.locator('[data-screen="waiting"]').waitFor();

    // The name typed on the join page is the one the therapist sees.
    await therapist.getByRole('button', { name: 'Admit Kai R' }).focus();
    await therapist.keyboard.press('Enter');
    await client.locator('attune-canvas').waitFor();
    await therapist.getByText('Kai R · Client').waitFor();
    expect(await sessionValue<string>(client, `(s) => s.awareness.getLocalState().user.name`)).toBe('Kai R');
    await therapist.context().close();
    await client.context().close();
  });
});

describe('the embedding examples', () => {
  it('the plain page works with a token minted by the portal, themed, with no axe violations', async () => {
    const created = await e2e().server.createSession();
    const token = await mintToken(e2e().server.secret, { sid: created.sid, role: 'client', name: 'Alex' });
    for (const [label, size] of sizes) {
      const { page } = await person(e2e(), size);
      await page.goto(`/embed#token=${token}`);
      await page.locator('attune-canvas [part="stage"]').waitFor();
      await page.getByText('Video is not available').waitFor();
      await expect.poll(() => sessionValue<string>(page, `(s) => s.status.status`)).toBe('synced');
      // The token left the address bar; the portal's theme reached Attune through its tokens.
      expect(page.url()).not.toContain('token');
      const accent = await page.evaluate(() =>
        getComputedStyle(document.querySelector('attune-session')!)
          .getPropertyValue('--attune-color-accent')
          .trim(),
      );
      expect(accent).toBe('#6b3fa0');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `embed-${label}`);
      await page.context().close();
    }
  });

  it('the plain page without a token says what to do, inside its landmarks', async () => {
    for (const [label, size] of sizes) {
      const { page } = await person(e2e(), size);
      await page.goto('/embed');
      await page.getByText("Open this page through your portal's link.").waitFor();
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `embed-no-token-${label}`);
      await page.context().close();
    }
  });

  it('the React example connects with the same contract', async () => {
    const created = await e2e().server.createSession();
    const token = await mintToken(e2e().server.secret, { sid: created.sid, role: 'client', name: 'Alex' });
    const { page } = await person(e2e(), DESKTOP);
    await page.goto(`/embed/react#token=${token}`);
    await page.locator('attune-instrument-space').waitFor();
    await page.getByText('Connection: synced').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'embed-react-desktop');
    // A forged token (another secret) is refused by the server, and the page says so.
    const forged = await mintToken('not-the-server-secret-at-all-000000', {
      sid: created.sid,
      role: 'client',
    });
    const { page: other } = await person(e2e(), DESKTOP);
    await other.goto(`/embed/react#token=${forged}`);
    await other.getByText('Connection: error').waitFor();
    await page.context().close();
    await other.context().close();
  });
});
