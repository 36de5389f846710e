import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PropLibrary } from '../library/prop-library.js';
import { sanitizeSvg } from '../svg/sanitize-svg.js';
import { BACKGROUND_IDS } from './backgrounds.js';
import { BoardModel } from './board-model.js';
import { boardToSvg } from './export-svg.js';
import { FrameModel } from './frame-model.js';

const library = new PropLibrary();
const sam = { id: 'p-sam', name: 'Sam' };

describe('boardToSvg', () => {
  it('draws every background and prop as one well-formed, safe SVG', () => {
    const board = new BoardModel(new Y.Doc());
    const id = board.place('attune/sunglasses', 0.25, 0.5, sam)!;
    board.setLabel(id, 'Me & <the sun>', sam);
    board.rotate(id, 45, sam);
    board.place('attune/missing', 0.75, 0.5, sam);
    board.addCard('Hero', 'Finds the key', 0.5, 0.2, sam);
    for (const background of BACKGROUND_IDS) {
      const svg = boardToSvg(background, board.list(), board.cardList(), (p) => library.get(p), {
        width: 800,
        height: 500,
      });
      const checked = sanitizeSvg(svg, { maxLength: 1_000_000 });
      expect(checked, background).toMatchObject({ ok: true, removed: [] });
      expect(svg).toContain('width="800"');
      expect(svg).toContain('<title>sunglasses</title>');
      expect(svg).toContain('Me &amp; &lt;the sun&gt;');
      expect(svg).toContain('rotate(45)');
      expect(svg).toContain('<title>unknown prop</title>');
      expect(svg).toContain('Role free');
    }
  });

  it('leaves out props still in someone\u2019s hands', () => {
    const svg = boardToSvg('blank', [{ propId: 'attune/key', x: 0.5, y: 0.5, onBoard: false }], [], (p) =>
      library.get(p),
    );
    expect(svg).not.toContain('<title>key</title>');
  });
});

describe('FrameModel', () => {
  it('reads hold from the shared frame and lock and hide from its own map', () => {
    const frame = new FrameModel(new Y.Doc());
    const seen: boolean[] = [];
    const stop = frame.observe(() => seen.push(frame.frozen));
    expect(frame.state).toEqual({ hold: false, locked: false, hidden: false });
    frame.setHold(true);
    frame.setHold(false);
    frame.set('locked', true);
    frame.set('hidden', true);
    stop();
    frame.set('locked', false);
    expect(seen).toEqual([true, false, true, true]);
    expect(frame.state).toEqual({ hold: false, locked: false, hidden: true });
    expect(frame.frame.toJSON()).toEqual({ hold: false });
  });
});
