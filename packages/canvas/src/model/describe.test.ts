import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CanvasModel } from './canvas-model.js';
import { describePage } from './describe.js';

describe('describePage', () => {
  it('counts what is on the page and names who made the last mark', () => {
    let now = 1000;
    const space = new Y.Doc();
    const sam = new CanvasModel(
      space,
      new Y.Doc(),
      { id: 'p-sam', name: 'Sam', role: 'client' },
      () => now++,
    );
    const points = [{ x: 1, y: 1, p: 0.5 }];
    const model = new CanvasModel(
      space,
      new Y.Doc(),
      { id: 'p-ann', name: 'Ann', role: 'therapist' },
      () => now++,
    );
    expect(describePage(model.objects('main'), (id) => model.nameOf(id))).toBe('Empty page');
    model.addShape({ page: 'main', kind: 'rect', x: 0, y: 0, w: 5, h: 5, color: '#000000', size: 2 });
    for (let i = 0; i < 12; i++) sam.addStroke({ page: 'main', points, color: '#000000', size: 4 });
    model.addShape({ page: 'main', kind: 'arrow', x: 0, y: 0, w: 5, h: 5, color: '#000000', size: 2 });
    model.addText({ page: 'main', x: 0, y: 0, text: 'hi', fontSize: 20, color: '#000000' });
    sam.addStroke({ page: 'main', points, color: '#000000', size: 4 });
    expect(describePage(model.objects('main'), (id) => model.nameOf(id))).toBe(
      '13 strokes, 2 shapes and 1 text; last by Sam',
    );
  });
});
