/**
 * One shared page on every screen: a therapist with the console and a client, both on
 * 1366×768 laptops, and a client on a 390×844 touch phone each draw and place something near
 * the four corners of the shared page, and every one of them sees all of it, each near the same
 * corner of the page as their own screen shows it.
 *
 * Where the page is drawn comes from the elements' public `pageRect()`: the paper of
 * `<attune-canvas>` or the tray of `<attune-prop-board>`, in viewport CSS pixels.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  LAPTOP,
  createSessionInConsole,
  inviteInConsole,
  joinAsClient,
  person,
  personOnPhone,
  screenshot,
  useE2E,
} from './support.js';

const e2e = useE2E();

// The controls people use, by role and name, in one place so that a new layout is one edit away.

/** The therapist chooses in the console what everyone works in. */
async function chooseModality(therapist: Page, name: 'Canvas' | 'Props'): Promise<void> {
  await therapist.getByRole('radio', { name }).check();
}

/** A colour from the canvas's "Colour and size" popover, which is closed again so it covers nothing. */
async function chooseColour(canvas: Locator, name: string): Promise<void> {
  const opener = canvas.getByRole('button', { name: 'Colour and size', exact: true });
  await opener.click();
  await canvas.getByRole('button', { name, exact: true }).click();
  await opener.press('Escape');
  await expect.poll(() => canvas.locator('[popover]:popover-open').count()).toBe(0);
}

/** A prop from the board's library, in its drawer, which is closed again so it covers nothing. */
async function chooseProp(board: Locator, name: string): Promise<void> {
  const drawer = board.locator('[part="drawer"]');
  if ((await drawer.count()) === 0) await board.getByRole('button', { name: 'Props', exact: true }).click();
  const prop = drawer.getByRole('button', { name: new RegExp(`^${name}$`, 'i') });
  await prop.click();
  if ((await drawer.count()) > 0) await prop.press('Escape');
  await expect.poll(() => drawer.count()).toBe(0);
}

const canvasOf = (page: Page): Locator => page.locator('attune-canvas');
const boardOf = (page: Page): Locator => page.locator('attune-prop-board');

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the element draws the shared page (the paper, the tray), in viewport CSS pixels. */
function pageRect(surface: Locator): Promise<Rect> {
  return surface.evaluate((el) => {
    const r = (el as HTMLElement & { pageRect(): DOMRect }).pageRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

/** Brings the whole page into view, as a person would scroll to it, and returns where it is. */
async function pageInView(page: Page, surface: Locator): Promise<Rect> {
  const { width, height } = page.viewportSize()!;
  let rect = await pageRect(surface);
  if (rect.y < 0 || rect.y + rect.height > height) {
    await page.evaluate((dy) => window.scrollBy(0, dy), rect.y + rect.height / 2 - height / 2);
    rect = await pageRect(surface);
  }
  const inView =
    rect.width > 0 &&
    rect.x >= -1 &&
    rect.y >= -1 &&
    rect.x + rect.width <= width + 1 &&
    rect.y + rect.height <= height + 1;
  expect(inView, `the whole page is in view at ${width}×${height}: ${JSON.stringify(rect)}`).toBe(true);
  return rect;
}

type Rgb = readonly [number, number, number];

interface Viewer {
  who: string;
  page: Page;
  touch: boolean;
  /** The colour this person draws with: its name in the tool bar and its value. */
  colour: { name: string; rgb: Rgb };
  /** The prop this person places. */
  prop: string;
  /** How far in from each corner this person works, as fractions of the page, so that work stays apart. */
  inset: readonly [number, number];
}

const CORNERS = [
  { name: 'top left', right: false, bottom: false },
  { name: 'top right', right: true, bottom: false },
  { name: 'bottom left', right: false, bottom: true },
  { name: 'bottom right', right: true, bottom: true },
] as const;
type Corner = (typeof CORNERS)[number];

/** A person's spot near a corner, as fractions of the page. */
function spot(viewer: Viewer, corner: Corner): { x: number; y: number } {
  const [ix, iy] = viewer.inset;
  return { x: corner.right ? 1 - ix : ix, y: corner.bottom ? 1 - iy : iy };
}

/** A stroke runs from the spot this far towards the middle of the page. */
const STROKE = 0.05;

function strokeMiddle(viewer: Viewer, corner: Corner): { x: number; y: number } {
  const { x, y } = spot(viewer, corner);
  return { x: x + ((corner.right ? -1 : 1) * STROKE) / 2, y };
}

/** Draws a short wavy stroke from the spot near a corner, with the mouse or a finger. */
async function drawNear(viewer: Viewer, corner: Corner): Promise<void> {
  const { page } = viewer;
  const rect = await pageInView(page, canvasOf(page));
  const start = spot(viewer, corner);
  const dir = corner.right ? -1 : 1;
  const points = Array.from({ length: 11 }, (_, i) => ({
    x: rect.x + rect.width * (start.x + (dir * STROKE * i) / 10),
    y: rect.y + rect.height * (start.y + 0.01 * Math.sin(i)),
  }));
  if (viewer.touch) {
    // A finger: touch events through the browser's input, which it turns into touch pointer events.
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: string, p?: { x: number; y: number }) =>
      cdp.send('Input.dispatchTouchEvent', {
        type: type as 'touchStart',
        touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [],
      });
    await touch('touchStart', points[0]);
    for (const p of points.slice(1)) await touch('touchMove', p);
    await touch('touchEnd');
    await cdp.detach();
    return;
  }
  await page.mouse.move(points[0]!.x, points[0]!.y);
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(p.x, p.y);
  await page.mouse.up();
}

interface Square {
  x: number;
  y: number;
  half: number;
}

/**
 * For each square of a viewport screenshot (CSS pixels), how many of its pixels have each colour.
 * The PNG is decoded by the browser in a blank page of its own, free of the pages' policies.
 */
async function coloursIn(
  decoder: Page,
  shot: Buffer,
  viewportWidth: number,
  squares: Square[],
  colours: Rgb[],
): Promise<number[][]> {
  return decoder.evaluate(
    async ({ data, viewportWidth, squares, colours }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
        colorSpaceConversion: 'none',
        premultiplyAlpha: 'none',
      });
      const scale = bitmap.width / viewportWidth;
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      return squares.map((s) => {
        const x0 = Math.max(0, Math.floor((s.x - s.half) * scale));
        const y0 = Math.max(0, Math.floor((s.y - s.half) * scale));
        const x1 = Math.min(bitmap.width, Math.ceil((s.x + s.half) * scale));
        const y1 = Math.min(bitmap.height, Math.ceil((s.y + s.half) * scale));
        if (x1 <= x0 || y1 <= y0) return colours.map(() => 0);
        const pixels = context.getImageData(x0, y0, x1 - x0, y1 - y0).data;
        return colours.map(([r, g, b]) => {
          let n = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            const d = Math.max(
              Math.abs(pixels[i]! - r),
              Math.abs(pixels[i + 1]! - g),
              Math.abs(pixels[i + 2]! - b),
            );
            if (d <= 40) n++;
          }
          return n;
        });
      });
    },
    { data: shot.toString('base64'), viewportWidth, squares, colours },
  );
}

