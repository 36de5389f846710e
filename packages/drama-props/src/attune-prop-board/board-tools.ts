/**
 * The board's bars of icon tools: the top bar (props, cards, undo, the
 * therapist's frame, a More menu), the selected prop's tools and replay, in
 * the band beside the tray. Templates only; the element owns the state.
 */
import { icon } from '@attune/session/ui';
import type { IconNode } from '@attune/session/ui';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import {
  ArrowDownToLine,
  ArrowUpToLine,
  Drama,
  Ellipsis,
  EyeOff,
  FileImage,
  Hand,
  HandGrab,
  History,
  ImageDown,
  Lock,
  LogOut,
  Minus,
  Pause,
  Play,
  Plus,
  RotateCcw,
  RotateCw,
  Shapes,
  StepBack,
  StepForward,
  Trash2,
  Undo2,
  Eraser,
} from 'lucide';
import type { Participant } from '../controller/props-controller.js';
import { BACKGROUNDS, BACKGROUND_IDS } from '../model/backgrounds.js';
import type { BackgroundId } from '../model/backgrounds.js';
import type { BoardItem } from '../model/board-model.js';
import type { FrameState } from '../model/frame-model.js';

/** What can be open: one panel at a time, so there are few choices at once. */
export type Panel = 'props' | 'cards' | 'more' | 'item' | null;

interface ToolOptions {
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
  disabled?: boolean;
  opens?: Panel;
}

/** A square icon button named by `label`, with `tip` as its tooltip. */
export function tool(
  glyph: IconNode,
  label: string,
  tip: string,
  onClick: () => void,
  options: ToolOptions = {},
): TemplateResult {
  return html`<button
    class="tool"
    aria-label=${label}
    data-tip=${tip}
    data-opens=${options.opens ?? nothing}
    aria-pressed=${options.pressed === undefined ? nothing : String(options.pressed)}
    aria-expanded=${options.expanded === undefined ? nothing : String(options.expanded)}
    aria-controls=${options.controls ?? nothing}
    ?disabled=${options.disabled ?? false}
    @click=${onClick}
  >
    ${icon(glyph)}
  </button>`;
}

const separator = html`<span class="separator" aria-hidden="true"></span>`;

export interface TopActions {
  toggle(panel: Panel): void;
  undo(): void;
  frame(key: 'locked' | 'hidden', value: boolean): void;
}

/** The top bar: what a client uses most in view, the rarer actions in More; `vertical` down the side. */
export function renderTopBar(
  open: Panel,
  editable: boolean,
  frame: FrameState | null,
  vertical: boolean,
  act: TopActions,
): TemplateResult {
  return html`<div
    class="toolbar below"
    role="toolbar"
    aria-label="Board tools"
    aria-orientation=${vertical ? 'vertical' : nothing}
  >
    ${tool(Shapes, 'Props', 'Props: choose one to place', () => act.toggle('props'), {
      expanded: open === 'props',
      controls: 'drawer',
      opens: 'props',
    })}
    ${tool(Drama, 'Story and role cards', 'Story and role cards', () => act.toggle('cards'), {
      expanded: open === 'cards',
      controls: 'drawer',
      opens: 'cards',
    })}
    ${separator}
    ${tool(Undo2, 'Undo my last change', 'Undo my last change', act.undo, { disabled: !editable })}
    ${
      frame
        ? html`${separator}<span
              part="frame-tools"
              class="group"
              role="group"
              aria-label="The therapist's tools"
              >${tool(Lock, 'Lock the board', 'Lock the board', () => act.frame('locked', !frame.locked), {
                pressed: frame.locked,
              })}${tool(
                EyeOff,
                'Hide the board',
                'Hide the board',
                () => act.frame('hidden', !frame.hidden),
                {
                  pressed: frame.hidden,
                },
              )}</span
            >`
        : nothing
    }
    ${separator}
    ${tool(Ellipsis, 'More', 'More: replay, save, scene', () => act.toggle('more'), {
      expanded: open === 'more',
      controls: 'more',
      opens: 'more',
    })}
  </div>`;
}

export interface MoreActions {
  replay(): void;
  svg(): void;
  png(): void;
  background(id: BackgroundId): void;
  clear(): void;
}

