/**
 * One shared page: every view fits the page's sheet to its own stage, so
 * what is drawn anywhere on one screen is on the others, at the same place
 * on the paper.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '@attune/session';
import {
  clientPoint,
  createTestSession,
  draw,
  mount,
  pointer,
  strokesOn,
  unmountAll,
} from '../../../../test/canvas/support.js';
import type { AttuneCanvasElement } from './attune-canvas.element.js';

afterEach(unmountAll);

const WIDE = { width: 1224, height: 600 };
const PHONE = { width: 363, height: 560 };

/** An object's box as drawn, in client pixels. */
function drawnBox(el: AttuneCanvasElement, id: string): DOMRect {
  const box = el.view!.object(id)!.getBoundingRect();
  const a = clientPoint(el, box.left, box.top);
  const b = clientPoint(el, box.left + box.width, box.top + box.height);
  return new DOMRect(a.x, a.y, b.x - a.x, b.y - a.y);
}

const within = (outer: DOMRect, inner: DOMRect, slack = 0.5): boolean =>
  inner.left >= outer.left - slack &&
  inner.top >= outer.top - slack &&
  inner.right <= outer.right + slack &&
  inner.bottom <= outer.bottom + slack;

/** How many dark pixels the page canvas shows in a square around a client point. */
function darkPixels(el: AttuneCanvasElement, x: number, y: number, half = 8): number {
  const canvas = el.view!.canvas;
  canvas.renderAll();
  const element = canvas.lowerCanvasEl;
  const stage = element.getBoundingClientRect();
  const scale = element.width / stage.width;
  const data = element
    .getContext('2d')!
    .getImageData(
      Math.round((x - stage.left - half) * scale),
      Math.round((y - stage.top - half) * scale),
      Math.round(2 * half * scale),
      Math.round(2 * half * scale),
    ).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4)
    if (data[i + 3]! > 128 && data[i]! + data[i + 1]! + data[i + 2]! < 240) dark++;
  return dark;
}

/** Page-relative client offsets a little inside each corner of the paper. */
function corners(el: AttuneCanvasElement, inset = 14): [number, number][] {
  const { width, height } = el.pageRect()!;
  return [
    [inset, inset],
    [width - inset, inset],
    [inset, height - inset],
    [width - inset, height - inset],
  ];
}

/** A short stroke at a page-relative client point (a dot with a tail, a few pixels long). */
function dab(el: AttuneCanvasElement, x: number, y: number): void {
  pointer(el, 'pointerdown', x, y);
  for (let i = 1; i <= 6; i++) pointer(el, 'pointermove', x + (x > 40 ? -i : i), y + (y > 40 ? -i : i) / 2);
  pointer(el, 'pointerup', x, y);
}

