/**
 * The paper's shape in the "More" popover. A facilitator chooses the shape of
 * a new page (landscape, portrait or square) and may turn the page shown to
 * another shape while everything on it fits the new sheet; a choice that
 * would leave some of the drawing off the paper stays in reach, marked
 * unavailable, and says why. Clients keep one "New page", on the paper of
 * the page they are on.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { FilePlus2, RectangleHorizontal, RectangleVertical, Square } from 'lucide';
import type { IconNode } from 'lucide';
import { icon } from '@attune/session/ui';
import type { CanvasModel, Refusal } from '../model/canvas-model.js';
import type { PaperShape } from '../model/schema.js';
import { closeMenuOf } from './menu.js';
import { pressed } from './templates.js';
import type { ControlsActions, ControlsState } from './templates.js';

export const PAPER_INFO: Record<PaperShape, { label: string; glyph: IconNode }> = {
  landscape: { label: 'Landscape', glyph: RectangleHorizontal },
  portrait: { label: 'Portrait', glyph: RectangleVertical },
  square: { label: 'Square', glyph: Square },
};
const SHAPES = Object.keys(PAPER_INFO) as PaperShape[];

function choice(
  shape: PaperShape,
  run: () => void,
  options: { name?: string; checked?: boolean; unavailable?: boolean; why?: string } = {},
): TemplateResult {
  const { label, glyph } = PAPER_INFO[shape];
  return html`<button
    type="button"
    class="item choice"
    part="button item"
    data-paper=${shape}
    aria-label=${options.name ?? nothing}
    role=${options.checked === undefined ? nothing : 'radio'}
    aria-checked=${options.checked === undefined ? nothing : pressed(options.checked)}
    aria-disabled=${options.unavailable ? 'true' : nothing}
    aria-describedby=${options.unavailable && options.why ? options.why : nothing}
    @click=${(e: Event) => {
      run();
      closeMenuOf(e.currentTarget as Element);
    }}
  >
    ${icon(glyph)}<span>${label}</span>
  </button>`;
}

/** "New page": three shapes for a facilitator, one button (the current page's shape) for a client. */
export function newPageChoices(s: ControlsState, a: ControlsActions): TemplateResult {
  if (!s.facilitator) {
    return html`<button
      type="button"
      class="item"
      part="button item"
      @click=${(e: Event) => {
        a.newPage();
        closeMenuOf(e.currentTarget as Element);
      }}
    >
      ${icon(FilePlus2)}<span>New page</span>
    </button>`;
  }
  return html`<div class="paper" role="group" aria-labelledby="new-page-caption">
    <span class="caption" id="new-page-caption">New page</span>
    <div class="choices">
      ${SHAPES.map((shape) =>
        choice(shape, () => a.newPage(shape), {
          name: `New ${PAPER_INFO[shape].label.toLowerCase()} page`,
        }),
      )}
    </div>
  </div>`;
}

/**
 * A facilitator's choice of the shape of the page shown: one of three, so
 * radios (which also keeps the More popover's first focus at its top, not on
 * the shape that is checked).
 */
export function paperShapeChoices(s: ControlsState, a: ControlsActions): TemplateResult {
  const off = SHAPES.filter((shape) => s.paperRefusals[shape] === 'off-paper');
  const why = off.length
    ? `${list(off.map((shape) => PAPER_INFO[shape].label))} would leave some of the drawing off the paper.`
    : '';
  return html`<div class="paper" role="radiogroup" aria-labelledby="paper-caption">
    <span class="caption" id="paper-caption">Paper of this page</span>
    <div class="choices">
      ${SHAPES.map((shape) =>
        choice(shape, () => a.paper(shape), {
          checked: s.paper === shape,
          unavailable: s.paperRefusals[shape] != null,
          why: off.includes(shape) ? 'paper-why' : undefined,
        }),
      )}
    </div>
    ${why ? html`<p class="note" id="paper-why">${why}</p>` : nothing}
  </div>`;
}

/** "Portrait", "Portrait and square". */
function list(words: string[]): string {
  const [first = '', ...rest] = words;
  if (!rest.length) return first;
  return `${[first, ...rest.slice(0, -1).map((w) => w.toLowerCase())].join(', ')} and ${rest.at(-1)!.toLowerCase()}`;
}

/** Why the page may not turn to each shape, as the choices show it. */
export function paperRefusals(model: CanvasModel, page: string): Partial<Record<PaperShape, Refusal | null>> {
  return Object.fromEntries(SHAPES.map((shape) => [shape, model.pages.paperShapeRefusal(page, shape)]));
}
