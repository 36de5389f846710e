import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '@attune/session';
import { CanvasModel } from './canvas-model.js';
import { DEFAULT_SHEET, deriveSheet, objectBounds } from './page-rect.js';
import { DEFAULT_PAGE, DOC_NAMES, PAGE_SIZE } from './schema.js';
import type { SceneRect } from './schema.js';
import { TestNetwork } from '../../../../test/canvas/test-network.js';

/**
 * `fixtures/legacy-pages.bin` is a `space` document written by the canvas
 * model before pages had a size (commit ac05f20), by
 * `fixtures/make-legacy-pages.mjs`: content near (0, 0), at x ≈ 1200, near
 * y ≈ 580, one stroke below a 1600 × 1000 sheet and one left of x = 0.
 */
const LEGACY = readFileSync(new URL('./fixtures/legacy-pages.bin', import.meta.url));

let models: CanvasModel[] = [];
afterEach(() => {
  models.forEach((m) => m.destroy());
  models = [];
});

function open(role: Role, update?: Uint8Array, space = new Y.Doc(), control = new Y.Doc()): CanvasModel {
  if (update) Y.applyUpdate(space, update);
  const model = new CanvasModel(space, control, { id: `p-${role}`, name: role, role });
  models.push(model);
  return model;
}

const contains = (outer: SceneRect, inner: SceneRect): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