describe('<attune-canvas> one shared page', () => {
  it('fills its box and shows the whole page in it, clear of the tool bar', async () => {
    const test = await createTestSession();
    // A wide, short box has the bar down its side; a phone's, across the top.
    for (const [size, place] of [
      [WIDE, 'side'],
      [PHONE, 'top'],
      [{ width: 390, height: 844 }, 'top'],
    ] as const) {
      const el = await mount('client', 'Sam', test, size);
      const host = el.getBoundingClientRect();
      const stage = el.shadowRoot!.querySelector('[part~="stage"]')!.getBoundingClientRect();
      const bar = el.shadowRoot!.querySelector('[part~="toolbar"]')!.getBoundingClientRect();
      const paper = el.pageRect()!;
      expect([stage.width, stage.height]).toEqual([host.width, host.height]);
      expect(within(stage, paper)).toBe(true);
      expect(el.dataset.bar).toBe(place);
      expect(paper.width / paper.height).toBeCloseTo(1.6, 2);
      // One row (or column) of tools at the default size, however narrow; the paper takes the
      // width or the height left beside the bar, less a small margin.
      if (place === 'top') {
        expect(paper.top).toBeGreaterThanOrEqual(bar.bottom);
        expect(bar.height).toBeLessThan(64);
        expect(
          Math.max(paper.width / stage.width, paper.height / (stage.bottom - bar.bottom)),
        ).toBeGreaterThan(0.9);
      } else {
        expect(paper.left).toBeGreaterThanOrEqual(bar.right);
        expect(bar.width).toBeLessThan(64);
        expect(
          Math.max(paper.width / (stage.right - bar.right), paper.height / stage.height),
        ).toBeGreaterThan(0.9);
      }
    }
  });

  it('what is drawn near each corner on a wide screen is near the same corner on a phone, and back', async () => {
    const test = await createTestSession();
    const wide = await mount('therapist', 'Ruth', test, WIDE);
    const phone = await mount('client', 'Sam', test, PHONE);
    for (const [from, to] of [
      [wide, phone],
      [phone, wide],
    ] as const) {
      const before = strokesOn(to).length;
      for (const [x, y] of corners(from)) dab(from, x, y);
      await expect.poll(() => to.view!.count).toBe(before + 4);
      const paper = to.pageRect()!;
      const stage = to.view!.overlay.getBoundingClientRect();
      const drawn = strokesOn(to).slice(before);
      for (const { id } of drawn) {
        expect(within(paper, drawnBox(to, id))).toBe(true);
        expect(within(stage, drawnBox(to, id))).toBe(true);
      }
      // Seen there: dark ink near each corresponding corner of the other paper.
      const scale = paper.width / from.pageRect()!.width;
      for (const [x, y] of corners(from)) {
        expect(darkPixels(to, paper.left + x * scale, paper.top + y * scale)).toBeGreaterThan(2);
      }
    }
  });

  it('a rectangle and words drawn on the right of a wide screen are on the right of the phone', async () => {
    const test = await createTestSession();
    const wide = await mount('client', 'Kim', test, WIDE);
    const phone = await mount('client', 'Sam', test, PHONE);
    const paper = wide.pageRect()!;
    (wide.shadowRoot!.querySelector('[data-tool="rect"]') as HTMLButtonElement).click();
    await wide.updateComplete;
    pointer(wide, 'pointerdown', paper.width - 200, 100);
    pointer(wide, 'pointermove', paper.width - 60, 200);
    pointer(wide, 'pointerup', paper.width - 60, 200);
    (wide.shadowRoot!.querySelector('[data-tool="text"]') as HTMLButtonElement).click();
    await wide.updateComplete;
    pointer(wide, 'pointerdown', paper.width - 220, 260);
    pointer(wide, 'pointerup', paper.width - 220, 260);
    await wide.updateComplete;
    wide.shadowRoot!.querySelector<HTMLInputElement>('[part~="text-input"]')!.value = 'My safe place';
    wide.shadowRoot!.querySelector('form')!.requestSubmit();
    await expect.poll(() => phone.view!.count).toBe(2);
    // Focusing the text field may have scrolled the test page: read both papers now.
    const theirs = phone.pageRect()!;
    const ours = wide.pageRect()!;
    for (const object of strokesOn(phone)) {
      const box = drawnBox(phone, object.id);
      expect(within(theirs, box)).toBe(true);
      // In the right quarter of the phone's paper, as on the wide one.
      const across = (box.left - theirs.left) / theirs.width;
      expect(across).toBeGreaterThan(0.7);
      expect(across).toBeCloseTo((drawnBox(wide, object.id).left - ours.left) / ours.width, 2);
    }
  });

  it('a stroke seen while it is drawn is at the same place on the paper', async () => {
    const test = await createTestSession();
    const wide = await mount('client', 'Kim', test, WIDE);
    const phone = await mount('client', 'Sam', test, PHONE);
    const paper = wide.pageRect()!;
    // Along the right edge of the wide paper, top to bottom, not yet let go.
    const x = paper.width - 30;
    pointer(wide, 'pointerdown', x, 20);
    for (let y = 20; y <= paper.height - 20; y += 10) pointer(wide, 'pointermove', x, y);
    await expect
      .poll(() => [...phone.controller.live.strokes.values()][0]?.points.length ?? 0)
      .toBeGreaterThan(30);
    const live = [...phone.controller.live.strokes.values()][0]!;
    const theirs = phone.pageRect()!;
    for (const p of [live.points[0]!, live.points.at(-1)!]) {
      const at = clientPoint(phone, p.x, p.y);
      expect((at.x - theirs.left) / theirs.width).toBeCloseTo(x / paper.width, 2);
    }
    // And it is painted there on the phone's overlay.
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    const overlay = phone.view!.overlay;
    const stage = overlay.getBoundingClientRect();
    const scale = overlay.width / stage.width;
    const at = clientPoint(phone, live.points[15]!.x, live.points[15]!.y);
    const data = overlay
      .getContext('2d')!
      .getImageData(
        Math.round((at.x - stage.left - 3) * scale),
        Math.round((at.y - stage.top - 3) * scale),
        6,
        6,
      ).data;
    expect(data.some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
    pointer(wide, 'pointerup', x, paper.height - 20);
    await expect.poll(() => phone.view!.count).toBe(1);
  });

  it('leaves a mark only where the pen is over the paper', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test, PHONE);
    const paper = el.pageRect()!;
    // Wholly below the paper: nothing.
    await draw(el, 40, paper.height + 80);
    await el.controller.session!.whenSaved();
    expect(strokesOn(el)).toHaveLength(0);
    // From below the paper up onto it: the stroke starts on the bottom edge.
    pointer(el, 'pointerdown', 60, paper.height + 60);
    for (let i = 1; i <= 12; i++) pointer(el, 'pointermove', 60, paper.height + 60 - i * 10);
    pointer(el, 'pointerup', 60, paper.height - 60);
    await expect.poll(() => strokesOn(el).length).toBe(1);
    const up = strokesOn(el)[0]!;
    expect(up.kind === 'stroke' && Math.max(...up.points.map((p) => p.y))).toBe(1000);
    expect(up.kind === 'stroke' && Math.min(...up.points.map((p) => p.y))).toBeLessThan(1000);
    // Off the right edge and back on: two strokes, each ending on the edge.
    pointer(el, 'pointerdown', paper.width - 40, 40);
    for (let i = 1; i <= 10; i++) pointer(el, 'pointermove', paper.width - 40 + i * 10, 40 + i);
    for (let i = 9; i >= 0; i--) pointer(el, 'pointermove', paper.width - 40 + i * 10, 60 + i);
    pointer(el, 'pointerup', paper.width - 40, 60);
    await expect.poll(() => strokesOn(el).length).toBe(3);
    for (const stroke of strokesOn(el).slice(1)) {
      expect(stroke.kind === 'stroke' && Math.max(...stroke.points.map((p) => p.x))).toBe(1600);
    }
  });

  it('takes a pen’s pressure into the width of its stroke', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test, WIDE);
    const line = (y: number, pressure: number) => {
      const pen = { pointerType: 'pen', pressure };
      pointer(el, 'pointerdown', 100, y, pen);
      for (let i = 1; i <= 20; i++) pointer(el, 'pointermove', 100 + i * 10, y, pen);
      pointer(el, 'pointerup', 300, y, { pointerType: 'pen', pressure: 0 });
    };
    line(100, 0.95);
    line(250, 0.15);
    await expect.poll(() => strokesOn(el).length).toBe(2);
    const [firm, light] = strokesOn(el).sort((a, b) => a.created - b.created);
    expect(firm!.kind === 'stroke' && firm!.points[5]!.p).toBeCloseTo(0.95, 1);
    expect(light!.kind === 'stroke' && light!.points[5]!.p).toBeCloseTo(0.15, 1);
    const height = (id: string) => el.view!.object(id)!.getBoundingRect().height;
    expect(height(firm!.id)).toBeGreaterThan(height(light!.id) * 1.5);
  });

  it('keeps showing the whole page, or the same part of it, when its box is resized', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test, WIDE);
    el.style.width = '500px';
    el.style.height = '700px';
    await expect.poll(() => el.pageRect()!.width).toBeLessThan(500);
    const stage = el.view!.overlay.getBoundingClientRect();
    expect(within(stage, el.pageRect()!)).toBe(true);
    // Zoomed in on the middle, a resize keeps the middle in the middle.
    el.view!.zoomAt(2, stage.width / 2, stage.height / 2);
    const focus = el.view!.focus;
    el.style.width = '900px';
    await expect.poll(() => el.view!.overlay.getBoundingClientRect().width).toBe(900);
    await expect.poll(() => el.view!.focus).toEqual(focus);
    expect(el.view!.showsWholePage).toBe(false);
  });

  it('exports the whole page, one pixel per scene unit', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test, PHONE);
    await draw(el, 30, 30);
    await expect.poll(() => el.view!.count).toBe(1);
    const svg = new DOMParser().parseFromString(el.toSVG(), 'image/svg+xml').documentElement;
    expect(svg.getAttribute('viewBox')).toBe('0 0 1600 1000');
    const png = await createImageBitmap(await el.toPNG());
    expect([png.width, png.height]).toEqual([1600, 1000]);
  });
});

