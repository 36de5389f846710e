/**
 * The replay player's state: the page's objects in the order they were
 * made, and how many of them are shown.
 */
import type { CanvasObject } from '../model/schema.js';

export const REPLAY_STEP_MS = 250;

export class Replay {
  readonly order: string[];
  index = 0;
  playing = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    objects: readonly CanvasObject[],
    private readonly changed: () => void,
  ) {
    this.order = [...objects]
      .sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((o) => o.id);
  }

  get total(): number {
    return this.order.length;
  }

  visible(): Set<string> {
    return new Set(this.order.slice(0, this.index));
  }

  play(): void {
    if (this.playing) return;
    if (this.index >= this.total) this.index = 0;
    this.playing = true;
    this.timer = setInterval(() => {
      this.index = Math.min(this.total, this.index + 1);
      if (this.index >= this.total) this.pause();
      this.changed();
    }, REPLAY_STEP_MS);
    this.changed();
  }

  pause(): void {
    this.playing = false;
    clearInterval(this.timer);
    this.changed();
  }

  seek(index: number): void {
    this.index = Math.max(0, Math.min(this.total, Math.round(index)));
    this.changed();
  }

  stop(): void {
    this.playing = false;
    clearInterval(this.timer);
  }
}
