/**
 * How much of the first screen is stage: a therapist with the console (1366×768) and two
 * clients (1366×768 and a 390×844 phone) in one session on a real server. The clients walk the
 * join page and are admitted through the console; the therapist puts each modality on screen
 * through the console; each viewer's stage is measured as a share of its viewport with no
 * scrolling. With a folder for shots, each page is also photographed at 1366×768 and 390×844.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  MODALITIES,
  admit,
  chooseModality,
  drawNearCorners,
  openConsole,
  stageShare,
  walkJoin,
  welcomeField,
} from './ui.mjs';

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
const sizeName = (/** @type {{ width: number, height: number }} */ s) => `${s.width}x${s.height}`;

/** The viewers measured, in the order of the figures; `target` is the share. */
export const VIEWERS = [
  { id: 'client-desktop', title: 'client 1366×768', size: DESKTOP, target: 0.7 },
  { id: 'therapist-desktop', title: 'therapist 1366×768, console open', size: DESKTOP, target: 0.55 },
  { id: 'client-phone', title: 'client 390×844', size: PHONE, target: 0.6 },
  { id: 'therapist-phone', title: 'therapist 390×844', size: PHONE, target: null },
];

/** @typedef {{ share: number, source: string, top: number, bottom: number } | { error: string }} Share */

/**
 * @param {import('playwright-core').Browser} browser
 * @param {import('./builds.mjs').Build} build
 * @param {{ shots?: string, log: (s: string) => void }} options
 * @returns {Promise<Record<string, Record<string, Share>>>} viewer id → modality → share
 */
export async function stageScene(browser, build, { shots, log }) {
  if (shots) mkdirSync(shots, { recursive: true });
  const contexts = [];
  const open = async (/** @type {{ width: number, height: number }} */ size) => {
    const phone = size.width < 600;
    const context = await browser.newContext({
      viewport: size,
      isMobile: phone,
      hasTouch: phone,
      permissions: ['camera', 'microphone'],
    });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    return page;
  };
  const shoot = async (/** @type {import('playwright-core').Page} */ page, /** @type {string} */ name) => {
    if (!shots) return;
    const file = join(shots, `${name}-${sizeName(page.viewportSize() ?? DESKTOP)}.png`);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    log(`  shot ${file}`);
  };

  /** @type {Record<string, Record<string, Share>>} */
  const results = Object.fromEntries(VIEWERS.map((v) => [v.id, {}]));
  try {
    const { sid, therapistToken } = await build.createSession();
    const therapist = await open(DESKTOP);
    await therapist.goto(`${build.url}/therapist#token=${therapistToken}`);
    await openConsole(therapist);

    const clients = [
      { id: 'client-desktop', name: 'Robin', size: DESKTOP },
      { id: 'client-phone', name: 'Kai', size: PHONE },
    ];
    /** @type {Record<string, import('playwright-core').Page>} */
    const pages = { 'therapist-desktop': therapist };
    for (const client of clients) {
      const page = await open(client.size);
      const token = await build.invite(sid, therapistToken, client.name);
      await page.goto(`${build.url}/join#token=${token}`);
      await welcomeField(page).waitFor();
      await shoot(page, 'join-welcome');
      await walkJoin(page);
      await admit(therapist, client.name, page);
      pages[client.id] = page;
    }

    for (const modality of /** @type {Array<keyof typeof MODALITIES>} */ (Object.keys(MODALITIES))) {
      log(`${build.label}: stage share, ${MODALITIES[modality].title} …`);
      try {
        await chooseModality(therapist, modality);
      } catch (error) {
        for (const v of VIEWERS) results[v.id][modality] = { error: String(error) };
        log(`  ${error}`);
        continue;
      }
      if (shots && modality === 'canvas') {
        // Marks near the desktop client's corners: the shots then show what each view sees of them.
        await drawNearCorners(pages['client-desktop']).catch((error) => log(`  drawing: ${error}`));
        // Only the shots depend on the marks having arrived; loopback takes milliseconds.
        await therapist.waitForTimeout(1000);
      }
      for (const [id, page] of Object.entries(pages)) {
        try {
          results[id][modality] = await stageShare(page, modality);
          await shoot(
            page,
            `${id.startsWith('therapist') ? 'console' : 'join'}-${MODALITIES[modality].title}`,
          );
        } catch (error) {
          results[id][modality] = { error: String(error) };
          log(`  ${id}: ${error}`);
        }
      }
      // The same console on a phone, for the shots and for the record (the issue sets no target).
      await therapist.setViewportSize(PHONE);
      try {
        results['therapist-phone'][modality] = await stageShare(therapist, modality);
        await shoot(therapist, `console-${MODALITIES[modality].title}`);
      } catch (error) {
        results['therapist-phone'][modality] = { error: String(error) };
      } finally {
        await therapist.setViewportSize(DESKTOP);
      }
    }

    if (shots) {
      // The embedding example: a portal's page holding the canvas, in a session with no waiting room.
      const embed = await build.createSession({ waitingRoom: false });
      const token = await build.invite(embed.sid, embed.therapistToken, 'Alex');
      for (const size of [DESKTOP, PHONE]) {
        const page = await open(size);
        await page.goto(`${build.url}/embed#token=${token}`);
        await stageShare(page, 'canvas');
        await shoot(page, 'embed');
      }
    }
  } finally {
    for (const context of contexts) await context.close();
  }
  return results;
}
