/**
 * The words of a polite live region: what happened on the board ("Sam placed
 * the sunglasses near the umbrella") and where things are as keys move them.
 */
import { html } from 'lit';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { PropLibrary } from '../library/prop-library.js';
import { describeEntry, describeSpot } from '../model/board-log.js';
import type { LogEntry } from '../model/board-log.js';
import type { BoardModel } from '../model/board-model.js';

export class Announcer implements ReactiveController {
  text = '';

  private readonly host: ReactiveControllerHost;
  private readonly library: () => PropLibrary;
  private readonly selfId: () => string;

  constructor(host: ReactiveControllerHost, library: () => PropLibrary, selfId: () => string) {
    this.host = host;
    this.library = library;
    this.selfId = selfId;
    host.addController(this);
  }

  hostConnected(): void {}

  nameOf(propId: string): string {
    return this.library().get(propId)?.name ?? 'prop';
  }

  say(text: string): void {
    // A changed string is announced again even when the words repeat.
    this.text = this.text === text ? `${text}\u00a0` : text;
    this.host.requestUpdate();
  }

  /** The last few of a batch: a burst after reconnecting is not read out in full. */
  entries(entries: readonly LogEntry[]): void {
    const nameOf = (id: string): string => this.nameOf(id);
    this.say(
      entries
        .slice(-3)
        .map((e) => describeEntry(e, { nameOf, selfId: this.selfId() }))
        .join('. '),
    );
  }

  /** "Top left, near the umbrella". */
  where(board: BoardModel | null, x: number, y: number, except: string): void {
    const near = board?.nearest(x, y, except);
    const spot = describeSpot(x, y);
    const where = `${spot[0]!.toUpperCase()}${spot.slice(1)}`;
    this.say(near ? `${where}, near the ${this.nameOf(near.propId)}` : where);
  }

  render(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.text}</div>`;
  }
}
