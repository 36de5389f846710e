/** The element's controls' shared pieces: palette, sizes, state and actions, replay and text entry. */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { Check, Pause, Play, X } from 'lucide';
import { icon } from '@attune/session/ui';
import type { Refusal } from '../model/canvas-model.js';
import type { PageInfo, PaperShape, ShapeKind } from '../model/schema.js';
import type { Tool } from './drawing.js';
import type { Replay } from './replay.js';

export const PALETTE = [
  ['Ink', '#1f2933'],
  ['Sky', '#3b7dd8'],
  ['Teal', '#1f8f9f'],
  ['Moss', '#2f9e6e'],
  ['Ochre', '#d9822b'],
  ['Clay', '#c0503a'],
  ['Plum', '#b04fb8'],
  ['Sand', '#c8b68e'],
] as const;

/** Nib sizes in scene units; a sheet is 1600 wide, so "Medium" is still two pixels on a phone. */
export const SIZES = [
  ['Fine', 4],
  ['Medium', 10],
  ['Broad', 20],
  ['Very broad', 40],
] as const;

export interface ControlsState {
  tool: Tool;
  /** The shape the shapes button draws. */
  shape: ShapeKind;
  color: string;
  size: number;
  opacity: number;
  canUndo: boolean;
  canRedo: boolean;
  facilitator: boolean;
  therapist: boolean;
  readonly: boolean;
  locked: boolean;
  leading: boolean;
  selected: string | null;
  selectedProtected: boolean;
  pages: PageInfo[];
  page: string;
  background: string;
  /** The shape of the page's paper; null for a sheet grown from before sheets. */
  paper: PaperShape | null;
  /** Why the page shown may not turn to each shape (facilitators only; null when it may). */
  paperRefusals: Partial<Record<PaperShape, Refusal | null>>;
  people: { id: string; name: string }[];
}

export interface ControlsActions {
  tool(tool: Tool): void;
  color(color: string): void;
  size(size: number): void;
  opacity(opacity: number): void;
  undo(): void;
  redo(): void;
  zoom(factor: number): void;
  resetView(): void;
  page(id: string): void;
  /** A new page: on paper of this shape, or of the page shown. */
  newPage(paper?: PaperShape): void;
  /** Turns the page shown to paper of this shape. */
  paper(shape: PaperShape): void;
  pass(owner: string): void;
  lock(): void;
  protect(): void;
  clear(): void;
  follow(): void;
  forward(): void;
  backward(): void;
  remove(): void;
  background(color: string): void;
  image(file: File): void;
  replay(): void;
}

export const pressed = (on: boolean): 'true' | 'false' => (on ? 'true' : 'false');

export function renderReplay(
  replay: Replay,
  a: { play(): void; pause(): void; seek(i: number): void; close(): void },
): TemplateResult {
  const play = replay.playing
    ? { label: 'Pause', run: a.pause, glyph: Pause }
    : { label: 'Play', run: a.play, glyph: Play };
  return html`
    <div class="toolbar below" part="toolbar replay" role="group" aria-label="Replay">
      <button
        type="button"
        class="tool"
        part="button"
        aria-label=${play.label}
        data-tip=${play.label}
        @click=${play.run}
      >
        ${icon(play.glyph)}
      </button>
      <label class="scrub"
        ><span class="visually-hidden">Position</span>
        <input
          type="range"
          part="scrub"
          min="0"
          max=${replay.total}
          .value=${String(replay.index)}
          @input=${(e: Event) => a.seek(Number((e.target as HTMLInputElement).value))}
      /></label>
      <span class="count">${replay.index} of ${replay.total}</span>
      <button
        type="button"
        class="tool"
        part="button"
        aria-label="Close replay"
        data-tip="Close replay"
        @click=${a.close}
      >
        ${icon(X)}
      </button>
    </div>
  `;
}

export function renderTextEntry(
  entry: { id?: string; text?: string },
  submit: (event: SubmitEvent) => void,
  cancel: () => void,
): TemplateResult {
  const label = entry.id ? 'Change text' : 'Add text';
  return html`<form class="text-entry" part="text-entry" @submit=${submit}>
    <label
      ><span class="visually-hidden">Text</span>
      <input part="text-input" maxlength="2000" required placeholder="Type here" .value=${entry.text ?? ''}
    /></label>
    <button type="submit" class="tool" part="button" aria-label=${label} data-tip=${label}>
      ${icon(Check)}
    </button>
    <button type="button" class="tool" part="button" aria-label="Cancel" data-tip="Cancel" @click=${cancel}>
      ${icon(X)}
    </button>
  </form>`;
}
