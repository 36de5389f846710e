import { Point } from 'fabric';
import { afterEach, describe, expect, it } from 'vitest';
import { FabricView } from './fabric-view.js';
import type { StrokeShape } from './stroke-shape.js';
import { DEFAULT_SHEET } from '../model/page-rect.js';
import type { StrokeObject } from '../model/schema.js';

const stroke = (id: string, x: number, z: number): StrokeObject => ({
  id,
  kind: 'stroke',
  page: 'main',
  author: 'p-a',
  created: z,
  z,
  color: '#3b7dd8',
  opacity: 1,
  placement: null,
  size: 8,
  highlighter: false,
  points: Array.from({ length: 30 }, (_v, i) => ({ x: x + i * 4, y: 100 + (i % 5) * 3, p: 0.5 })),
});

let views: FabricView[] = [];
afterEach(async () => {
  await Promise.all(views.map((v) => v.dispose()));
  views = [];
  document.body.replaceChildren();
});

function view(): FabricView {
  const stage = document.createElement('div');
  stage.style.cssText = 'position:relative;width:600px;height:400px';
  document.body.append(stage);
  const made = new FabricView({ stage, loadImage: () => Promise.reject(new Error('none')) });
  views.push(made);
  return made;
}

describe('FabricView', () => {
  it('shows a page of strokes at once, back to front, without waiting for anything', () => {
    const v = view();
    const page = Array.from({ length: 200 }, (_v, i) => stroke(`s${i}`, (i % 20) * 25, i));
    void v.showPage(page, '#ffffff', DEFAULT_SHEET);
    // Strokes need no image: they are on the canvas before the promise settles.
    expect(v.count).toBe(200);
    expect(v.canvas.getObjects().map((o) => v.idOf(o))).toEqual(page.map((o) => o.id));
  });

  it('gives a selected stroke handles that follow it when it moves or the view zooms', async () => {
    const v = view();
    await v.showPage([stroke('a', 50, 0)], '#ffffff', DEFAULT_SHEET);
    const shape = v.object('a') as StrokeShape;
    v.canvas.setActiveObject(shape);
    const corner = shape.oCoords.br!;
    // Handles are on the screen: the scene corner through the view's zoom and offset.
    const onScreen = (x: number) => x * v.viewport[0] + v.viewport[4];
    expect(corner.x).toBeCloseTo(onScreen(shape.aCoords.br.x), 5);
    expect(v.canvas.getActiveObject()?.findControl(new Point(corner.x, corner.y))?.key).toBe('br');
    shape.set({ left: shape.left + 100 });
    shape.setCoords();
    expect(shape.oCoords.br!.x).toBeCloseTo(corner.x + 100 * v.viewport[0], 5);
    const zoom = v.canvas.getZoom();
    v.zoomAt(2, 0, 0);
    expect(v.canvas.getZoom()).toBeCloseTo(zoom * 2);
    shape.setCoords();
    expect(shape.oCoords.br!.x).toBeCloseTo(onScreen(shape.aCoords.br.x), 5);
  });

  it('releases its objects when disposed, even with a render pending', async () => {
    const v = view();
    await v.showPage([stroke('a', 10, 0), stroke('b', 90, 1)], '#ffffff', DEFAULT_SHEET);
    v.canvas.requestRenderAll();
    await v.dispose();
    expect(v.canvas.getObjects()).toHaveLength(0);
  });
});
