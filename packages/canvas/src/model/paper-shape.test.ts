import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '@attune/session';
import { CanvasModel, REFUSAL } from './canvas-model.js';
import type { CanvasChange } from './canvas-model.js';
import { objectBounds } from './page-rect.js';
import { DEFAULT_PAGE, PAPER_SHAPES } from './schema.js';
import { TestNetwork } from '../../../../test/canvas/test-network.js';

const LEGACY = readFileSync(new URL('./fixtures/legacy-pages.bin', import.meta.url));

let models: CanvasModel[] = [];
afterEach(() => {
  models.forEach((m) => m.destroy());
  models = [];
});

/** One model per role, each on its own pair of documents, wired in memory. */
function room(...roles: Role[]) {
  const space = new TestNetwork(roles.length);
  const control = new TestNetwork(roles.length);
  models = roles.map(
    (role, i) =>
      new CanvasModel(space.docs[i]!, control.docs[i]!, { id: `p-${role}-${i}`, name: role, role }),
  );
  return { space, control, models };
}

const line = (m: CanvasModel, page: string, from: [number, number], to: [number, number], size = 10) =>
  m.addStroke({
    page,
    points: [
      { x: from[0], y: from[1], p: 0.5 },
      { x: to[0], y: to[1], p: 0.5 },
    ],
    color: '#1f2933',
    size,
  });

