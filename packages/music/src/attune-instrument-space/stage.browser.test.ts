/**
 * The stage: the instrument fills the box it is given on a laptop and on a
 * phone, its keys are coloured, large and reachable by arrow keys, its menus
 * open and close by keyboard, and reduced motion gives a highlight without motion.
 */
import axe from 'axe-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { joinSpace, keysOf } from '../../../../test/music-support/browser-space.js';
import { createTestSession, until } from '../../../../test/support/browser-session.js';
import type { TestSession } from '../../../../test/support/browser-session.js';
import type { AttuneInstrumentSpaceElement } from './attune-instrument-space.element.js';

let test: TestSession;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  test = await createTestSession();
  const script = document.createElement('script');
  script.textContent = axe.source;
  document.head.append(script);
});

afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

/** Joins and moves the element into a host box of the given size, as a page would give it. */
async function inBox(
  role: 'therapist' | 'client',
  name: string,
  width: number,
  height: number,
): Promise<{ el: AttuneInstrumentSpaceElement; host: HTMLElement }> {
  const { el } = await joinSpace(test, role, name, cleanup);
  const host = document.createElement('div');
  host.style.cssText = `width:${width}px;height:${height}px;overflow:auto`;
  document.body.append(host);
  cleanup.push(() => host.remove());
  host.append(el);
  await el.updateComplete;
  return { el, host };
}

/** The rows the keys sit in, top first, each as its keys' labels. */
function rows(el: AttuneInstrumentSpaceElement): string[][] {
  const byTop = new Map<number, string[]>();
  for (const key of keysOf(el)) {
    const top = Math.round(key.getBoundingClientRect().top);
    byTop.set(top, [...(byTop.get(top) ?? []), key.getAttribute('aria-label')!]);
  }
  return [...byTop.entries()].sort((a, b) => a[0] - b[0]).map(([, labels]) => labels);
}

const axeFinds = async (el: Element): Promise<string[]> => {
  const result = await (window as unknown as { axe: typeof axe }).axe.run(el);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
};

