/**
 * What can be done to a placed prop, by key or by tool: nudge, pick up and put
 * down (through the carry controller), turn, resize, put away, hand over.
 * Each says what happened and fires the local person's event.
 */
import { fire } from '../events.js';
import type { Participant } from '../controller/props-controller.js';
import type { PropLibrary } from '../library/prop-library.js';
import type { BoardModel } from '../model/board-model.js';
import type { Actor } from '../model/parse.js';
import type { BoardKeyAction } from './board-keys.js';
import { itemName } from './board-parts.js';
import type { CarryController } from './carry-controller.js';

export interface ItemActionDeps {
  host: HTMLElement;
  board(): BoardModel | null;
  me(): Actor;
  library(): PropLibrary;
  participants(): Participant[];
  carry: CarryController;
  say(text: string): void;
  /** Says why not, when this person cannot change the board now. */
  denied(): boolean;
  where(x: number, y: number, except: string): void;
  /** The prop left the board: forget it as selected. */
  gone(id: string): void;
}

export class ItemActions {
  private readonly deps: ItemActionDeps;

  constructor(deps: ItemActionDeps) {
    this.deps = deps;
  }

  act(id: string, action: BoardKeyAction): void {
    const { board: boardOf, carry, me, say } = this.deps;
    const board = boardOf();
    const item = board?.item(id);
    if (!board || !item || this.deps.denied()) return;
    const name = itemName(item, this.deps.library());
    switch (action.kind) {
      case 'nudge': {
        carry.nudge(id, action.dx, action.dy);
        const moved = board.item(id);
        return moved ? this.deps.where(moved.x, moved.y, id) : undefined;
      }
      case 'toggle':
        return carry.toggle(id, name);
      case 'cancel':
        return carry.cancel(id, name);
      case 'rotate':
        board.rotate(id, action.degrees, me());
        return say(`Turned the ${name}.`);
      case 'resize':
        board.resize(id, action.factor, me());
        return say(action.factor > 1 ? `The ${name} is larger.` : `The ${name} is smaller.`);
      case 'away':
        return this.putAway(id);
    }
  }

  putAway(id: string): void {
    const board = this.deps.board();
    const item = board?.item(id);
    if (!board || !item || this.deps.denied()) return;
    board.putAway(id, this.deps.me());
    this.deps.carry.forget(id);
    this.deps.gone(id);
    fire(this.deps.host, 'attune-prop-away', { itemId: id, propId: item.propId });
  }

  hand(id: string, to: string): void {
    const board = this.deps.board();
    const item = board?.item(id);
    const person = this.deps.participants().find((p) => p.id === to);
    if (!board || !item || !person || this.deps.denied()) return;
    board.hand(id, { id: person.id, name: person.name }, this.deps.me());
    fire(this.deps.host, 'attune-prop-hand', { itemId: id, propId: item.propId, to: person.id });
  }
}
