/**
 * The paper's shape: a therapist chooses landscape, portrait or square for a
 * new page, or for the page shown while its drawing fits; every view fits
 * the new sheet at once, and the export follows it.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  button,
  createTestSession,
  draw,
  injectAxe,
  mount,
  runAxe,
  unmountAll,
} from '../../../../test/canvas/support.js';
import type { AttuneCanvasElement } from './attune-canvas.element.js';

beforeAll(injectAxe);
afterEach(unmountAll);

const PHONE = { width: 390, height: 780 };
const WIDE = { width: 1224, height: 600 };

const more = (el: AttuneCanvasElement) => el.shadowRoot!.getElementById('more')!;
async function openMore(el: AttuneCanvasElement): Promise<HTMLElement> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('[popovertarget="more"]')!.click();
  await expect.poll(() => more(el).matches(':popover-open')).toBe(true);
  return more(el);
}
/** The radio for the shape of the page shown. */
const paperChoice = (el: AttuneCanvasElement, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="radio"]')].find(
    (b) => b.textContent!.trim() === label,
  )!;
const stageOf = (el: AttuneCanvasElement) =>
  el.shadowRoot!.querySelector('[part~="stage"]')!.getBoundingClientRect();
const barOf = (el: AttuneCanvasElement) =>
  el.shadowRoot!.querySelector('[part~="toolbar"]')!.getBoundingClientRect();
const status = (el: AttuneCanvasElement) => el.shadowRoot!.querySelector('[part~="status"]')!.textContent!;

