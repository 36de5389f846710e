/**
 * The one tool bar, floating over the top of the stage: what a client uses
 * most in view (pen, eraser, shapes, text, colour and size, undo), the rest
 * in the "More" popover. On a narrow stage (a phone) the select and hand
 * tools, the highlighter and redo move into "More" too, so the bar stays one
 * row; a container query on the element decides, not the window.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import {
  ArrowUpRight,
  BringToFront,
  Circle,
  Ellipsis,
  Eraser,
  Hand,
  Highlighter,
  History,
  ImagePlus,
  Lock,
  MousePointer2,
  PaintBucket,
  Pencil,
  Presentation,
  Redo2,
  Scan,
  SendToBack,
  Shield,
  Slash,
  Square,
  Trash2,
  Type,
  Undo2,
  WandSparkles,
  ZoomIn,
  ZoomOut,
} from 'lucide';
import type { IconNode } from 'lucide';
import { icon } from '@attune/session/ui';
import type { ShapeKind } from '../model/schema.js';
import type { Tool } from './drawing.js';
import { closeMenuOf, onBarKey, onMenuKey, onToggle } from './menu.js';
import { newPageChoices, paperShapeChoices } from './paper.js';
import { PALETTE, SIZES, pressed } from './templates.js';
import type { ControlsActions, ControlsState } from './templates.js';

interface ToolInfo {
  label: string;
  glyph: IconNode;
  /** The key that picks it, shown in its tooltip. */
  key: string;
}
export const TOOL_INFO: Record<Tool, ToolInfo> = {
  select: { label: 'Select', glyph: MousePointer2, key: 'V' },
  pan: { label: 'Hand', glyph: Hand, key: 'H' },
  pen: { label: 'Pen', glyph: Pencil, key: 'P' },
  highlighter: { label: 'Highlighter', glyph: Highlighter, key: 'M' },
  eraser: { label: 'Eraser', glyph: Eraser, key: 'E' },
  rect: { label: 'Rectangle', glyph: Square, key: 'R' },
  ellipse: { label: 'Ellipse', glyph: Circle, key: 'O' },
  line: { label: 'Line', glyph: Slash, key: 'L' },
  arrow: { label: 'Arrow', glyph: ArrowUpRight, key: 'A' },
  text: { label: 'Text', glyph: Type, key: 'T' },
  laser: { label: 'Laser pointer', glyph: WandSparkles, key: 'K' },
};
const SHAPES: ShapeKind[] = ['rect', 'ellipse', 'line', 'arrow'];

/** One tool button; `wide` ones show only on a wide stage (their copy in "More" on a narrow one). */
function toolButton(s: ControlsState, a: ControlsActions, tool: Tool, wide = false): TemplateResult {
  const { label, glyph, key } = TOOL_INFO[tool];
  return html`<button
    type="button"
    class="tool ${wide ? 'wide-only' : ''}"
    part="button tool"
    data-tool=${tool}
    aria-label=${label}
    data-tip="${label} (${key})"
    aria-pressed=${pressed(s.tool === tool)}
    @click=${() => a.tool(tool)}
  >
    ${icon(glyph)}
  </button>`;
}

/** A labelled row in a popover: icon and words. */
function item(
  label: string,
  glyph: IconNode,
  run: () => void,
  options: { pressed?: boolean; disabled?: boolean; className?: string; tool?: Tool } = {},
): TemplateResult {
  return html`<button
    type="button"
    class="item ${options.className ?? ''}"
    part="button item"
    data-tool=${options.tool ?? nothing}
    aria-pressed=${options.pressed === undefined ? nothing : pressed(options.pressed)}
    ?disabled=${options.disabled}
    @click=${(e: Event) => {
      run();
      closeMenuOf(e.currentTarget as Element);
    }}
  >
    ${icon(glyph)}<span>${label}</span>
  </button>`;
}

function popover(id: string, label: string, body: TemplateResult, className = ''): TemplateResult {
  return html`<div
    id=${id}
    popover
    class="menu ${className}"
    part="menu"
    role="group"
    aria-label=${label}
    @toggle=${onToggle}
    @keydown=${onMenuKey}
  >
    ${body}
  </div>`;
}

function opener(id: string, label: string, glyph: TemplateResult, extra = ''): TemplateResult {
  return html`<button
    type="button"
    class="tool ${extra}"
    part="button tool"
    popovertarget=${id}
    aria-controls=${id}
    aria-label=${label}
    data-tip=${label}
  >
    ${glyph}
  </button>`;
}