describe('page sheets', () => {
  it('a new page is a 16:10 sheet of 1600 × 1000, the same for everyone', () => {
    const space = new TestNetwork(2);
    const control = new TestNetwork(2);
    const [a, b] = space.docs.map((doc, i) =>
      open(i ? 'client' : 'therapist', undefined, doc, control.docs[i]!),
    );
    const page = a!.pages.create('Shared page')!;
    expect(b!.pageRect(page)).toEqual({ x: 0, y: 0, ...PAGE_SIZE });
    expect(b!.pages.get(page)!.sheet).toEqual({ x: 0, y: 0, width: 1600, height: 1000 });
    // The first page exists unwritten, with the same sheet.
    expect(a!.pageRect(DEFAULT_PAGE)).toEqual(DEFAULT_SHEET);
    a!.addStroke({
      page: DEFAULT_PAGE,
      points: [
        { x: 1500, y: 900, p: 0.5 },
        { x: 1590, y: 990, p: 0.5 },
      ],
      color: '#1f2933',
      size: 8,
    });
    expect(b!.pageRect(DEFAULT_PAGE)).toEqual(DEFAULT_SHEET);
    // That first mark kept the sheet: marks at the edge, words running off it, never grow it.
    expect(b!.pages.get(DEFAULT_PAGE)!.sheet).toEqual(DEFAULT_SHEET);
    a!.addText({
      page: DEFAULT_PAGE,
      x: 1500,
      y: 980,
      text: 'a long line of words',
      fontSize: 40,
      color: '#1f2933',
    });
    expect(b!.pageRect(DEFAULT_PAGE)).toEqual(DEFAULT_SHEET);
    expect(a!.canUndo).toBe(true);
    a!.undo();
    a!.undo();
    expect(b!.objects(DEFAULT_PAGE)).toHaveLength(0);
  });

  it('a stored sheet out of bounds is ignored, and worked out again', () => {
    const model = open('therapist');
    const page = model.pages.create('p')!;
    model.pagesMap.get(page)!.set('width', 1e9);
    expect(model.pages.get(page)!.sheet).toBeNull();
    expect(model.pageRect(page)).toEqual(DEFAULT_SHEET);
    expect(model.pages.recordSheet(page, { x: 0, y: 0, width: 50, height: 800 })).toBe(false);
  });

  it('opens pages stored before sheets with everything on them on the sheet, the same on every peer', () => {
    const therapist = open('client', LEGACY);
    const other = open('observer', LEGACY);
    const pages = therapist.pages.list();
    expect(pages.map((p) => p.sheet)).toEqual([null, null]);
    for (const { id } of pages) {
      const sheet = therapist.pageRect(id);
      const objects = therapist.objects(id);
      expect(objects.length).toBeGreaterThan(1);
      for (const object of objects) expect(contains(sheet, objectBounds(object))).toBe(true);
      expect(contains(sheet, DEFAULT_SHEET)).toBe(true);
      expect(other.pageRect(id)).toEqual(sheet);
    }
    // The first page grew to take in the stroke below y = 1000 and the one left of 0.
    const main = therapist.pageRect(DEFAULT_PAGE);
    expect(main.x).toBeLessThan(-60);
    expect(main.y + main.height).toBeGreaterThan(1150);
    expect(main.width).toBeLessThan(1800);
    // The second page's content all lies within the default sheet.
    expect(therapist.pageRect(pages[1]!.id)).toEqual(DEFAULT_SHEET);
  });

  it('the first new mark on a page from before keeps the sheet worked out from what was there', () => {
    const client = open('client', LEGACY);
    const before = client.pageRect(DEFAULT_PAGE);
    expect(
      client.addStroke({ page: DEFAULT_PAGE, points: [{ x: 10, y: 10, p: 0.5 }], color: '#1f2933', size: 8 }),
    ).not.toBeNull();
    expect(client.pages.get(DEFAULT_PAGE)!.sheet).toEqual(before);
  });

  it('works the sheet out the same whatever order the objects come in', () => {
    const model = open('client', LEGACY);
    const objects = model.objects(DEFAULT_PAGE);
    expect(deriveSheet([...objects].reverse())).toEqual(deriveSheet(objects));
  });

  it('a facilitator keeps a worked-out sheet, so erasing does not shrink the page', () => {
    const space = new TestNetwork(2);
    const control = new TestNetwork(2);
    Y.applyUpdate(space.docs[0]!, LEGACY);
    const therapist = open('therapist', undefined, space.docs[0]!, control.docs[0]!);
    const client = open('client', undefined, space.docs[1]!, control.docs[1]!);
    const before = client.pageRect(DEFAULT_PAGE);
    expect(client.keepPageRect(DEFAULT_PAGE)).toBe(false);
    expect(therapist.keepPageRect(DEFAULT_PAGE)).toBe(true);
    expect(therapist.keepPageRect(DEFAULT_PAGE)).toBe(false);
    expect(client.pages.get(DEFAULT_PAGE)!.sheet).toEqual(before);
    // Keeping it is nothing anyone would undo.
    expect(therapist.canUndo).toBe(false);
    const low = therapist.objects(DEFAULT_PAGE).filter((o) => objectBounds(o).y > 1000);
    expect(therapist.remove(low.map((o) => o.id))).toHaveLength(1);
    expect(client.pageRect(DEFAULT_PAGE)).toEqual(before);
    // A page whose content is all on the default sheet is left unwritten.
    const second = therapist.pages.list()[1]!.id;
    expect(therapist.keepPageRect(second)).toBe(false);
    expect(space.docs[1]!.getMap(DOC_NAMES.pages).get(second)).toBeDefined();
    expect(client.pages.get(second)!.sheet).toBeNull();
  });

  it('bounds of moved, scaled and turned objects take in their corners', () => {
    const rect = {
      id: 'r',
      kind: 'rect' as const,
      page: 'main',
      author: 'p',
      created: 0,
      z: 0,
      color: '#000000',
      opacity: 1,
      x: 0,
      y: 0,
      w: 100,
      h: 50,
      size: 0,
      fill: null,
    };
    expect(objectBounds({ ...rect, placement: null })).toEqual({ x: 0, y: 0, width: 100, height: 50 });
    const turned = objectBounds({
      ...rect,
      placement: { left: 500, top: 500, scaleX: 2, scaleY: 1, angle: 90 },
    });
    expect(turned.x).toBeCloseTo(450);
    expect(turned.y).toBeCloseTo(500);
    expect(turned.width).toBeCloseTo(50);
    expect(turned.height).toBeCloseTo(200);
  });
});

describe('follow me', () => {
  it('shares the part of the page the leader sees, and reads an old raw viewport as the whole page', () => {
    const control = new Y.Doc();
    const therapist = open('therapist', undefined, new Y.Doc(), control);
    const view = { x: 100, y: 50, width: 800, height: 500 };
    therapist.frame.setFollow({ by: 'p-therapist', page: 'main', view });
    expect(therapist.frame.follow).toEqual({ by: 'p-therapist', page: 'main', view });
    therapist.frame.map.set('follow', { by: 'p-therapist', page: 'main', viewport: [2, 0, 0, 2, 10, 10] });
    expect(therapist.frame.follow).toEqual({ by: 'p-therapist', page: 'main', view: null });
    therapist.frame.map.set('follow', { by: 'p-therapist', page: 'main', view: { x: 0, y: 0, width: -5 } });
    expect(therapist.frame.follow?.view).toBeNull();
  });
});
