/**
 * Carrying a prop without dragging: Enter picks it up, arrow keys move it,
 * Enter puts it down (one log entry, one announcement), Escape puts it back.
 * Nudges without picking up are logged when focus leaves the prop.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fire } from '../events.js';
import type { BoardModel } from '../model/board-model.js';
import type { Actor } from '../model/parse.js';

export interface CarryDeps {
  board(): BoardModel | null;
  me(): Actor;
  say(text: string): void;
}

export class CarryController implements ReactiveController {
  carried: { id: string; x: number; y: number } | null = null;

  private pendingMove: string | null = null;
  private dragged = false;
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly deps: CarryDeps;

  constructor(host: ReactiveControllerHost & HTMLElement, deps: CarryDeps) {
    this.host = host;
    this.deps = deps;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.commitPending();
  }

  nudge(id: string, dx: number, dy: number): void {
    const board = this.deps.board();
    const item = board?.item(id);
    if (!board || !item) return;
    board.move(id, item.x + dx, item.y + dy, this.deps.me(), { log: false });
    if (!this.carried) this.pendingMove = id;
  }

  toggle(id: string, name: string): void {
    if (this.carried?.id === id) return this.putDown(id);
    const item = this.deps.board()?.item(id);
    if (!item) return;
    this.commitPending();
    this.carried = { id, x: item.x, y: item.y };
    this.deps.say(`Picked up the ${name}. Arrow keys move it, Enter puts it down, Escape puts it back.`);
    this.host.requestUpdate();
  }

  cancel(id: string, name: string): void {
    const board = this.deps.board();
    if (!board || this.carried?.id !== id) return;
    board.move(id, this.carried.x, this.carried.y, this.deps.me(), { log: false });
    this.carried = null;
    this.deps.say(`Put the ${name} back where it was.`);
    this.host.requestUpdate();
  }

  /** Puts a carried prop down at a chosen spot. */
  dropAt(x: number, y: number): void {
    const board = this.deps.board();
    const id = this.carried?.id;
    if (!board || !id) return;
    board.move(id, x, y, this.deps.me(), { log: false });
    this.putDown(id);
  }

  putDown(id: string): void {
    const board = this.deps.board();
    const item = board?.item(id);
    this.carried = null;
    this.pendingMove = null;
    this.host.requestUpdate();
    if (!board || !item) return;
    board.putDown(id, this.deps.me());
    fire(this.host, 'attune-prop-move', { itemId: id, propId: item.propId });
  }

  commitPending(): void {
    if (this.pendingMove && this.carried?.id !== this.pendingMove) this.putDown(this.pendingMove);
  }

  /**
   * Dragging, for those who can: a pointer that moves a prop more than a few
   * pixels carries it until released (a plain click still selects it).
   */
  pointerDown(event: PointerEvent, id: string, target: HTMLElement, area: HTMLElement): void {
    if (event.button !== 0 || !event.isPrimary) return;
    const startX = event.clientX;
    const startY = event.clientY;
    let dragging = false;
    try {
      target.setPointerCapture(event.pointerId);
    } catch {
      // A pointer that is no longer active cannot be captured; moves still reach the prop.
    }
    const move = (e: PointerEvent): void => {
      if (!dragging && Math.hypot(e.clientX - startX, e.clientY - startY) < 5) return;
      dragging = true;
      const rect = area.getBoundingClientRect();
      const x = Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width));
      const y = Math.min(1, Math.max(0, (e.clientY - rect.top) / rect.height));
      this.deps.board()?.move(id, x, y, this.deps.me(), { log: false });
    };
    const up = (): void => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
      if (dragging) {
        this.dragged = true;
        this.putDown(id);
      }
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  }

  /** True once for the click that ends a drag. */
  takeDragged(): boolean {
    const dragged = this.dragged;
    this.dragged = false;
    return dragged;
  }

  /** The prop left the board: nothing to put down any more. */
  forget(id: string): void {
    if (this.carried?.id === id) this.carried = null;
    if (this.pendingMove === id) this.pendingMove = null;
  }
}