describe('paper shape', () => {
  it('a facilitator makes a new page on landscape, portrait or square paper; a client on any shape too', () => {
    const {
      models: [therapist, client],
    } = room('therapist', 'client');
    for (const shape of ['landscape', 'portrait', 'square'] as const) {
      const page = therapist!.pages.create('Shared page', undefined, shape)!;
      expect(client!.pageRect(page)).toEqual({ x: 0, y: 0, ...PAPER_SHAPES[shape] });
      expect(client!.pages.paperShape(page)).toBe(shape);
    }
    const own = client!.pages.create('Sam page', undefined, 'portrait')!;
    expect(therapist!.pages.paperShape(own)).toBe('portrait');
    expect(therapist!.pages.owner(own)).toBe('p-client-1');
    // Landscape unless asked; anything else is refused.
    expect(client!.pages.paperShape(therapist!.pages.create('p')!)).toBe('landscape');
    expect(therapist!.pages.create('p', null, 'round' as never)).toBeNull();
  });

  it('a shape change on one document reads the same on the other, which is told to refit', () => {
    const {
      models: [therapist, client],
    } = room('therapist', 'client');
    const changes: CanvasChange[] = [];
    client!.on('change', (change) => changes.push(change));
    // The first page, still unwritten: empty, so any shape fits.
    expect(client!.pages.paperShape(DEFAULT_PAGE)).toBe('landscape');
    expect(therapist!.pages.paperShapeRefusal(DEFAULT_PAGE, 'portrait')).toBeNull();
    expect(therapist!.pages.setPaperShape(DEFAULT_PAGE, 'portrait')).toBe(true);
    expect(client!.pageRect(DEFAULT_PAGE)).toEqual({ x: 0, y: 0, width: 1000, height: 1600 });
    expect(client!.pages.paperShape(DEFAULT_PAGE)).toBe('portrait');
    expect(changes.some((c) => c.pages && !c.local)).toBe(true);
    // A client's strokes now land on the portrait paper, and the page stays portrait.
    expect(line(client!, DEFAULT_PAGE, [100, 1200], [900, 1500])).not.toBeNull();
    expect(therapist!.pages.paperShape(DEFAULT_PAGE)).toBe('portrait');
    // Not undone by undo: the therapist chooses the old shape again instead.
    expect(therapist!.canUndo).toBe(false);
    expect(therapist!.pages.paperShapeRefusal(DEFAULT_PAGE, 'square')).toBe(REFUSAL.offPaper);
    // Choosing the shape it has writes nothing.
    const before = changes.length;
    expect(therapist!.pages.setPaperShape(DEFAULT_PAGE, 'portrait')).toBe(true);
    expect(changes).toHaveLength(before);
  });

  it('refuses a shape that would leave some of the drawing off the paper, and writes nothing', () => {
    const {
      models: [therapist, assistant, client, observer],
    } = room('therapist', 'assistant', 'client', 'observer');
    const page = therapist!.pages.create('Shared page')!;
    // Across the landscape sheet, to x = 1400: off a portrait (1000 wide) or square (1300) sheet.
    line(client!, page, [200, 300], [1400, 600]);
    for (const facilitator of [therapist!, assistant!]) {
      expect(facilitator.pages.paperShapeRefusal(page, 'portrait')).toBe(REFUSAL.offPaper);
      expect(facilitator.pages.setPaperShape(page, 'portrait')).toBe(false);
      expect(facilitator.pages.setPaperShape(page, 'square')).toBe(false);
    }
    expect(client!.pageRect(page)).toEqual({ x: 0, y: 0, ...PAPER_SHAPES.landscape });
    // Once it is erased, the same change is allowed.
    therapist!.remove(therapist!.objects(page).map((o) => o.id));
    expect(assistant!.pages.setPaperShape(page, 'square')).toBe(true);
    expect(client!.pages.paperShape(page)).toBe('square');
    // Clients and observers never change the paper.
    expect(client!.pages.paperShapeRefusal(page, 'portrait')).toBe(REFUSAL.forbidden);
    expect(client!.pages.setPaperShape(page, 'portrait')).toBe(false);
    expect(observer!.pages.paperShapeRefusal(page, 'portrait')).toBe(REFUSAL.readOnly);
    expect(therapist!.pages.paperShapeRefusal('no such/page', 'portrait')).toBe(REFUSAL.invalid);
    expect(therapist!.pages.paperShapeRefusal(page, 'round' as never)).toBe(REFUSAL.invalid);
  });

  it('allows a shape that all the content fits on, a stroke right on the old edge included', () => {
    const {
      models: [therapist, client],
    } = room('therapist', 'client');
    const page = therapist!.pages.create('Shared page')!;
    // Along the left edge (as the pen leaves it, half the nib over it) and in the top left.
    line(client!, page, [0, 100], [0, 900], 20);
    line(client!, page, [300, 300], [900, 950]);
    expect(therapist!.pages.paperShapeRefusal(page, 'square')).toBeNull();
    expect(therapist!.pages.paperShapeRefusal(page, 'portrait')).toBeNull();
    expect(therapist!.pages.setPaperShape(page, 'portrait')).toBe(true);
    const sheet = client!.pageRect(page);
    expect(sheet).toEqual({ x: 0, y: 0, width: 1000, height: 1600 });
    for (const o of client!.objects(page))
      expect(objectBounds(o).x + objectBounds(o).width).toBeLessThan(1000);
  });

  it('reshapes a page from before sheets from its top left corner, when its content fits', () => {
    const space = new Y.Doc();
    Y.applyUpdate(space, LEGACY);
    const therapist = new CanvasModel(space, new Y.Doc(), { id: 'p-t', name: 'Ruth', role: 'therapist' });
    models.push(therapist);
    // The first page grew past the default sheet: its content does not fit a portrait sheet.
    expect(therapist.pages.paperShape(DEFAULT_PAGE)).toBeNull();
    expect(therapist.pages.paperShapeRefusal(DEFAULT_PAGE, 'portrait')).toBe(REFUSAL.offPaper);
    // The second page's content lies within 1600 × 1000, not within 1000 × 1600.
    const second = therapist.pages.list()[1]!.id;
    expect(therapist.pages.paperShape(second)).toBe('landscape');
    expect(therapist.pages.paperShapeRefusal(second, 'portrait')).toBe(REFUSAL.offPaper);
  });

  it('two facilitators choosing at once end on the same shape everywhere', () => {
    const {
      space,
      control,
      models: [therapist, assistant, client],
    } = room('therapist', 'assistant', 'client');
    const page = therapist!.pages.create('Shared page')!;
    space.disconnect(1);
    control.disconnect(1);
    therapist!.pages.setPaperShape(page, 'portrait');
    assistant!.pages.setPaperShape(page, 'square');
    space.connectAll();
    control.connectAll();
    const shapes = [therapist!, assistant!, client!].map((m) => m.pages.paperShape(page));
    expect(['portrait', 'square']).toContain(shapes[0]);
    expect(new Set(shapes).size).toBe(1);
  });
});