/** Pixels of a person's colour that make a stroke a person would notice, in device pixels. */
const INK = 6;

/**
 * What one viewer's screen shows around the middle of every person's stroke near every corner:
 * each stroke's label with the count of its drawer's colour there, and of any drawer's colour.
 */
async function strokesSeenBy(
  decoder: Page,
  viewer: Viewer,
  everyone: Viewer[],
): Promise<{ label: string; own: number; any: number }[]> {
  const rect = await pageInView(viewer.page, canvasOf(viewer.page));
  const wanted = everyone.flatMap((drawer) => CORNERS.map((corner) => ({ drawer, corner })));
  const squares = wanted.map(({ drawer, corner }) => {
    const m = strokeMiddle(drawer, corner);
    return {
      x: rect.x + rect.width * m.x,
      y: rect.y + rect.height * m.y,
      half: Math.max(5, rect.width * 0.02),
    };
  });
  const shot = await viewer.page.screenshot();
  const counts = await coloursIn(
    decoder,
    shot,
    viewer.page.viewportSize()!.width,
    squares,
    everyone.map((v) => v.colour.rgb),
  );
  return wanted.map(({ drawer, corner }, i) => ({
    label: `${drawer.who}'s stroke near the ${corner.name}`,
    own: counts[i]![everyone.indexOf(drawer)]!,
    any: counts[i]!.reduce((a, b) => a + b, 0),
  }));
}