function shapesMenu(s: ControlsState, a: ControlsActions): TemplateResult {
  const current = SHAPES.includes(s.tool as ShapeKind) ? (s.tool as ShapeKind) : s.shape;
  return html`${opener('shapes', 'Shapes', icon(TOOL_INFO[current].glyph), SHAPES.includes(s.tool as ShapeKind) ? 'active' : '')}
  ${popover(
    'shapes',
    'Shapes',
    html`${SHAPES.map((shape) =>
      item(TOOL_INFO[shape].label, TOOL_INFO[shape].glyph, () => a.tool(shape), {
        pressed: s.tool === shape,
        tool: shape,
      }),
    )}`,
  )}`;
}

function styleMenu(s: ControlsState, a: ControlsActions): TemplateResult {
  const dot = html`<span
    class="dot"
    style="--swatch:${s.color};--dot:${Math.min(22, 6 + s.size / 2)}px"
  ></span>`;
  return html`${opener('style', 'Colour and size', dot)}
  ${popover(
    'style',
    'Colour and size',
    html`<div class="swatches" role="group" aria-label="Colour">
        ${PALETTE.map(
          ([name, value]) =>
            html`<button
              type="button"
              class="swatch"
              part="button swatch"
              style="--swatch:${value}"
              aria-label=${name}
              aria-pressed=${pressed(s.color === value)}
              @click=${() => a.color(value)}
            ></button>`,
        )}
        <label class="custom" data-tip="Any colour"
          ><span class="visually-hidden">Any colour</span
          ><input
            type="color"
            part="color"
            .value=${s.color}
            @change=${(e: Event) => a.color((e.target as HTMLInputElement).value)}
        /></label>
      </div>
      <div class="sizes" role="group" aria-label="Size">
        ${SIZES.map(
          ([name, value]) =>
            html`<button
              type="button"
              class="size"
              part="button size"
              aria-label=${name}
              aria-pressed=${pressed(s.size === value)}
              @click=${() => a.size(value)}
            >
              <span class="dot" style="--swatch:currentColor;--dot:${4 + value / 2}px"></span>
            </button>`,
        )}
      </div>
      <label class="opacity"
        ><span>Opacity</span>
        <input
          type="range"
          part="opacity"
          min="10"
          max="100"
          step="10"
          .value=${String(Math.round(s.opacity * 100))}
          @change=${(e: Event) => a.opacity(Number((e.target as HTMLInputElement).value) / 100)}
      /></label>`,
    'style-menu',
  )}`;
}