describe('<attune-canvas> paper shape', () => {
  it('a portrait page takes most of a phone held upright; a landscape one is still whole and centred', async () => {
    const test = await createTestSession();
    const el = await mount('therapist', 'Ruth', test, PHONE);
    const stage = stageOf(el);
    const bar = barOf(el);
    const landscape = el.pageRect()!;
    expect(landscape.width / landscape.height).toBeCloseTo(1.6, 2);
    expect(landscape.left).toBeGreaterThanOrEqual(stage.left);
    expect(landscape.right).toBeLessThanOrEqual(stage.right);
    expect(landscape.top).toBeGreaterThanOrEqual(bar.bottom);
    expect(landscape.bottom).toBeLessThanOrEqual(stage.bottom);
    // Centred across, and in the room below the bar.
    expect(landscape.left - stage.left).toBeCloseTo(stage.right - landscape.right, 0);
    expect(landscape.top - bar.bottom).toBeCloseTo(stage.bottom - landscape.bottom, 0);
    const share = (r: DOMRect) => (r.width * r.height) / (stage.width * stage.height);
    expect(share(landscape)).toBeLessThan(0.35);

    expect(el.controller.model!.pages.setPaperShape(el.page, 'portrait')).toBe(true);
    await expect.poll(() => el.pageRect()!.height).toBeGreaterThan(landscape.height * 2);
    const portrait = el.pageRect()!;
    expect(portrait.width / portrait.height).toBeCloseTo(0.625, 2);
    expect(share(portrait)).toBeGreaterThanOrEqual(0.6);
    // It uses the width (or the height) fully, less the small margin, and stays centred.
    expect(
      Math.max(portrait.width / stage.width, portrait.height / (stage.bottom - bar.bottom)),
    ).toBeGreaterThan(0.9);
    expect(portrait.left - stage.left).toBeCloseTo(stage.right - portrait.right, 0);
    expect(portrait.top).toBeGreaterThanOrEqual(bar.bottom);
    expect(portrait.bottom).toBeLessThanOrEqual(stage.bottom);
  });

  it('a therapist turns the page shown to portrait, and every view fits the new paper at once', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test, WIDE);
    const phone = await mount('client', 'Sam', test, PHONE);
    // A client has no choice of shape, only the plain "New page".
    await openMore(phone);
    expect(phone.shadowRoot!.querySelectorAll('[role="radio"], [data-paper]')).toHaveLength(0);
    expect(button(phone, 'New page')).toBeDefined();
    more(phone).hidePopover();

    await openMore(therapist);
    expect(paperChoice(therapist, 'Landscape').getAttribute('aria-checked')).toBe('true');
    paperChoice(therapist, 'Portrait').click();
    await expect.poll(() => more(therapist).matches(':popover-open')).toBe(false);
    for (const el of [therapist, phone]) {
      await expect.poll(() => el.pageRect()!.width / el.pageRect()!.height).toBeCloseTo(0.625, 2);
      expect(el.view!.showsWholePage).toBe(true);
    }
    expect(status(therapist)).toBe('The paper is portrait now.');
    // The client's view is the whole new sheet, within its stage.
    const paper = phone.pageRect()!;
    const stage = stageOf(phone);
    expect(paper.top).toBeGreaterThanOrEqual(stage.top);
    expect(paper.bottom).toBeLessThanOrEqual(stage.bottom);
    // A client's new page takes the paper of the page they are on.
    button(phone, 'New page').click();
    await phone.updateComplete;
    expect(phone.page).not.toBe('main');
    expect(phone.controller.model!.pages.paperShape(phone.page)).toBe('portrait');
    await expect.poll(() => phone.pageRect()!.width / phone.pageRect()!.height).toBeCloseTo(0.625, 2);
  });

  it('a new page on the paper the therapist chooses', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test, WIDE);
    const client = await mount('client', 'Sam', test, PHONE);
    await openMore(therapist);
    button(therapist, 'New square page').click();
    await therapist.updateComplete;
    const page = therapist.page;
    expect(page).not.toBe('main');
    expect(therapist.controller.model!.pages.paperShape(page)).toBe('square');
    await expect.poll(() => therapist.pageRect()!.width / therapist.pageRect()!.height).toBeCloseTo(1, 2);
    client.page = page;
    await client.ready;
    await expect.poll(() => client.pageRect()!.width / client.pageRect()!.height).toBeCloseTo(1, 2);
  });

  it('keeps a shape that would leave some of the drawing off the paper unavailable, and says why', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test, WIDE);
    const client = await mount('client', 'Sam', test, PHONE);
    // A stroke across the right of the landscape sheet (x > 1300): off both portrait and square paper.
    const paper = therapist.pageRect()!;
    await draw(therapist, paper.width * 0.85, paper.height / 2);
    await expect.poll(() => client.view!.count).toBe(1);
    const menu = await openMore(therapist);
    for (const label of ['Portrait', 'Square']) {
      const choice = paperChoice(therapist, label);
      expect(choice.getAttribute('aria-disabled')).toBe('true');
      const why = therapist.shadowRoot!.getElementById(choice.getAttribute('aria-describedby')!)!;
      expect(why.textContent).toBe('Portrait and square would leave some of the drawing off the paper.');
    }
    expect(paperChoice(therapist, 'Landscape').hasAttribute('aria-disabled')).toBe(false);
    expect((await runAxe(menu)).violations.map((v) => v.id)).toEqual([]);
    // Still in reach from the keyboard; choosing it says why, and the paper stays.
    paperChoice(therapist, 'Portrait').focus();
    expect(therapist.shadowRoot!.activeElement).toBe(paperChoice(therapist, 'Portrait'));
    paperChoice(therapist, 'Portrait').click();
    await therapist.updateComplete;
    expect(status(therapist)).toBe('Some of the drawing would fall off that paper.');
    expect(client.controller.model!.pages.paperShape('main')).toBe('landscape');
    expect(client.pageRect()!.width / client.pageRect()!.height).toBeCloseTo(1.6, 2);
  });

  it('exports the page on its own paper', async () => {
    const test = await createTestSession();
    const el = await mount('therapist', 'Ruth', test, PHONE);
    el.controller.model!.pages.setPaperShape(el.page, 'portrait');
    await expect.poll(() => el.view!.sheet.height).toBe(1600);
    const paper = el.pageRect()!;
    // A mark near the bottom of the portrait sheet, below where a landscape sheet ends.
    await draw(el, 40, paper.height * 0.9);
    await expect.poll(() => el.view!.count).toBe(1);
    const svg = new DOMParser().parseFromString(el.toSVG(), 'image/svg+xml').documentElement;
    expect(svg.getAttribute('viewBox')).toBe('0 0 1000 1600');
    const bitmap = await createImageBitmap(await el.toPNG());
    expect([bitmap.width, bitmap.height]).toEqual([1000, 1600]);
    // The mark is in the picture, near its bottom.
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const band = context.getImageData(0, 1300, 1000, 300).data;
    let dark = 0;
    for (let i = 0; i < band.length; i += 4) if (band[i + 3]! > 128 && band[i]! < 120) dark++;
    expect(dark).toBeGreaterThan(50);
  });
});
