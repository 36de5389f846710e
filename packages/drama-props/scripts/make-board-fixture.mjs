/**
 * Writes `src/model/fixtures/board-v1.bin`: a board made by the board model as
 * it was before the shared tray (commit ac05f20), kept so that later versions
 * prove they still open it. Run once from the package folder after a build of
 * that commit: `node scripts/make-board-fixture.mjs`. Do not re-run it with a
 * newer model: the point of the file is that it was written by the old one.
 *
 * The board holds a prop near each corner and one in the middle (one turned
 * and larger, one labelled), a prop still in someone's hands, a role card and
 * the sand tray scene.
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { BoardModel } from '../dist/model/board-model.js';

const doc = new Y.Doc();
doc.clientID = 1;
const board = new BoardModel(doc, { board: 'main', now: () => Date.UTC(2025, 0, 6, 10) });
const jo = { id: 'therapist-1', name: 'Jo' };
const sam = { id: 'client-1', name: 'Sam' };

board.setBackground('sand-tray');
const topLeft = board.place('attune/umbrella', 0.04, 0.05, sam);
board.place('attune/sun', 0.96, 0.05, jo);
const bottomLeft = board.place('attune/shell', 0.04, 0.95, sam);
board.place('attune/key', 0.96, 0.95, sam);
const middle = board.place('attune/stone', 0.5, 0.5, jo);
board.rotate(middle, 30, jo);
board.resize(middle, 1.5625, jo);
board.setLabel(topLeft, 'shelter', sam);
board.setLabel(bottomLeft, 'home', sam);
board.place('attune/feather', 0.5, 0.5, jo, { heldBy: sam, onBoard: false });
board.addCard('The guide', 'Knows the way', 0.5, 0.15, jo);

const url = new URL('../src/model/fixtures/board-v1.bin', import.meta.url);
writeFileSync(url, Y.encodeStateAsUpdate(doc));
console.log(`wrote ${url.pathname}: ${board.list().length} items`);
