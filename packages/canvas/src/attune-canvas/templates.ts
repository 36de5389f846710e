/** The element's controls, as plain templates over its state and actions. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { PageInfo } from '../model/schema.js';
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
const TOOL_LABELS: Record<Tool, string> = {
  pen: 'Pen',
  highlighter: 'Highlighter',
  eraser: 'Eraser',
  rect: 'Rectangle',
  ellipse: 'Ellipse',
  line: 'Line',
  arrow: 'Arrow',
  text: 'Text',
  select: 'Select',
  pan: 'Pan',
  laser: 'Laser',
};
const SIZES = [
  ['Fine', 3],
  ['Medium', 8],
  ['Broad', 16],
  ['Very broad', 32],
] as const;

export interface ControlsState {
  tool: Tool;
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
  newPage(): void;
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

const pressed = (on: boolean): 'true' | 'false' => (on ? 'true' : 'false');

export function renderTools(s: ControlsState, a: ControlsActions): TemplateResult {
  const tools = (s.readonly ? ['select', 'pan'] : Object.keys(TOOL_LABELS)) as Tool[];
  return html`
    <div part="toolbar" role="group" aria-label="Drawing tools">
      <div part="group tools" role="group" aria-label="Tool">
        ${tools.map(
          (t) =>
            html`<button
              type="button"
              part="button tool"
              data-tool=${t}
              aria-pressed=${pressed(s.tool === t)}
              @click=${() => a.tool(t)}
            >
              ${TOOL_LABELS[t]}
            </button>`,
        )}
      </div>
      ${
        s.readonly
          ? nothing
          : html` <div part="group palette" role="group" aria-label="Colour">
                ${PALETTE.map(
                  ([name, value]) =>
                    html`<button
                      type="button"
                      part="button swatch"
                      class="swatch"
                      style="--swatch:${value}"
                      aria-label=${name}
                      aria-pressed=${pressed(s.color === value)}
                      @click=${() => a.color(value)}
                    ></button>`,
                )}
                <label
                  >Custom<input
                    type="color"
                    part="color"
                    .value=${s.color}
                    @change=${(e: Event) => a.color((e.target as HTMLInputElement).value)}
                /></label>
              </div>
              <div part="group style" role="group" aria-label="Stroke">
                <label
                  >Size
                  <select
                    part="size"
                    @change=${(e: Event) => a.size(Number((e.target as HTMLSelectElement).value))}
                  >
                    ${SIZES.map(([name, v]) => html`<option value=${v} ?selected=${s.size === v}>${name}</option>`)}
                  </select></label
                >
                <label
                  >Opacity
                  <input
                    type="range"
                    part="opacity"
                    min="10"
                    max="100"
                    step="10"
                    .value=${String(Math.round(s.opacity * 100))}
                    @change=${(e: Event) => a.opacity(Number((e.target as HTMLInputElement).value) / 100)}
                /></label>
              </div>
              <div part="group edit" role="group" aria-label="Edit">
                <button type="button" part="button" @click=${a.undo} ?disabled=${!s.canUndo}>Undo</button>
                <button type="button" part="button" @click=${a.redo} ?disabled=${!s.canRedo}>Redo</button>
                <button type="button" part="button" @click=${a.forward} ?disabled=${!s.selected}>
                  Bring forward
                </button>
                <button type="button" part="button" @click=${a.backward} ?disabled=${!s.selected}>
                  Send back
                </button>
                <button type="button" part="button" @click=${a.remove} ?disabled=${!s.selected}>
                  Delete
                </button>
                <label
                  >Background<input
                    type="color"
                    part="background"
                    .value=${s.background}
                    @change=${(e: Event) => a.background((e.target as HTMLInputElement).value)}
                /></label>
                <label
                  >Image<input
                    type="file"
                    part="image"
                    accept="image/png,image/jpeg,image/webp"
                    @change=${(e: Event) => {
                      const input = e.target as HTMLInputElement;
                      if (input.files?.[0]) a.image(input.files[0]);
                      input.value = '';
                    }}
                /></label>
              </div>`
      }
      <div part="group view" role="group" aria-label="View">
        <button type="button" part="button" aria-label="Zoom in" @click=${() => a.zoom(1.25)}>+</button>
        <button type="button" part="button" aria-label="Zoom out" @click=${() => a.zoom(0.8)}>−</button>
        <button type="button" part="button" @click=${a.resetView}>Fit</button>
        <button type="button" part="button" @click=${a.replay}>Replay</button>
      </div>
    </div>
  `;
}

export function renderPages(s: ControlsState, a: ControlsActions): TemplateResult {
  const current = s.pages.find((p) => p.id === s.page);
  const owner = current?.owner
    ? (s.people.find((p) => p.id === current.owner)?.name ?? 'a participant')
    : null;
  return html`
    <div part="toolbar pages" role="group" aria-label="Pages">
      <label
        >Page
        <select part="page" @change=${(e: Event) => a.page((e.target as HTMLSelectElement).value)}>
          ${s.pages.map((p) => html`<option value=${p.id} ?selected=${p.id === s.page}>${p.title}</option>`)}
        </select></label
      >
      ${owner ? html`<span part="owner">Belongs to ${owner}</span>` : nothing}
      ${s.readonly ? nothing : html`<button type="button" part="button" @click=${a.newPage}>New page</button>`}
      ${
        s.facilitator
          ? html`
              <label
                >Pass to
                <select part="pass" @change=${(e: Event) => a.pass((e.target as HTMLSelectElement).value)}>
                  <option value="" selected>Choose…</option>
                  <option value="-">Everyone (shared)</option>
                  ${s.people.map((p) => html`<option value=${p.id}>${p.name || 'Unnamed participant'}</option>`)}
                </select></label
              >
              <button type="button" part="button" aria-pressed=${pressed(s.locked)} @click=${a.lock}>
                Lock for clients
              </button>
              <button
                type="button"
                part="button"
                aria-pressed=${pressed(s.selectedProtected)}
                ?disabled=${!s.selected}
                @click=${a.protect}
              >
                Protect selection
              </button>
              <button type="button" part="button" aria-pressed=${pressed(s.leading)} @click=${a.follow}>
                Follow me
              </button>
              ${s.therapist ? html`<button type="button" part="button" @click=${a.clear}>Clear page</button>` : nothing}
            `
          : nothing
      }
    </div>
  `;
}

export function renderReplay(
  replay: Replay,
  a: { play(): void; pause(): void; seek(i: number): void; close(): void },
): TemplateResult {
  return html`
    <div part="toolbar replay" role="group" aria-label="Replay">
      ${
        replay.playing
          ? html`<button type="button" part="button" @click=${a.pause}>Pause</button>`
          : html`<button type="button" part="button" @click=${a.play}>Play</button>`
      }
      <label
        >Position
        <input
          type="range"
          part="scrub"
          min="0"
          max=${replay.total}
          .value=${String(replay.index)}
          @input=${(e: Event) => a.seek(Number((e.target as HTMLInputElement).value))}
      /></label>
      <span>${replay.index} of ${replay.total}</span>
      <button type="button" part="button" @click=${a.close}>Close replay</button>
    </div>
  `;
}

export function renderTextEntry(
  entry: { id?: string; text?: string },
  submit: (event: SubmitEvent) => void,
  cancel: () => void,
): TemplateResult {
  return html`<form part="text-entry" @submit=${submit}>
    <label>Text <input part="text-input" maxlength="2000" required .value=${entry.text ?? ''} /></label>
    <button type="submit" part="button">${entry.id ? 'Change text' : 'Add text'}</button>
    <button type="button" part="button" @click=${cancel}>Cancel</button>
  </form>`;
}
