/**
 * One shared tray: views of different sizes and shapes show the same picture,
 * a stored board opens whole, the tray fills a phone without scrolling, and
 * the drawer, menu and tools work by keyboard.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import * as Y from 'yjs';
import { createTestSession } from '../../../../test/support/browser-session.js';
import {
  expectNoAxeViolations,
  liveText,
  shadowButton,
  until,
  usePropElement,
} from '../../../../test/props-support.js';
import '@attune/session/attune-session.js';
import './attune-prop-board.js';
import type { BoardModel } from '../model/board-model.js';
import type { AttunePropBoardElement } from './attune-prop-board.element.js';

type Board = AttunePropBoardElement;
const mount = usePropElement<Board>('attune-prop-board');
const model = (el: Board) => (el as unknown as { props: { board: BoardModel } }).props.board;
const root = (el: Board) => el.shadowRoot!;
const propEl = (el: Board, propId: string) =>
  root(el).querySelector<HTMLElement>(`[part="prop"][data-prop="${propId}"]`);

/** Where a prop is drawn, as fractions of the tray its view draws: centre and width. */
function drawn(el: Board, propId: string): { x: number; y: number; size: number } | null {
  const tray = el.pageRect();
  const prop = propEl(el, propId)?.getBoundingClientRect();
  if (!tray || !prop) return null;
  return {
    x: (prop.left + prop.width / 2 - tray.left) / tray.width,
    y: (prop.top + prop.height / 2 - tray.top) / tray.height,
    size: prop.width / tray.width,
  };
}

/** Waits until a prop is drawn and has finished its short move. */
async function settled(el: Board, propId: string): Promise<{ x: number; y: number; size: number }> {
  let last = '';
  let same = 0;
  await until(() => {
    const now = JSON.stringify(drawn(el, propId));
    same = now !== 'null' && now === last ? same + 1 : 0;
    last = now;
    return same >= 3;
  }, `the ${propId} to settle`);
  return drawn(el, propId)!;
}

/** Near a corner: within an eighth of the tray of it, in both directions. */
function near(corner: string, at: { x: number; y: number }): boolean {
  const [row, column] = corner.split(' ');
  const x = column === 'left' ? at.x : 1 - at.x;
  const y = row === 'top' ? at.y : 1 - at.y;
  return x >= 0 && y >= 0 && x < 0.125 && y < 0.125;
}

/** Lays the element out at a size; it places its tools for that size before the next paint. */
async function sized(el: Board, width: number, height: number): Promise<void> {
  el.style.cssText = `display:block;width:${width}px;height:${height}px`;
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await el.updateComplete;
}

const CORNERS = [
  ['top left', 'attune/umbrella', 0.03, 0.04],
  ['top right', 'attune/sun', 0.97, 0.04],
  ['bottom left', 'attune/shell', 0.03, 0.96],
  ['bottom right', 'attune/key', 0.97, 0.96],
] as const;

const pages: HTMLElement[] = [];
afterEach(async () => {
  for (const section of pages.splice(0)) section.remove();
  await page.viewport(414, 896);
});

