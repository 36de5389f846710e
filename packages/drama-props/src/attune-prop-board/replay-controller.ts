/** Steps through a board's placements in order, for watching a session's work again. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LogEntry } from '../model/board-log.js';
import type { BoardItem } from '../model/board-model.js';
import { replayFrames } from '../model/replay.js';
import type { ReplayFrame } from '../model/replay.js';

/** Time between steps while playing, ms. */
const STEP_MS = 900;

export class ReplayController implements ReactiveController {
  frames: ReplayFrame[] = [];
  index = 0;
  playing = false;

  private readonly host: ReactiveControllerHost;
  private readonly onStep: (entry: LogEntry) => void;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(host: ReactiveControllerHost, onStep: (entry: LogEntry) => void) {
    this.host = host;
    this.onStep = onStep;
    host.addController(this);
  }

  get active(): boolean {
    return this.frames.length > 0;
  }

  hostDisconnected(): void {
    this.stopTimer();
    this.playing = false;
  }

  /** Starts at the first placement; false when nothing was placed yet. */
  start(entries: readonly LogEntry[]): boolean {
    this.frames = replayFrames(entries);
    this.index = 0;
    this.playing = false;
    this.changed();
    return this.active;
  }

  step(delta: number): void {
    if (!this.active) return;
    this.index = Math.min(this.frames.length - 1, Math.max(0, this.index + delta));
    if (this.index >= this.frames.length - 1) this.pause();
    this.changed();
  }

  toggle(): void {
    if (this.playing) return this.pause();
    if (this.index >= this.frames.length - 1) this.index = 0;
    this.playing = true;
    this.timer = setInterval(() => this.step(1), STEP_MS);
    this.changed();
  }

  exit(): void {
    this.pause();
    this.frames = [];
    this.host.requestUpdate();
  }

  /** The board as it was after the current step. */
  items(): BoardItem[] {
    return (this.frames[this.index]?.items ?? []).map((item, z) => ({
      ...item,
      rotation: 0,
      scale: 1,
      z,
      label: '',
      group: '',
      placedBy: null,
      movedBy: null,
      fromBag: false,
    }));
  }

  private pause(): void {
    this.stopTimer();
    this.playing = false;
    this.host.requestUpdate();
  }

  private changed(): void {
    const frame = this.frames[this.index];
    if (frame) this.onStep(frame.entry);
    this.host.requestUpdate();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
