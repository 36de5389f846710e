/**
 * Placing a chosen prop: a marker starts in the middle of the tray, arrow keys
 * move it (each step says where it is), Enter or a chosen spot puts the prop
 * down, Escape cancels. Positions are fractions of the tray, as stored.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BoardModel } from '../model/board-model.js';
import type { Actor } from '../model/parse.js';
import type { BoardKeyAction } from './board-keys.js';

export interface Placing {
  propId: string;
  /** A prop from someone's hands being put on the board, or null for a new one. */
  itemId: string | null;
  x: number;
  y: number;
}

export interface PlacingDeps {
  board(): BoardModel | null;
  me(): Actor;
  say(text: string): void;
  /** Says why not, when this person cannot change the board now. */
  denied(): boolean;
  nameOf(propId: string): string;
  where(x: number, y: number, except: string): void;
  focusBoard(): void;
  /** The prop is down: select and focus it, tell the page. */
  placed(itemId: string, propId: string): void;
}

const clamp = (v: number): number => Math.min(1, Math.max(0, v));

export class PlacingController implements ReactiveController {
  placing: Placing | null = null;

  private readonly host: ReactiveControllerHost;
  private readonly deps: PlacingDeps;

  constructor(host: ReactiveControllerHost, deps: PlacingDeps) {
    this.host = host;
    this.deps = deps;
    host.addController(this);
  }

  hostConnected(): void {}

  start(propId: string, itemId: string | null): void {
    if (this.deps.denied()) return;
    this.placing = { propId, itemId, x: 0.5, y: 0.5 };
    this.deps.say(
      `Placing the ${this.deps.nameOf(propId)}. Arrow keys move it, Enter puts it down, Escape cancels. Or choose a spot on the board.`,
    );
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.deps.focusBoard());
  }

  commit(x: number, y: number): void {
    const placing = this.placing;
    const board = this.deps.board();
    if (!placing || !board || this.deps.denied()) return;
    this.placing = null;
    this.host.requestUpdate();
    const me = this.deps.me();
    let id = placing.itemId;
    if (id) board.move(id, x, y, me);
    else id = board.place(placing.propId, x, y, me);
    if (id) this.deps.placed(id, placing.propId);
    else this.deps.say('The board is full.');
  }

  /** A key on the board while placing. */
  key(action: BoardKeyAction): void {
    const p = this.placing;
    if (!p) return;
    if (action.kind === 'nudge') {
      this.placing = { ...p, x: clamp(p.x + action.dx), y: clamp(p.y + action.dy) };
      this.host.requestUpdate();
      this.deps.where(this.placing.x, this.placing.y, p.itemId ?? '');
    } else if (action.kind === 'toggle') this.commit(p.x, p.y);
    else if (action.kind === 'cancel') {
      this.placing = null;
      this.host.requestUpdate();
      this.deps.say('Placing cancelled.');
    }
  }
}
