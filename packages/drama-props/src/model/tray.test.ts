/**
 * Boards stored before the shared tray. `fixtures/board-v1.bin` is the Yjs
 * update of a board written by the model at commit ac05f20 (before the tray),
 * by `scripts/make-board-fixture.mjs`: the sand tray scene, a prop near each
 * corner and one in the middle (turned and larger), two labels, a prop in
 * someone's hands and a role card.
 *
 * No migration: positions were already fractions (0..1) of the board, and
 * they stay fractions of the tray, and the tray has the board's old shape
 * (16:10), so every stored prop is drawn exactly where it was, relative to the
 * rims and to the other props. The browser test opens the same file in two
 * views of different sizes and shapes (`shared-tray.browser.test.ts`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PropLibrary } from '../library/prop-library.js';
import { describeSpot } from './board-log.js';
import { BoardModel } from './board-model.js';
import { boardToSvg } from './export-svg.js';
import { TRAY, TRAY_ASPECT } from './tray.js';

const fixture = readFileSync(new URL('./fixtures/board-v1.bin', import.meta.url));

function openStored(): BoardModel {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(fixture));
  return new BoardModel(doc);
}

/** What the fixture script wrote, in the numbers it used. */
const WRITTEN = [
  { propId: 'attune/umbrella', x: 0.04, y: 0.05, spot: 'top left', label: 'shelter' },
  { propId: 'attune/sun', x: 0.96, y: 0.05, spot: 'top right', label: '' },
  { propId: 'attune/shell', x: 0.04, y: 0.95, spot: 'bottom left', label: 'home' },
  { propId: 'attune/key', x: 0.96, y: 0.95, spot: 'bottom right', label: '' },
  { propId: 'attune/stone', x: 0.5, y: 0.5, spot: 'centre', label: '' },
];

describe('a board stored before the shared tray', () => {
  it('opens with every prop where it was, as a fraction of the tray, and nothing else lost', () => {
    const board = openStored();
    const items = board.list();
    expect(items).toHaveLength(6);
    for (const written of WRITTEN) {
      const item = items.find((i) => i.propId === written.propId)!;
      expect(item, written.propId).toMatchObject({
        x: written.x,
        y: written.y,
        label: written.label,
        onBoard: true,
      });
      // Its place in words is the same as before: the fractions mean the same spot.
      expect(describeSpot(item.x, item.y)).toBe(written.spot);
    }
    expect(items.find((i) => i.propId === 'attune/stone')).toMatchObject({ rotation: 30, scale: 1.5625 });
    expect(items.find((i) => i.propId === 'attune/feather')).toMatchObject({
      onBoard: false,
      heldBy: { name: 'Sam' },
    });
    expect(board.background).toBe('sand-tray');
    expect(board.cardList()).toMatchObject([{ title: 'The guide', text: 'Knows the way' }]);
    expect(board.entries().map((e) => e.kind)).toEqual([
      'place',
      'place',
      'place',
      'place',
      'place',
      'place',
    ]);
  });

  it('needs no migration: every stored position is inside the tray, and edits go on from there', () => {
    const board = openStored();
    for (const item of board.list()) {
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.x).toBeLessThanOrEqual(1);
      expect(item.y).toBeGreaterThanOrEqual(0);
      expect(item.y).toBeLessThanOrEqual(1);
    }
    const sun = board.list().find((i) => i.propId === 'attune/sun')!;
    board.move(sun.id, sun.x - 0.1, sun.y, { id: 'c', name: 'Sam' });
    expect(board.item(sun.id)).toMatchObject({ x: 0.86, y: 0.05 });
  });

  it('exports in the tray\u2019s shape with every placed prop wholly inside it', () => {
    const board = openStored();
    const library = new PropLibrary();
    const svg = boardToSvg(board.background, board.list(), [], (id) => library.get(id));
    // The shape the stored board was drawn in (16:10), so its picture is the same as before.
    expect(TRAY_ASPECT).toBe(16 / 10);
    const width = TRAY.width * 20;
    const height = TRAY.height * 20;
    expect(width / height).toBe(1.6);
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
    const placed = [
      ...svg.matchAll(/translate\(([\d.]+) ([\d.]+)\)[^<]*<title>([^<]+)<\/title><svg x="(-?[\d.]+)"/g),
    ];
    expect(placed.map((m) => m[3]).sort()).toEqual(['key', 'shell', 'stone', 'sun', 'umbrella']);
    for (const [, cx, cy, , half] of placed) {
      const r = -Number(half);
      expect(Number(cx) - r).toBeGreaterThanOrEqual(0);
      expect(Number(cx) + r).toBeLessThanOrEqual(width);
      expect(Number(cy) - r).toBeGreaterThanOrEqual(0);
      expect(Number(cy) + r).toBeLessThanOrEqual(height);
    }
  });
});