describe('the stage', () => {
  it('fills a phone-sized host: three rows of thumb-sized keys, lowest at the bottom, no scrolling', async () => {
    const { el, host } = await inBox('client', 'Phone', 390, 844);
    await until(() => rows(el).length === 3, 'three rows of keys');
    expect(rows(el)).toEqual([
      ['C6', 'D6', 'E6', 'G6', 'A6'],
      ['C5', 'D5', 'E5', 'G5', 'A5'],
      ['C4', 'D4', 'E4', 'G4', 'A4'],
    ]);
    const box = host.getBoundingClientRect();
    expect(el.getBoundingClientRect().height).toBe(844);
    expect(host.scrollHeight).toBeLessThanOrEqual(host.clientHeight);
    expect(host.scrollWidth).toBeLessThanOrEqual(host.clientWidth);
    let keyArea = 0;
    for (const key of keysOf(el)) {
      const r = key.getBoundingClientRect();
      expect(r.width).toBeGreaterThanOrEqual(44);
      expect(r.height).toBeGreaterThanOrEqual(44);
      expect(r.left).toBeGreaterThanOrEqual(box.left);
      expect(r.right).toBeLessThanOrEqual(box.right);
      expect(r.bottom).toBeLessThanOrEqual(box.bottom);
      keyArea += r.width * r.height;
    }
    // The keys themselves (gaps aside) cover most of the screen.
    expect(keyArea / (390 * 844)).toBeGreaterThan(0.6);
    const stage = el.shadowRoot!.querySelector('[part="stage"]')!.getBoundingClientRect();
    expect((stage.width * stage.height) / (390 * 844)).toBeGreaterThan(0.75);
  });

  it('lays the keys in one row on a laptop, taking most of the screen, and grows them in large mode', async () => {
    const { el } = await inBox('client', 'Laptop', 1366, 768);
    await until(() => rows(el).length === 1, 'one row of keys');
    const stage = el.shadowRoot!.querySelector('[part="stage"]')!.getBoundingClientRect();
    expect((stage.width * stage.height) / (1366 * 768)).toBeGreaterThan(0.8);
    const width = keysOf(el)[0]!.getBoundingClientRect().width;
    expect(width).toBeGreaterThan(70);
    // Large targets from the page's token: every tool and key grows with it.
    el.style.setProperty('--attune-target-size', '64px');
    await until(
      () => el.shadowRoot!.querySelector('#instrument-menu-tool')!.getBoundingClientRect().width === 64,
      'tools at the target size',
    );
    expect(el.shadowRoot!.querySelector('#instrument-menu-tool')!.getBoundingClientRect().height).toBe(64);
    // The large mode: keys half again as big, so they take two rows.
    el.large = true;
    await until(() => rows(el).length === 2, 'large keys in two rows');
    expect(keysOf(el)[0]!.getBoundingClientRect().width).toBeGreaterThan(width * 1.5);
  });

  it('colours each pitch class and lights a sounding key in the colour of who played it', async () => {
    const { el } = await inBox('client', 'Colours', 1366, 768);
    const [c4, d4] = keysOf(el);
    const c5 = keysOf(el).find((k) => k.getAttribute('aria-label') === 'C5')!;
    const colour = (k: Element): string => getComputedStyle(k).backgroundColor;
    expect(colour(c4!)).toBe(colour(c5));
    expect(colour(c4!)).not.toBe(colour(d4!));
    const resting = colour(d4!);
    d4!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => d4!.part.contains('lit'), 'the key to light');
    expect(d4!.style.getPropertyValue('--flash')).toBe(el.music.me!.color);
    await until(() => colour(d4!) !== resting, 'the key to take its full colour');
  });

  it('has no accessibility violations at 1366 and at 390 wide, with each menu open too', async () => {
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ] as const) {
      const { el: client } = await inBox('client', `Client ${width}`, width, height);
      const { el: therapist } = await inBox('therapist', 'Therapist', width, height);
      for (const el of [client, therapist]) {
        expect(await axeFinds(el)).toEqual([]);
        for (const tool of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[popovertarget]')) {
          await userEvent.click(tool);
          const menu = el.shadowRoot!.getElementById(tool.getAttribute('popovertarget')!)!;
          await until(() => menu.matches(':popover-open'), `${tool.getAttribute('aria-label')} open`);
          expect(await axeFinds(el), tool.getAttribute('aria-label')!).toEqual([]);
          if (width === 1366) {
            // On a laptop each menu hangs from its own tool: below it (above where there is no
            // room below), and reaching over it.
            const [m, t] = [menu.getBoundingClientRect(), tool.getBoundingClientRect()];
            expect(m.top >= t.bottom - 1 || m.bottom <= t.top + 1, tool.getAttribute('aria-label')!).toBe(
              true,
            );
            expect(m.left < t.right && m.right > t.left, tool.getAttribute('aria-label')!).toBe(true);
          }
          await userEvent.keyboard('{Escape}');
          await until(() => !menu.matches(':popover-open'), 'the menu to close');
        }
      }
      while (cleanup.length) cleanup.pop()!();
    }
  });

  it('opens a menu from its tool and closes it with Escape, focus back on the tool', async () => {
    const { el } = await inBox('client', 'Menus', 390, 844);
    const tool = el.shadowRoot!.querySelector<HTMLButtonElement>('#instrument-menu-tool')!;
    const menu = el.shadowRoot!.getElementById('instrument-menu')!;
    tool.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => menu.matches(':popover-open'), 'the instrument menu');
    await until(() => tool.getAttribute('aria-expanded') === 'true', 'the tool to say it is open');
    await userEvent.keyboard('{Tab}');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).toBe('Keys');
    // The menu lies on the screen, below its tool.
    const box = menu.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(tool.getBoundingClientRect().bottom);
    expect(box.right).toBeLessThanOrEqual(window.innerWidth);
    await userEvent.keyboard('{Escape}');
    await until(() => !menu.matches(':popover-open'), 'the menu to close');
    expect(el.shadowRoot!.activeElement).toBe(tool);
    // Choosing an instrument there changes the keys to pads.
    await userEvent.click(tool);
    await userEvent.click(el.shadowRoot!.querySelector<HTMLButtonElement>('[data-instrument="drum-kit"]')!);
    await until(() => keysOf(el).length === 5 && keysOf(el)[0]!.part.contains('pad'), 'the drum pads');
    expect(tool.getAttribute('aria-label')).toBe('Instrument: Drum kit');
  });
});