/** The props a viewer's board shows: their names and where their middles are on the tray, as fractions. */
async function propsSeenBy(viewer: Viewer): Promise<{ label: string; x: number; y: number }[]> {
  const board = boardOf(viewer.page);
  const rect = await pageInView(viewer.page, board);
  const items = await board.evaluate((el) =>
    [...el.shadowRoot!.querySelectorAll('[part~="prop"]')].map((item) => {
      const r = item.getBoundingClientRect();
      return { label: item.getAttribute('aria-label') ?? '', x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }),
  );
  return items.map((item) => ({
    label: item.label,
    x: (item.x - rect.x) / rect.width,
    y: (item.y - rect.y) / rect.height,
  }));
}

/** Which placed props a viewer does not see near their corner (within 6% of the tray). */
async function propsMissingFor(viewer: Viewer, everyone: Viewer[]): Promise<string[]> {
  const seen = await propsSeenBy(viewer);
  const missing: string[] = [];
  for (const placer of everyone) {
    for (const corner of CORNERS) {
      const at = spot(placer, corner);
      const found = seen.some(
        (item) =>
          item.label.toLowerCase().split(',')[0] === placer.prop &&
          Math.abs(item.x - at.x) <= 0.06 &&
          Math.abs(item.y - at.y) <= 0.06,
      );
      if (!found) missing.push(`${placer.who}'s ${placer.prop} near the ${corner.name}`);
    }
  }
  return missing;
}

async function placeNear(viewer: Viewer, corner: Corner): Promise<void> {
  const { page } = viewer;
  const board = boardOf(page);
  await chooseProp(board, viewer.prop);
  const rect = await pageInView(page, board);
  const at = spot(viewer, corner);
  const x = rect.x + rect.width * at.x;
  const y = rect.y + rect.height * at.y;
  if (viewer.touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

describe('one shared page on every screen', () => {
  it(
    'a therapist with the console, a client on a laptop and one on a phone each see everything placed near all four corners',
    { timeout: 60_000 },
    async () => {
      const { page: therapistPage } = await person(e2e(), LAPTOP);
      const { page: anaPage } = await person(e2e(), LAPTOP);
      const { page: boPage } = await personOnPhone(e2e());
      const decoder = await e2e().browser.newPage();

      await createSessionInConsole(therapistPage, e2e().server.adminKey);
      const anaUrl = await inviteInConsole(therapistPage, 'client', 'Ana');
      const boUrl = await inviteInConsole(therapistPage, 'client', 'Bo');
      await Promise.all([joinAsClient(anaPage, anaUrl), joinAsClient(boPage, boUrl)]);
      await therapistPage.getByRole('button', { name: 'Admit Ana' }).click();
      await therapistPage.getByRole('button', { name: 'Admit Bo' }).click();

      const viewers: Viewer[] = [
        {
          who: 'the therapist',
          page: therapistPage,
          touch: false,
          colour: { name: 'Plum', rgb: [0xb0, 0x4f, 0xb8] },
          prop: 'tree',
          inset: [0.08, 0.08],
        },
        {
          who: 'Ana',
          page: anaPage,
          touch: false,
          colour: { name: 'Clay', rgb: [0xc0, 0x50, 0x3a] },
          prop: 'shell',
          inset: [0.08, 0.2],
        },
        {
          who: 'Bo',
          page: boPage,
          touch: true,
          colour: { name: 'Teal', rgb: [0x1f, 0x8f, 0x9f] },
          prop: 'stone',
          inset: [0.2, 0.08],
        },
      ];

      // Drawing: each person near each corner of the paper, in their own colour, all at once.
      await chooseModality(therapistPage, 'Canvas');
      for (const v of viewers) {
        const canvas = canvasOf(v.page);
        await canvas.waitFor();
        await canvas.evaluate((el) => (el as HTMLElement & { ready: Promise<void> }).ready);
        await chooseColour(canvas, v.colour.name);
      }
      // Before anyone draws, no screen shows any of those colours where the strokes will be.
      for (const v of viewers) {
        const seen = await strokesSeenBy(decoder, v, viewers);
        expect(
          seen.filter((s) => s.any > 0).map((s) => s.label),
          `${v.who}'s blank page`,
        ).toEqual([]);
      }
      await Promise.all(
        viewers.map(async (v) => {
          for (const corner of CORNERS) await drawNear(v, corner);
          // Done drawing, the hand leaves the page: no pointer of anyone's colour stays over the work.
          if (!v.touch) await v.page.mouse.move(1, 1);
        }),
      );
      for (const v of viewers) {
        await expect
          .poll(
            async () =>
              (await strokesSeenBy(decoder, v, viewers)).filter((s) => s.own < INK).map((s) => s.label),
            { message: `strokes ${v.who} does not see`, timeout: 10_000 },
          )
          .toEqual([]);
      }
      await screenshot(therapistPage, 'shared-page-canvas-therapist-1366');
      await screenshot(anaPage, 'shared-page-canvas-client-1366');
      await screenshot(boPage, 'shared-page-canvas-phone-390');

      // Props: each person places their prop near each corner of the tray, all at once.
      await chooseModality(therapistPage, 'Props');
      for (const v of viewers) await boardOf(v.page).waitFor();
      for (const v of viewers) expect(await propsSeenBy(v), `${v.who}'s empty tray`).toEqual([]);
      await Promise.all(
        viewers.map(async (v) => {
          for (const corner of CORNERS) await placeNear(v, corner);
        }),
      );
      for (const v of viewers) {
        await expect
          .poll(() => propsMissingFor(v, viewers), {
            message: `props ${v.who} does not see`,
            timeout: 10_000,
          })
          .toEqual([]);
        expect(await propsSeenBy(v)).toHaveLength(viewers.length * CORNERS.length);
      }
      await screenshot(therapistPage, 'shared-page-props-therapist-1366');
      await screenshot(anaPage, 'shared-page-props-client-1366');
      await screenshot(boPage, 'shared-page-props-phone-390');

      await decoder.close();
    },
  );
});
