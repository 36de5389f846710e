/**
 * The tool bar down the side: on a wide, short stage (a 1366 × 768 laptop)
 * the page is limited by the height, so the bar moves to the inline-start
 * edge and the sheet takes the full height; on a phone or beside the
 * therapist's console it stays across the top.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import {
  button,
  createTestSession,
  injectAxe,
  mount,
  runAxe,
  unmountAll,
} from '../../../../test/canvas/support.js';
import type { AttuneCanvasElement } from './attune-canvas.element.js';

beforeAll(injectAxe);
afterEach(async () => {
  unmountAll();
  document.documentElement.removeAttribute('dir');
  await page.viewport(414, 896);
});

/** The stage a client's page leaves the canvas in a 1366 × 768 window. */
const LAPTOP = { width: 1350, height: 690 };
/** The canvas of a therapist on the same laptop, beside the console. */
const CONSOLE = { width: 920, height: 690 };
const PHONE = { width: 390, height: 780 };

const bar = (el: AttuneCanvasElement) => el.shadowRoot!.querySelector<HTMLElement>('[part~="toolbar"]')!;
const rect = (el: Element) => el.getBoundingClientRect();
const popover = (el: AttuneCanvasElement, id: string) => el.shadowRoot!.getElementById(id)!;
const opener = (el: AttuneCanvasElement, id: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[popovertarget="${id}"]`)!;
const overlaps = (a: DOMRect, b: DOMRect): boolean =>
  a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const violations = async (el: Element) =>
  (await runAxe(el)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);

async function laptop(role: 'client' | 'therapist' = 'client'): Promise<AttuneCanvasElement> {
  await page.viewport(1366, 768);
  return mount(role, role === 'client' ? 'Sam' : 'Ruth', await createTestSession(), LAPTOP);
}

describe('<attune-canvas> tool bar down the side', () => {
  it('on a laptop, runs down the start edge and gives the page the full height', async () => {
    const el = await laptop();
    const stage = rect(el);
    const tools = rect(bar(el));
    const paper = el.pageRect()!;
    expect(el.dataset.bar).toBe('side');
    expect(bar(el).getAttribute('aria-orientation')).toBe('vertical');
    // A column at the left edge, one target wide.
    expect(tools.left - stage.left).toBeLessThanOrEqual(12);
    expect(tools.width).toBeLessThan(64);
    expect(tools.height).toBeGreaterThan(tools.width * 5);
    expect(overlaps(tools, paper)).toBe(false);
    expect(paper.left).toBeGreaterThanOrEqual(tools.right);
    expect(paper.right).toBeLessThanOrEqual(stage.right);
    expect(paper.width / paper.height).toBeCloseTo(1.6, 2);
    // The full height, less a margin of a few pixels: 682 of 690 px, so the paper is
    // 71% of a 1366 × 768 screen (it was 56% under a bar across the top).
    expect(paper.height / stage.height).toBeGreaterThanOrEqual(0.98);
    expect((paper.width * paper.height) / (1366 * 768)).toBeGreaterThanOrEqual(0.7);
    // Tooltips show beside their buttons, not over the next one.
    const pen = button(el, 'Pen');
    const tip = getComputedStyle(pen, '::after');
    expect(parseFloat(tip.left)).toBeGreaterThanOrEqual(pen.offsetWidth);
    expect(parseFloat(tip.top)).toBeCloseTo(pen.offsetHeight / 2, 0);
  });

  it('runs down the right edge in a right-to-left page', async () => {
    document.documentElement.dir = 'rtl';
    const el = await laptop();
    const stage = rect(el);
    const tools = rect(bar(el));
    const paper = el.pageRect()!;
    expect(el.dataset.bar).toBe('side');
    expect(stage.right - tools.right).toBeLessThanOrEqual(12);
    expect(paper.right).toBeLessThanOrEqual(tools.left);
    expect(paper.height / stage.height).toBeGreaterThanOrEqual(0.98);
    opener(el, 'style').click();
    // Placed when it opens (the browser's toggle event comes a moment after).
    await expect.poll(() => rect(popover(el, 'style')).right).toBeLessThanOrEqual(tools.left);
    expect(rect(popover(el, 'style')).left).toBeGreaterThanOrEqual(stage.left);
  });

  it('stays across the top beside the console and on a phone, clear of the page', async () => {
    await page.viewport(1366, 900);
    const test = await createTestSession();
    for (const size of [CONSOLE, PHONE, { width: 390, height: 844 }]) {
      const el = await mount('therapist', 'Ruth', test, size);
      const tools = rect(bar(el));
      const paper = el.pageRect()!;
      expect(el.dataset.bar, `${size.width}`).toBe('top');
      expect(bar(el).getAttribute('aria-orientation')).toBe('horizontal');
      expect(tools.height).toBeLessThan(64);
      expect(paper.top).toBeGreaterThanOrEqual(tools.bottom);
      expect(overlaps(tools, paper)).toBe(false);
      unmountAll();
    }
  });

  it('moves when the box is resized, the paper changes shape or the targets grow', async () => {
    const el = await laptop('therapist');
    expect(el.dataset.bar).toBe('side');
    // Beside the console: the landscape page is limited by the width, so the bar goes on top.
    el.style.width = `${CONSOLE.width}px`;
    await expect.poll(() => el.dataset.bar).toBe('top');
    await expect.poll(() => el.pageRect()!.top).toBeGreaterThanOrEqual(rect(bar(el)).bottom);
    // A portrait page on the same box is limited by the height: the bar goes to the side.
    el.controller.model!.pages.setPaperShape(el.page, 'portrait');
    await expect.poll(() => el.dataset.bar).toBe('side');
    await expect.poll(() => el.pageRect()!.left).toBeGreaterThanOrEqual(rect(bar(el)).right);
    expect(el.pageRect()!.height / rect(el).height).toBeGreaterThanOrEqual(0.98);
    // Back to the whole laptop, and the large mode: a column of 56 px targets is taller than the
    // box, so the bar goes back on top, and the page below it.
    el.style.width = `${LAPTOP.width}px`;
    el.controller.model!.pages.setPaperShape(el.page, 'landscape');
    await expect.poll(() => el.dataset.bar).toBe('side');
    el.style.setProperty('--attune-target-size', '56px');
    await expect.poll(() => el.dataset.bar).toBe('top');
    await expect.poll(() => el.pageRect()!.top).toBeGreaterThanOrEqual(rect(bar(el)).bottom);
    expect(button(el, 'Pen').getBoundingClientRect().height).toBe(56);
  });

  it('opens its popovers beside the bar, inside the element, with no accessibility violations', async () => {
    const el = await laptop('therapist');
    const host = rect(el);
    expect(await violations(el)).toEqual([]);
    for (const id of ['shapes', 'style', 'more']) {
      const button = opener(el, id);
      button.click();
      const tools = rect(bar(el));
      await expect
        .poll(() => rect(popover(el, id)).left, { message: id })
        .toBeGreaterThanOrEqual(tools.right);
      const menu = rect(popover(el, id));
      // To the page's side of the bar, level with its button, inside the element.
      expect(menu.left - tools.right, id).toBeLessThan(16);
      expect(menu.top, id).toBeLessThanOrEqual(rect(button).bottom);
      expect(menu.bottom, id).toBeGreaterThanOrEqual(rect(button).top);
      expect(menu.top, id).toBeGreaterThanOrEqual(host.top);
      expect(menu.bottom, id).toBeLessThanOrEqual(host.bottom);
      expect(menu.right, id).toBeLessThanOrEqual(host.right);
      expect(await violations(el), id).toEqual([]);
      popover(el, id).hidePopover();
    }
  });

  it('moves along the bar with Up and Down as well as Left and Right', async () => {
    const el = await laptop();
    button(el, 'Pen').focus();
    const focused = () => el.shadowRoot!.activeElement;
    await userEvent.keyboard('{ArrowDown}');
    expect(focused()).toBe(button(el, 'Highlighter'));
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(focused()).toBe(button(el, 'Hand'));
    await userEvent.keyboard('{ArrowRight}');
    expect(focused()).toBe(button(el, 'Pen'));
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    // Round from the first to the last, as along the top.
    expect(focused()).toBe(opener(el, 'more'));
    // A popover still opens with Enter and takes focus; Escape gives it back.
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => popover(el, 'more').contains(focused())).toBe(true);
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => focused()).toBe(opener(el, 'more'));
  });
});
