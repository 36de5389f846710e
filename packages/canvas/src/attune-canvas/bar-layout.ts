/**
 * Where the tool bar floats, and the room it takes from the page. On a wide,
 * short stage (a laptop) the page is limited by the height, so a bar across
 * the top costs paper while the sides are empty: there the bar goes down the
 * inline-start side (left, right in a right-to-left page) and the sheet takes
 * the full height. On a phone or beside the therapist's console it stays on
 * top. The element's stage and the page's sheet decide, not the window, so
 * a portal's box works too; it is decided again on a resize, a new sheet and
 * every render, and when the bar itself changes size (the large mode set by
 * the page, a tool moving into "More").
 *
 * The choice is written to the host as `data-bar="top"` or `"side"` (the
 * styles follow it) and to the bar as `aria-orientation`, synchronously, so
 * the view is fitted to the bar where it is now.
 */
import { FRAME_MARGIN, SIDE_MARGIN, barPlace } from '../render/camera.js';
import type { BarPlace, BarSize, Insets } from '../render/camera.js';
import type { FabricView } from '../render/fabric-view.js';

export interface BarLayoutHost extends HTMLElement {
  readonly view: FabricView | null;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

const px = (value: string): number => parseFloat(value) || 0;

/**
 * The bar's thickness and length, worked out from its buttons and dividers
 * so they are the same whichever way it lies now and however it wraps: a
 * measure that changed with the layout could flip the layout back.
 */
export function barSize(bar: HTMLElement, vertical: boolean, edge: number): BarSize {
  const style = getComputedStyle(bar);
  const frame =
    px(style.paddingTop) + px(style.paddingBottom) + px(style.borderTopWidth) + px(style.borderBottomWidth);
  let length = 0;
  let thickness = 0;
  let count = 0;
  for (const child of bar.children) {
    if (child.hasAttribute('popover') || child.getClientRects().length === 0) continue;
    const r = child.getBoundingClientRect();
    const s = getComputedStyle(child);
    length += vertical
      ? r.height + px(s.marginTop) + px(s.marginBottom)
      : r.width + px(s.marginLeft) + px(s.marginRight);
    thickness = Math.max(thickness, vertical ? r.width : r.height);
    count++;
  }
  const gap = px(style.rowGap || style.gap) * Math.max(0, count - 1);
  return { thickness: thickness + frame + edge, length: length + gap + frame + 2 * edge };
}

export class BarLayout {
  /** Watches the bar's own size; the callback waits a frame, as a layout change resizes the bar again. */
  private readonly resize = new ResizeObserver(() => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.apply();
    });
  });
  private watched: HTMLElement | null = null;
  private frame = 0;

  constructor(private readonly host: BarLayoutHost) {}

  /** Stops watching (the element left the page); `apply()` starts again. */
  dispose(): void {
    this.resize.disconnect();
    this.watched = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** The bar's place now. */
  get place(): BarPlace {
    return this.host.dataset.bar === 'side' ? 'side' : 'top';
  }

  /** Decides where the bar goes, puts it there, and fits the page clear of it. */
  apply(): void {
    const { host } = this;
    const view = host.view;
    const bar = host.renderRoot.querySelector<HTMLElement>('[part~="toolbar"]');
    const stage = host.renderRoot.querySelector<HTMLElement>('[part~="stage"]');
    const top = bar?.parentElement;
    if (!view || !bar || !stage || !top) return;
    if (bar !== this.watched) {
      this.resize.disconnect();
      this.resize.observe(bar);
      this.watched = bar;
    }
    // The replay bar, a slider with words, reads across: it stays on top.
    const tools = bar.getAttribute('role') === 'toolbar';
    const edge = px(getComputedStyle(top).insetBlockStart);
    const { width, height } = view.stageSize;
    const place = tools
      ? barPlace(width, height, view.sheet, barSize(bar, this.place === 'side', edge))
      : 'top';
    host.dataset.bar = place;
    if (tools) bar.setAttribute('aria-orientation', place === 'side' ? 'vertical' : 'horizontal');
    view.setInsets(this.insets(bar, stage, place), place === 'side' ? SIDE_MARGIN : FRAME_MARGIN);
  }

  /** The room the bar takes from the stage, measured where it is now. */
  private insets(bar: HTMLElement, stage: HTMLElement, place: BarPlace): Insets {
    const b = bar.getBoundingClientRect();
    const s = stage.getBoundingClientRect();
    const insets = { top: 0, right: 0, bottom: 0, left: 0 };
    if (place === 'top') insets.top = Math.max(0, b.bottom - s.top);
    else if (getComputedStyle(this.host).direction === 'rtl') insets.right = Math.max(0, s.right - b.left);
    else insets.left = Math.max(0, b.right - s.left);
    return insets;
  }
}