describe('one shared tray', () => {
  it('draws the same picture in a wide and a narrow view: corners at corners, sizes as shares of the tray', async () => {
    await page.viewport(1240, 1200);
    const room = await createTestSession();
    const { el: wide } = await mount(room, 'client', 'Sam');
    const { el: narrow } = await mount(room, 'therapist', 'Jo');
    await sized(wide, 1224, 600);
    await sized(narrow, 363, 560);
    const a = wide.pageRect()!;
    const b = narrow.pageRect()!;
    // Both trays have the tray's shape, whatever the element's shape.
    expect(a.width / a.height).toBeCloseTo(16 / 10, 2);
    expect(b.width / b.height).toBeCloseTo(16 / 10, 2);
    expect(a.width).toBeGreaterThan(1.5 * b.width);

    // Sam places a prop near each corner of his tray by choosing the spot.
    for (const [, propId, x, y] of CORNERS) {
      await userEvent.click(root(wide).querySelector<HTMLElement>('[data-opens="props"]')!);
      const search = root(wide).querySelector<HTMLInputElement>('input[type="search"]')!;
      await userEvent.fill(search, propId.slice('attune/'.length));
      await userEvent.click(root(wide).querySelector<HTMLElement>('[part="palette-item"]')!);
      await userEvent.click(root(wide).querySelector('[part="board"]')!, {
        position: { x: a.width * x, y: a.height * y },
      });
    }
    for (const [corner, propId] of CORNERS) {
      const there = await settled(narrow, propId);
      const here = await settled(wide, propId);
      expect(near(corner, there), `${propId} near the ${corner} for Jo: ${JSON.stringify(there)}`).toBe(true);
      expect(there.x).toBeCloseTo(here.x, 2);
      expect(there.y).toBeCloseTo(here.y, 2);
      expect(there.size).toBeCloseTo(here.size, 2);
    }

    // Jo puts a moon in the bottom right corner by keyboard only; Sam sees it there.
    root(narrow).querySelector<HTMLElement>('[data-opens="props"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => !!root(narrow).querySelector('input[type="search"]'), 'Jo\u2019s drawer');
    await userEvent.keyboard('moon');
    await narrow.updateComplete;
    root(narrow).querySelector<HTMLElement>('[part="palette-item"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Shift>}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{/Shift}');
    await userEvent.keyboard(
      '{Shift>}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{/Shift}{Enter}',
    );
    await until(() => !!propEl(wide, 'attune/moon'), 'the moon to reach Sam');
    expect(near('bottom right', await settled(wide, 'attune/moon'))).toBe(true);
    expect(liveText(wide)).toBe(`${narrow.session!.user.name} placed the moon near the key`);
  });

  it('opens a board stored before the tray whole, at two sizes and shapes', async () => {
    await page.viewport(1240, 1200);
    const room = await createTestSession();
    const { el: wide, session } = await mount(room, 'therapist', 'Jo');
    // The stored board, as `scripts/make-board-fixture.mjs` wrote it with the old model.
    const stored = await fetch(new URL('../model/fixtures/board-v1.bin', import.meta.url));
    Y.applyUpdate(session.docs.space, new Uint8Array(await stored.arrayBuffer()));
    const { el: narrow } = await mount(room, 'client', 'Sam');
    await sized(wide, 1224, 600);
    await sized(narrow, 363, 560);
    for (const el of [wide, narrow]) {
      await until(() => root(el).querySelectorAll('[part="prop"]').length === 5, 'the stored props');
      const tray = el.pageRect()!;
      for (const [corner, propId] of [...CORNERS, ['centre', 'attune/stone', 0.5, 0.5] as const]) {
        const at = await settled(el, propId);
        if (corner === 'centre') {
          expect(at.x).toBeCloseTo(0.5, 2);
          expect(at.y).toBeCloseTo(0.5, 2);
        } else expect(near(corner, at), `${propId} near the ${corner}`).toBe(true);
        // Wholly inside the tray, at least 36 px, and on top where it is drawn: visible.
        const box = propEl(el, propId)!.getBoundingClientRect();
        expect(box.left).toBeGreaterThanOrEqual(tray.left - 0.5);
        expect(box.right).toBeLessThanOrEqual(tray.right + 0.5);
        expect(box.top).toBeGreaterThanOrEqual(tray.top - 0.5);
        expect(box.bottom).toBeLessThanOrEqual(tray.bottom + 0.5);
        expect(box.width).toBeGreaterThanOrEqual(36);
        const hit = root(el).elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        expect(hit?.closest('[part="prop"]')).toBe(propEl(el, propId));
      }
      expect(root(el).querySelector('[part="board"]')!.getAttribute('aria-label')).toBe(
        'Prop board, Sand tray, 5 props',
      );
    }
    expect(root(narrow).textContent).toContain('Sam holds the feather');
  });

  it('has no accessibility violations at both widths, with role cards under the page\u2019s headings', async () => {
    await page.viewport(1240, 1200);
    const room = await createTestSession();
    const { el: wide } = await mount(room, 'therapist', 'Jo');
    const { el: narrow } = await mount(room, 'client', 'Sam');
    const me = { id: wide.session!.user.id, name: 'Jo' };
    model(wide).addCard('The dragon', 'Guards the cave', 0.5, 0.5, me);
    model(wide).addCard('The guide', 'Knows the way', 0.5, 0.5, me);
    model(wide).place('attune/key', 0.5, 0.5, me);
    // A page as the session's pages are: a main heading, a section heading, then the board.
    for (const [el, width, height] of [
      [wide, 1224, 600],
      [narrow, 363, 560],
    ] as const) {
      const section = document.createElement('section');
      section.innerHTML = '<h1>Session</h1><h2>Props</h2>';
      document.body.append(section);
      pages.push(section);
      section.append(el);
      await sized(el, width, height);
      await until(() => root(el).querySelectorAll('[part="prop"]').length === 1, 'the key');
      await userEvent.click(root(el).querySelector<HTMLElement>('[data-opens="cards"]')!);
      expect(root(el).querySelectorAll('[part="card"]')).toHaveLength(2);
      await expectNoAxeViolations(section);
      await userEvent.click(root(el).querySelector<HTMLElement>('[data-opens="props"]')!);
      await expectNoAxeViolations(section);
      await userEvent.click(root(el).querySelector<HTMLElement>('[data-opens="more"]')!);
      await expectNoAxeViolations(section);
      await userEvent.keyboard('{Escape}');
      await userEvent.click(propEl(el, 'attune/key')!);
      await userEvent.click(shadowButton(el, 'More for the key'));
      await expectNoAxeViolations(section);
      el.remove();
      section.remove();
    }
  });

  it('fills a phone: the whole tray in view without scrolling, tools and props at the target size', async () => {
    await page.viewport(390, 844);
    document.body.style.margin = '0';
    const room = await createTestSession();
    const { el } = await mount(room, 'client', 'Sam');
    el.style.cssText = 'display:block;height:100vh';
    await el.updateComplete;
    const me = { id: el.session!.user.id, name: 'Sam' };
    model(el).place('attune/key', 0.5, 0.5, me);
    model(el).place('attune/shell', 0.8, 0.8, me);
    model(el).resize(model(el).list()[1]!.id, 0.25, me);
    await until(() => root(el).querySelectorAll('[part="prop"]').length === 2, 'the props');
    const tray = el.pageRect()!;
    expect(tray.top).toBeGreaterThanOrEqual(0);
    expect(tray.bottom).toBeLessThanOrEqual(844);
    expect(tray.width).toBeGreaterThanOrEqual(350);
    expect(document.documentElement.scrollHeight).toBeLessThanOrEqual(844);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(390);
    // The tools are above the tray, not in it.
    const bar = root(el).querySelector('[role="toolbar"]')!.getBoundingClientRect();
    expect(bar.bottom).toBeLessThanOrEqual(tray.top);
    for (const tool of root(el).querySelectorAll('.tool')) {
      expect(tool.getBoundingClientRect().width).toBe(44);
    }
    // The small shell is drawn at 36 px at least, and takes a 44 px touch.
    const shell = await settled(el, 'attune/shell');
    const box = propEl(el, 'attune/shell')!.getBoundingClientRect();
    expect(box.width).toBeGreaterThanOrEqual(36);
    expect(shell.size).toBeLessThan(0.12);
    const edge = root(el).elementFromPoint(box.left + box.width / 2 + 20, box.top + box.height / 2);
    expect(edge?.closest('[part="prop"]')).toBe(propEl(el, 'attune/shell'));
    // A large-target mode grows every tool.
    el.style.setProperty('--attune-target-size', '56px');
    for (const tool of root(el).querySelectorAll('.tool')) {
      expect(tool.getBoundingClientRect().width).toBe(56);
    }
    document.body.style.margin = '';
  });

  it('by keyboard: the drawer, the menu and a prop\u2019s tools open with Enter, close with Escape, focus back on their button', async () => {
    const room = await createTestSession();
    const { el } = await mount(room, 'therapist', 'Jo');
    const id = model(el).place('attune/feather', 0.5, 0.5, { id: 'x', name: 'Jo' })!;
    await until(() => !!propEl(el, 'attune/feather'), 'the feather');
    const active = () => root(el).activeElement;
    for (const [panel, first] of [
      ['props', 'input[type="search"]'],
      ['cards', '[part="drawer"] button'],
      ['more', '.menu button'],
    ] as const) {
      const button = root(el).querySelector<HTMLElement>(`[data-opens="${panel}"]`)!;
      button.focus();
      await userEvent.keyboard('{Enter}');
      await until(() => active() === root(el).querySelector(first), `focus in the ${panel} panel`);
      expect(button.getAttribute('aria-expanded')).toBe('true');
      await userEvent.keyboard('{Escape}');
      await until(() => active() === button, `focus back on the ${panel} button`);
      expect(button.getAttribute('aria-expanded')).toBe('false');
      expect(root(el).querySelector('.drawer, .menu')).toBeNull();
    }
    // Arrow keys move along the bar of tools.
    root(el).querySelector<HTMLElement>('[data-opens="props"]')!.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(active()?.getAttribute('aria-label')).toBe('Story and role cards');
    // A prop's own tools: its extra panel by keyboard, Escape back to its button.
    root(el).querySelector<HTMLElement>(`[data-item="${id}"]`)!.focus();
    await userEvent.keyboard('r');
    const more = shadowButton(el, 'More for the feather');
    more.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => active()?.textContent?.trim() === 'To the front', 'focus in the prop\u2019s panel');
    await userEvent.keyboard('{Escape}');
    await until(() => active() === more, 'focus back on More for the feather');
  });

  it('moves and turns only when motion is welcome', async () => {
    const room = await createTestSession();
    const { el } = await mount(room, 'client', 'Sam');
    const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    const moving = (rule: CSSRule): boolean =>
      rule instanceof CSSStyleRule && (rule.style.transition !== '' || rule.style.animationName !== '');
    const calm = rules.filter(
      (r) =>
        !(r instanceof CSSMediaRule && r.conditionText.includes('prefers-reduced-motion: no-preference')),
    );
    // The shared tooltip fades in, and switches that off itself under reduced motion.
    expect(calm.filter(moving).map((r) => (r as CSSStyleRule).selectorText)).toEqual([
      '.tool[data-tip]::after',
    ]);
    expect(rules.some((r) => r instanceof CSSMediaRule && [...r.cssRules].some(moving))).toBe(true);
  });
});