/** The More menu: rarer actions with words beside their icons. */
export function renderMoreMenu(
  facilitator: boolean,
  background: BackgroundId,
  act: MoreActions,
): TemplateResult {
  return html`<div class="menu" id="more" role="group" aria-label="More">
    <button @click=${act.replay}>${icon(History)} Replay placements</button>
    <button @click=${act.svg}>${icon(FileImage)} Save as SVG</button>
    <button @click=${act.png}>${icon(ImageDown)} Save as PNG</button>
    ${
      facilitator
        ? html`<label
              >Scene
              <select
                @change=${(e: Event) => act.background((e.currentTarget as HTMLSelectElement).value as BackgroundId)}
              >
                ${BACKGROUND_IDS.map((id) => html`<option value=${id} ?selected=${id === background}>${BACKGROUNDS[id].name}</option>`)}
              </select></label
            >
            <button @click=${act.clear}>${icon(Eraser)} Clear the board</button>`
        : nothing
    }
  </div>`;
}

export interface SelectionActions {
  toggleCarry(): void;
  rotate(degrees: number): void;
  resize(factor: number): void;
  more(): void;
  away(): void;
}

/** The selected prop's tools, in the band beside the tray (a column when `vertical`). */
export function renderSelection(
  name: string,
  carried: boolean,
  moreOpen: boolean,
  vertical: boolean,
  act: SelectionActions,
): TemplateResult {
  return html`<div
    class="toolbar"
    part="selection"
    role="toolbar"
    aria-label=${`Tools for the ${name}`}
    aria-orientation=${vertical ? 'vertical' : nothing}
  >
    ${tool(
      carried ? HandGrab : Hand,
      carried ? 'Put down' : 'Pick up',
      carried ? 'Put down (Enter)' : 'Pick up to move (Enter)',
      act.toggleCarry,
      { pressed: carried },
    )}
    ${tool(RotateCcw, 'Turn left', 'Turn left (Shift+R)', () => act.rotate(-15))}
    ${tool(RotateCw, 'Turn right', 'Turn right (R)', () => act.rotate(15))}
    ${tool(Plus, 'Larger', 'Larger (+)', () => act.resize(1.25))}
    ${tool(Minus, 'Smaller', 'Smaller (-)', () => act.resize(0.8))} ${separator}
    ${tool(Ellipsis, `More for the ${name}`, 'Label, group, layer, hand over', act.more, {
      expanded: moreOpen,
      controls: 'item-more',
      opens: 'item',
    })}
    ${tool(Trash2, 'Put away', 'Put away (Delete)', act.away)}
  </div>`;
}

export interface ItemMoreActions {
  layer(where: 'front' | 'back'): void;
  label(text: string): void;
  group(name: string): void;
  hand(to: string): void;
}

/** Rarer things to do with the selected prop: layer, label, group, hand over. */
export function renderItemMore(
  item: BoardItem,
  name: string,
  people: readonly Participant[],
  field: (name: 'label' | 'group' | 'hand') => string,
  act: ItemMoreActions,
): TemplateResult {
  return html`<div
    class="pop"
    id="item-more"
    part="item-more"
    role="group"
    aria-label=${`More for the ${name}`}
  >
    <div class="row">
      <button @click=${() => act.layer('front')}>${icon(ArrowUpToLine)} To the front</button>
      <button @click=${() => act.layer('back')}>${icon(ArrowDownToLine)} To the back</button>
    </div>
    <div class="form">
      <label for="item-label">Label</label>
      <input id="item-label" class="label" maxlength="80" .value=${item.label} />
      <button @click=${() => act.label(field('label'))}>Set label</button>
      <label for="item-group">Group</label>
      <input id="item-group" class="group" maxlength="40" .value=${item.group} />
      <button @click=${() => act.group(field('group'))}>Set group</button>
      <label for="item-hand">Hand to</label>
      <select id="item-hand" class="hand">
        ${people.map((p) => html`<option value=${p.id}>${p.name || 'Someone'} (${p.role})</option>`)}
      </select>
      <button @click=${() => act.hand(field('hand'))}>Hand over</button>
    </div>
  </div>`;
}

export function renderReplay(
  index: number,
  total: number,
  playing: boolean,
  act: { step(delta: number): void; play(): void; exit(): void },
): TemplateResult {
  return html`<div class="toolbar" part="replay" role="group" aria-label="Replay">
    <span class="step">Step ${index + 1} of ${total}</span>
    ${tool(StepBack, 'Previous step', 'Previous step', () => act.step(-1), { disabled: index <= 0 })}
    ${tool(StepForward, 'Next step', 'Next step', () => act.step(1), { disabled: index >= total - 1 })}
    ${tool(playing ? Pause : Play, playing ? 'Pause' : 'Play', playing ? 'Pause' : 'Play', act.play, {
      pressed: playing,
    })}
    ${tool(LogOut, 'Back to the live board', 'Back to the live board', act.exit)}
  </div>`;
}