describe('arrow keys', () => {
  it('move between keys as a user expects and play nothing; Enter and Space play the key in focus', async () => {
    const { el } = await inBox('client', 'Arrows', 390, 844);
    await until(() => rows(el).length === 3, 'three rows of keys');
    const played: number[] = [];
    el.addEventListener('attune-note-play', (e) => played.push(e.detail.midi));
    const group = el.shadowRoot!.querySelector('[part="instrument"]')!;
    expect(group.getAttribute('role')).toBe('group');
    expect(group.getAttribute('aria-label')).toBe('Keys');
    // One Tab stop for the whole instrument.
    expect(keysOf(el).filter((k) => k.tabIndex === 0)).toHaveLength(1);
    const focused = (): string | null | undefined => el.shadowRoot!.activeElement?.getAttribute('aria-label');

    keysOf(el)[0]!.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(focused()).toBe('D4');
    await userEvent.keyboard('{ArrowUp}');
    expect(focused()).toBe('D5');
    await userEvent.keyboard('{ArrowUp}');
    expect(focused()).toBe('D6');
    await userEvent.keyboard('{ArrowUp}'); // the top row: stays
    expect(focused()).toBe('D6');
    await userEvent.keyboard('{ArrowDown}');
    expect(focused()).toBe('D5');
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}'); // C5, then on down to A4
    expect(focused()).toBe('A4');
    await userEvent.keyboard('{End}');
    expect(focused()).toBe('A6');
    await userEvent.keyboard('{Home}');
    expect(focused()).toBe('C4');
    expect(played).toEqual([]);
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{Enter}');
    await userEvent.keyboard('{ArrowUp}[Space]');
    expect(played).toEqual([64, 76]);
    // The key last in focus is the one Tab comes back to.
    expect(
      keysOf(el)
        .filter((k) => k.tabIndex === 0)
        .map((k) => k.getAttribute('aria-label')),
    ).toEqual(['E5']);
  });

  it('move along one row on a laptop, where up and down stay put', async () => {
    const { el } = await inBox('client', 'Row', 1366, 768);
    await until(() => rows(el).length === 1, 'one row');
    keysOf(el)[3]!.focus();
    await userEvent.keyboard('{ArrowUp}');
    expect(el.shadowRoot!.activeElement).toBe(keysOf(el)[3]);
    await userEvent.keyboard('{ArrowRight}');
    expect(el.shadowRoot!.activeElement).toBe(keysOf(el)[4]);
  });
});

describe('a locked scale', () => {
  it('starts on its tonic on every page', async () => {
    const { el: client } = await inBox('client', 'Scale', 1366, 768);
    const { el: therapist } = await inBox('therapist', 'Therapist', 1366, 768);
    const labels = (el: AttuneInstrumentSpaceElement): string[] =>
      keysOf(el).map((k) => k.getAttribute('aria-label')!);
    therapist.music.model!.lockSetup({ scale: 'major', root: 2 });
    await until(() => labels(client)[0] === 'D4', 'D major on D');
    expect(labels(client).slice(0, 8)).toEqual(['D4', 'E4', 'F♯4', 'G4', 'A4', 'B4', 'C♯5', 'D5']);
    therapist.music.model!.lockSetup({ scale: 'minor-pentatonic', root: 9 });
    await until(() => labels(client)[0] === 'A3', 'A minor pentatonic on A');
    expect(labels(client).slice(0, 6)).toEqual(['A3', 'C4', 'D4', 'E4', 'G4', 'A4']);
    expect(client.shadowRoot!.querySelector('[part="status"]')!.textContent).toContain(
      'A minor pentatonic, no wrong notes',
    );
    therapist.music.model!.lockSetup({ scale: null, root: null });
  });
});

describe('reduced motion', () => {
  afterEach(async () => {
    await cdp().send('Emulation.setEmulatedMedia', { features: [] });
  });

  const litStyle = async (el: AttuneInstrumentSpaceElement) => {
    const key = keysOf(el)[1]!;
    key.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => key.part.contains('lit'), 'the key to light');
    const style = getComputedStyle(key);
    return {
      transition: style.transitionDuration,
      animation: style.animationName,
      transform: style.transform,
      shadow: style.boxShadow,
    };
  };

  it('lights a key with motion by default, and with a still highlight when motion is reduced', async () => {
    const { el } = await inBox('client', 'Motion', 1366, 768);
    const moving = await litStyle(el);
    expect(moving.transition.split(',').some((d) => parseFloat(d) > 0)).toBe(true);
    expect(moving.transform).not.toBe('none');

    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-reduced-motion', value: 'reduce' }],
    });
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).toBe(true);
    await until(() => keysOf(el).every((k) => !k.part.contains('lit')), 'the light to go out');
    const still = await litStyle(el);
    expect(still.transition.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
    expect(still.animation).toBe('none');
    expect(still.transform).toBe('none');
    // Still plainly lit: a ring in the player's colour.
    expect(still.shadow).not.toBe('none');
    for (const mark of el.shadowRoot!.querySelectorAll('.turn-mark'))
      expect(getComputedStyle(mark).animationName).toBe('none');
  });
});

describe('the recording mark', () => {
  it('shows everyone while notes are recorded', async () => {
    const { el } = await inBox('client', 'Recorded', 1366, 768);
    const mark = (): Element | null => el.shadowRoot!.querySelector('[part="recording"]');
    expect(mark()).toBeNull();
    const { session: therapist } = await joinSpace(test, 'therapist', 'Therapist', cleanup);
    therapist.docs.control.getMap('consent').set('recordEvents', true);
    await until(() => mark() !== null, 'the recording mark');
    expect(mark()!.getAttribute('aria-label')).toBe('Notes played are being recorded');
    therapist.docs.control.getMap('consent').set('recordEvents', false);
    await until(() => mark() === null, 'the mark to go');
  });
});