function moreMenu(s: ControlsState, a: ControlsActions): TemplateResult {
  const current = s.pages.find((p) => p.id === s.page);
  const owner = current?.owner
    ? (s.people.find((p) => p.id === current.owner)?.name ?? 'a participant')
    : null;
  const narrowTools: Tool[] = s.readonly ? [] : ['select', 'pan', 'highlighter'];
  const body = html`
    ${
      narrowTools.length
        ? html`<div class="section narrow-only" role="group" aria-label="More tools">
            ${narrowTools.map((t) =>
              item(TOOL_INFO[t].label, TOOL_INFO[t].glyph, () => a.tool(t), {
                pressed: s.tool === t,
                tool: t,
              }),
            )}
            ${item('Redo', Redo2, a.redo, { disabled: !s.canRedo })}
          </div>`
        : nothing
    }
    <div class="section" role="group" aria-label="Page">
      <label class="field"
        ><span>Page</span>
        <select part="page" @change=${(e: Event) => a.page((e.target as HTMLSelectElement).value)}>
          ${s.pages.map((p) => html`<option value=${p.id} ?selected=${p.id === s.page}>${p.title}</option>`)}
        </select></label
      >
      ${owner ? html`<p class="note" part="owner">Belongs to ${owner}</p>` : nothing}
      ${s.readonly ? nothing : newPageChoices(s, a)}
    </div>
    ${
      s.readonly
        ? nothing
        : html`<div class="section" role="group" aria-label="Add and arrange">
            <label class="item file" part="button item"
              >${icon(ImagePlus)}<span>Image</span
              ><input
                type="file"
                class="visually-hidden"
                part="image"
                accept="image/png,image/jpeg,image/webp"
                @change=${(e: Event) => {
                  const input = e.target as HTMLInputElement;
                  if (input.files?.[0]) a.image(input.files[0]);
                  input.value = '';
                  closeMenuOf(input);
                }}
            /></label>
            <label class="item"
              >${icon(PaintBucket)}<span>Paper colour</span
              ><input
                type="color"
                part="background"
                .value=${s.background}
                @change=${(e: Event) => a.background((e.target as HTMLInputElement).value)}
            /></label>
            ${item('Bring forward', BringToFront, a.forward, { disabled: !s.selected })}
            ${item('Send back', SendToBack, a.backward, { disabled: !s.selected })}
            ${item('Delete', Trash2, a.remove, { disabled: !s.selected })}
          </div>`
    }
    <div class="section" role="group" aria-label="View">
      ${item('Zoom in', ZoomIn, () => a.zoom(1.25))} ${item('Zoom out', ZoomOut, () => a.zoom(0.8))}
      ${item('Whole page', Scan, a.resetView)}
      ${s.readonly ? nothing : item('Laser pointer', TOOL_INFO.laser.glyph, () => a.tool('laser'), { pressed: s.tool === 'laser', tool: 'laser' })}
      ${item('Replay', History, a.replay)}
    </div>
    ${
      s.facilitator
        ? html`<div class="section" role="group" aria-label="Therapist">
            ${paperShapeChoices(s, a)}
            <label class="field"
              ><span>Pass page to</span>
              <select part="pass" @change=${(e: Event) => a.pass((e.target as HTMLSelectElement).value)}>
                <option value="" selected>Choose…</option>
                <option value="-">Everyone (shared)</option>
                ${s.people.map((p) => html`<option value=${p.id}>${p.name || 'Unnamed participant'}</option>`)}
              </select></label
            >
            ${item('Lock for clients', Lock, a.lock, { pressed: s.locked })}
            ${item('Protect selection', Shield, a.protect, { pressed: s.selectedProtected, disabled: !s.selected })}
            ${item('Follow me', Presentation, a.follow, { pressed: s.leading })}
            ${s.therapist ? item('Clear page', Trash2, a.clear, { className: 'danger' }) : nothing}
          </div>`
        : nothing
    }
  `;
  // The More button shows when the tool in use is one of those inside it.
  const inside = s.tool === 'laser' ? 'active' : narrowTools.includes(s.tool) ? 'active-narrow' : '';
  return html`${opener('more', 'More', icon(Ellipsis), inside)} ${popover('more', 'More', body, 'more-menu')}`;
}

export function renderBar(s: ControlsState, a: ControlsActions): TemplateResult {
  if (s.readonly) {
    return html`<div
      class="toolbar below"
      part="toolbar"
      role="toolbar"
      aria-label="Drawing tools"
      @keydown=${onBarKey}
    >
      ${toolButton(s, a, 'select')} ${toolButton(s, a, 'pan')}
      <span class="separator" aria-hidden="true"></span>
      ${moreMenu(s, a)}
    </div>`;
  }
  return html`<div
    class="toolbar below"
    part="toolbar"
    role="toolbar"
    aria-label="Drawing tools"
    @keydown=${onBarKey}
  >
    ${toolButton(s, a, 'select', true)} ${toolButton(s, a, 'pan', true)}
    <span class="separator wide-only" aria-hidden="true"></span>
    ${toolButton(s, a, 'pen')} ${toolButton(s, a, 'highlighter', true)} ${toolButton(s, a, 'eraser')}
    ${shapesMenu(s, a)} ${toolButton(s, a, 'text')}
    <span class="separator" aria-hidden="true"></span>
    ${styleMenu(s, a)}
    <span class="separator" aria-hidden="true"></span>
    <button
      type="button"
      class="tool"
      part="button tool"
      aria-label="Undo"
      data-tip="Undo (Ctrl+Z)"
      ?disabled=${!s.canUndo}
      @click=${a.undo}
    >
      ${icon(Undo2)}
    </button>
    <button
      type="button"
      class="tool wide-only"
      part="button tool"
      aria-label="Redo"
      data-tip="Redo (Ctrl+Shift+Z)"
      ?disabled=${!s.canRedo}
      @click=${a.redo}
    >
      ${icon(Redo2)}
    </button>
    ${moreMenu(s, a)}
  </div>`;
}
