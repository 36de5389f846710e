/** The floating tool bar: names, sizes, the popovers and the keyboard. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
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
afterEach(unmountAll);

const shown = (el: Element): boolean => el.getClientRects().length > 0;
const names = (el: AttuneCanvasElement): string[] =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="toolbar"] > .tool')]
    .filter(shown)
    .map((b) => b.getAttribute('aria-label')!);
const popover = (el: AttuneCanvasElement, id: string) => el.shadowRoot!.getElementById(id)!;
const opener = (el: AttuneCanvasElement, id: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[popovertarget="${id}"]`)!;
const violations = async (el: Element) =>
  (await runAxe(el)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);

describe('<attune-canvas> tool bar', () => {
  it('is one row of named icon tools, the rarer ones in More on a phone', async () => {
    const test = await createTestSession();
    const wide = await mount('therapist', 'Ruth', test, { width: 1224, height: 600 });
    expect(names(wide)).toEqual([
      'Select',
      'Hand',
      'Pen',
      'Highlighter',
      'Eraser',
      'Shapes',
      'Text',
      'Colour and size',
      'Undo',
      'Redo',
      'More',
    ]);
    const phone = await mount('client', 'Sam', test, { width: 390, height: 844 });
    expect(names(phone)).toEqual(['Pen', 'Eraser', 'Shapes', 'Text', 'Colour and size', 'Undo', 'More']);
    const bar = phone.shadowRoot!.querySelector('[part~="toolbar"]')!.getBoundingClientRect();
    expect(bar.height).toBeLessThan(64);
    expect(bar.width).toBeLessThanOrEqual(390 - 16);
    // The drawing area is the whole box; the bar covers less than a tenth of it.
    expect((bar.width * bar.height) / (390 * 844)).toBeLessThan(0.1);
    // What left the bar is in More.
    opener(phone, 'more').click();
    await expect.poll(() => popover(phone, 'more').matches(':popover-open')).toBe(true);
    const inMore = [...popover(phone, 'more').querySelectorAll('button')]
      .filter(shown)
      .map((b) => b.textContent!.trim());
    expect(inMore).toEqual(
      expect.arrayContaining(['Select', 'Hand', 'Highlighter', 'Redo', 'Zoom in', 'Whole page']),
    );
    for (const b of popover(phone, 'more').querySelectorAll('button'))
      if (shown(b)) expect(b.getBoundingClientRect().height).toBeGreaterThanOrEqual(24);
    // Choosing one of them shows on the More button, as a pressed tool shows.
    const pressedColour = getComputedStyle(button(phone, 'Pen')).color;
    [...popover(phone, 'more').querySelectorAll('button')]
      .find((b) => b.textContent!.trim() === 'Hand')!
      .click();
    await phone.updateComplete;
    expect(phone.tool).toBe('pan');
    expect(popover(phone, 'more').matches(':popover-open')).toBe(false);
    expect(getComputedStyle(opener(phone, 'more')).color).toBe(pressedColour);
  });

  it('has no accessibility violations at either width, with its popovers open', async () => {
    const test = await createTestSession();
    for (const size of [
      { width: 1224, height: 600 },
      { width: 390, height: 844 },
    ]) {
      const el = await mount('therapist', 'Ruth', test, size);
      expect(await violations(el)).toEqual([]);
      for (const id of ['shapes', 'style', 'more']) {
        opener(el, id).click();
        await expect.poll(() => popover(el, id).matches(':popover-open')).toBe(true);
        expect(await violations(el), id).toEqual([]);
        popover(el, id).hidePopover();
      }
      unmountAll();
    }
  });

  it('opens More from the keyboard, moves with the arrows and Tab, and Escape gives focus back', async () => {
    const test = await createTestSession();
    const el = await mount('therapist', 'Ruth', test, { width: 1224, height: 600 });
    const more = opener(el, 'more');
    more.focus();
    await userEvent.keyboard('{Enter}');
    const menu = popover(el, 'more');
    await expect.poll(() => menu.matches(':popover-open')).toBe(true);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    // What a screen reader says for the focused control: its label's words or its own.
    const said = () => {
      const f = focused();
      return (f?.getAttribute('aria-label') ?? f?.closest('label')?.textContent ?? f?.textContent ?? '')
        .trim()
        .split(/\s+/)
        .slice(0, 2)
        .join(' ');
    };
    // The first control takes focus: here the page list.
    await expect.poll(() => focused()?.matches('select[part~="page"]')).toBe(true);
    // A therapist chooses the paper of a new page: three shapes, each named as a new page.
    await userEvent.tab();
    expect(said()).toBe('New landscape');
    await userEvent.keyboard('{ArrowDown}');
    expect(said()).toBe('New portrait');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(said()).toBe('Image');
    await userEvent.keyboard('{ArrowDown}');
    expect(said()).toBe('Paper colour');
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(said()).toBe('New landscape');
    expect(menu.contains(focused())).toBe(true);
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => menu.matches(':popover-open')).toBe(false);
    expect(focused()).toBe(more);
    // A choice made from the keyboard closes the popover and returns focus too.
    const shapes = opener(el, 'shapes');
    shapes.focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => focused()?.textContent?.trim()).toBe('Rectangle');
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await expect.poll(() => popover(el, 'shapes').matches(':popover-open')).toBe(false);
    expect(focused()).toBe(shapes);
    expect(el.tool).toBe('ellipse');
    expect(shapes.getAttribute('aria-label')).toBe('Shapes');
  });

  it('picks tools by letter, and moves along the bar with the arrow keys', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test, { width: 1224, height: 600 });
    const pen = button(el, 'Pen');
    pen.focus();
    await userEvent.keyboard('e');
    expect(el.tool).toBe('eraser');
    await el.updateComplete;
    expect(button(el, 'Eraser').getAttribute('aria-pressed')).toBe('true');
    await userEvent.keyboard('{ArrowRight}');
    expect(el.shadowRoot!.activeElement).toBe(button(el, 'Highlighter'));
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(el.shadowRoot!.activeElement).toBe(button(el, 'Hand'));
  });

  it('grows every target in the large mode', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test, { width: 1224, height: 600 });
    el.style.setProperty('--attune-target-size', '56px');
    expect(button(el, 'Pen').getBoundingClientRect().height).toBe(56);
    opener(el, 'style').click();
    await expect.poll(() => popover(el, 'style').matches(':popover-open')).toBe(true);
    expect(button(el, 'Ink').getBoundingClientRect().width).toBe(56);
  });
});