describe('<attune-canvas> pages stored before pages had a size', () => {
  it('opens them with all their content on the paper, in view, at the same place on every screen', async () => {
    // `legacy-pages.bin` was written by the canvas model before pages had a
    // size (see `../model/fixtures/make-legacy-pages.mjs`).
    const update = new Uint8Array(
      await (await fetch(new URL('../model/fixtures/legacy-pages.bin', import.meta.url))).arrayBuffer(),
    );
    const test = await createTestSession();
    const writer = new Session({
      server: test.sync,
      sid: test.sid,
      token: await test.invite('client', 'Old'),
    });
    await writer.whenSynced();
    Y.applyUpdate(writer.docs.space, update);
    await writer.whenSaved();
    writer.destroy();
    const wide = await mount('client', 'Kim', test, WIDE);
    const phone = await mount('client', 'Sam', test, PHONE);
    const pages = wide.controller.model!.pages.list();
    expect(pages).toHaveLength(2);
    for (const { id } of pages) {
      for (const el of [wide, phone]) {
        el.page = id;
        await el.updateComplete;
        await el.ready;
      }
      const objects = strokesOn(wide);
      expect(objects.length).toBeGreaterThan(1);
      await expect.poll(() => phone.view!.count).toBe(objects.length);
      expect(wide.view!.count).toBe(objects.length);
      const place = (el: AttuneCanvasElement, object: string) => {
        const paper = el.pageRect()!;
        const box = drawnBox(el, object);
        return [(box.left - paper.left) / paper.width, (box.top - paper.top) / paper.height];
      };
      for (const el of [wide, phone]) {
        const stage = el.view!.overlay.getBoundingClientRect();
        for (const object of objects) {
          expect(within(el.pageRect()!, drawnBox(el, object.id)), `${object.kind} on ${id}`).toBe(true);
          expect(within(stage, drawnBox(el, object.id))).toBe(true);
        }
      }
      for (const object of objects) {
        const [a, b] = [place(wide, object.id), place(phone, object.id)];
        expect(b[0]).toBeCloseTo(a[0]!, 2);
        expect(b[1]).toBeCloseTo(a[1]!, 2);
      }
    }
  });
});
