/**
 * End-to-end support: the demo pages built from source into a temporary
 * folder, a real server serving them, and Debian's Chromium driven by
 * playwright-core with one browser context per person.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import axe from 'axe-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../vitest.config.js';
import type { TestServer } from '../support/server.js';
import { startServer } from '../support/server.js';

export const PHONE = { width: 390, height: 844 };
/** A common laptop: the size the stage is measured at (issue 13). */
export const DESKTOP = { width: 1366, height: 768 };
export const SCREENSHOTS = 'test-results/screenshots';

export interface E2E {
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const outDir = mkdtempSync(join(tmpdir(), 'attune-demos-'));
  await build({
    configFile: 'demos/vite.config.ts',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
  });
  const server = await startServer({ staticDir: outDir });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.dispose();
    },
  };
}

/**
 * Starts the built pages, the server and Chromium once before the calling file's tests and closes
 * them after; the returned function gives the running set inside a test.
 */
export function useE2E(): () => E2E {
  let e2e: E2E | undefined;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 90_000);
  afterAll(async () => {
    await e2e?.close();
  });
  return () => {
    if (!e2e) throw new Error('The end-to-end set-up has not started');
    return e2e;
  };
}

export async function person(e2e: E2E, size = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({
    viewport: size,
    baseURL: e2e.server.url,
    permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return { context, page };
}

/** Runs axe-core on the whole page, shadow roots included; returns the violations' ids and nodes. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as an inline <script>: the pages' Content-Security-Policy blocks those.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The console creates a session the way a therapist does: admin key, then "Create a session". */
export async function createSessionInConsole(page: Page, adminKey: string): Promise<void> {
  await page.goto('/therapist');
  await page.getByLabel('Admin key').fill(adminKey);
  await page.getByRole('button', { name: 'Create a session' }).click();
  await page.getByRole('heading', { name: 'Session console' }).waitFor();
}

/** Creates an invite link in the console and returns its URL. */
export async function inviteInConsole(page: Page, role: string, name: string): Promise<string> {
  const links = page.locator(`input[data-role="${role}"]`);
  const before = await links.count();
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('Name shown to others').fill(name);
  await page.getByRole('button', { name: 'Create link' }).click();
  // The newest link is listed first once the list has grown.
  await links.nth(before).waitFor();
  return links.first().inputValue();
}

/** Walks the join page's steps with the mouse: name, devices, sound, join. */
export async function joinAsClient(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Check camera and microphone' }).click();
  await page.getByLabel('Your camera').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Start sound' }).click();
  await page.getByRole('button', { name: 'Join the session' }).click();
}

/**
 * The box of the first element matching `selector` (shadow roots included), or of `inner` inside
 * that element's shadow root, with the share of the viewport it covers.
 */
export function boxOf(
  page: Page,
  selector: string,
  inner?: string,
): Promise<{ x: number; y: number; width: number; height: number; share: number } | null> {
  return page.evaluate(
    ([sel, part]) => {
      const find = (root: Document | ShadowRoot, s: string): Element | null => {
        const direct = root.querySelector(s);
        if (direct) return direct;
        for (const el of root.querySelectorAll('*')) {
          const found = el.shadowRoot ? find(el.shadowRoot, s) : null;
          if (found) return found;
        }
        return null;
      };
      const host = find(document, sel!);
      const el = part ? (host?.shadowRoot ? find(host.shadowRoot, part) : null) : host;
      if (!el) return null;
      const r = el.getBoundingClientRect();
      // Only the part inside the viewport counts: a stage below the fold is not on screen.
      const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
      const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
      return {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
        share: (w * h) / (innerWidth * innerHeight),
      };
    },
    [selector, inner] as const,
  );
}

/** Whether the page itself can scroll, either way. */
export function pageScrolls(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollHeight > innerHeight + 1 || root.scrollWidth > innerWidth + 1;
  });
}

/** Reads a value from the page's live Session (the one inside its <attune-session>). */
export function sessionValue<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate((body) => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const direct = root.querySelector('attune-session');
      if (direct) return direct;
      for (const el of root.querySelectorAll('*')) {
        const inner = el.shadowRoot ? find(el.shadowRoot) : null;
        if (inner) return inner;
      }
      return null;
    };
    const session = (find(document) as (Element & { session?: unknown }) | null)?.session;
    return new Function('session', `return (${body})(session)`)(session) as T;
  }, fn);
}

/** The size of a common laptop screen, where the therapist's console and a desktop client are tried. */
export const LAPTOP = { width: 1366, height: 768 };

/** A person on a touch phone: 390×844 CSS pixels at three device pixels each, with touch. */
export async function personOnPhone(e2e: E2E): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    baseURL: e2e.server.url,
    permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return { context, page };
}
