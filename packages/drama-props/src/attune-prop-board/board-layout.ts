/**
 * Where the tools go around the tray, decided from the element's own box (not
 * the viewport): the bar of tools on top or along the inline-start edge, the
 * selected prop's band below the tray or on its inline-end side. Of the four,
 * the one that leaves the largest tray wins: on a phone the bar stays on top
 * and the tools below; on a laptop, where the height is short, the bar goes
 * down the side so the tray takes the full height.
 *
 * The sizes here are the ones the styles give the bar and the band (see
 * `attune-prop-board.styles.ts`), in terms of the target size, so a
 * large-target mode is taken into account.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TRAY_ASPECT } from '../model/tray.js';

/** Between the tray and anything around it: its rim (6 px) and 6 px of room. */
export const PAD = 12;
/** The top bar's height over the target size: its 4 px padding, 1 px border, 6 px around. */
export const BAR_TOP = 22;
/** The side bar's width over the target size: the same, without room on the tray's side. */
export const BAR_START = 16;
/** The band's thickness over the target size. */
export const BAND = 12;
/** The selected prop's tools (and a separator): the band at the side needs this much height. */
const BAND_TOOLS = 8;

export interface BoardLayout {
  bar: 'top' | 'start';
  band: 'below' | 'end';
  /** The drawer: a sheet under the tray when there is room below it, else a side panel. */
  drawer: 'sheet' | 'side';
}

export const DEFAULT_LAYOUT: BoardLayout = { bar: 'top', band: 'below', drawer: 'sheet' };

/** The tray's size in an element of `width` x `height` with the tools laid out as `layout` says. */
export function traySize(
  width: number,
  height: number,
  target: number,
  layout: Pick<BoardLayout, 'bar' | 'band'>,
): { width: number; height: number } {
  const band = target + BAND;
  const aw =
    width - 2 * PAD - (layout.bar === 'start' ? target + BAR_START : 0) - (layout.band === 'end' ? band : 0);
  const ah =
    height - 2 * PAD - (layout.bar === 'top' ? target + BAR_TOP : 0) - (layout.band === 'below' ? band : 0);
  const h = Math.max(0, Math.min(ah, aw / TRAY_ASPECT));
  return { width: h * TRAY_ASPECT, height: h };
}

/**
 * The layout that leaves the largest tray in a box of `width` x `height`.
 * `barLength` is the bar's length along its tools; a bar down the side needs
 * that much height, and the band at the side needs room for its tools.
 */
export function chooseLayout(width: number, height: number, target: number, barLength: number): BoardLayout {
  let best: Pick<BoardLayout, 'bar' | 'band'> = DEFAULT_LAYOUT;
  let size = traySize(width, height, target, best).height;
  for (const bar of ['top', 'start'] as const) {
    if (bar === 'start' && barLength + 2 * PAD > height) continue;
    for (const band of ['below', 'end'] as const) {
      if (band === 'end' && BAND_TOOLS * (target + 2) + 2 * PAD > height) continue;
      const h = traySize(width, height, target, { bar, band }).height;
      // A pixel's gain is not worth moving every tool.
      if (h > size + 1) [best, size] = [{ bar, band }, h];
    }
  }
  const stage = height - (best.bar === 'top' ? target + BAR_TOP : 0);
  const below = stage - (2 * PAD + size + target + BAND);
  const sheet = best.bar === 'top' && best.band === 'below' && below >= 0.4 * stage;
  return { ...best, drawer: sheet ? 'sheet' : 'side' };
}

/**
 * Watches the element's box and its bar of tools (whose size follows the
 * target size and the tools a role has) and keeps `layout` the best for
 * them. A ResizeObserver calls back after layout and before paint, so a new
 * layout is drawn in the same frame.
 */
export class LayoutController implements ReactiveController {
  layout: BoardLayout = DEFAULT_LAYOUT;

  private readonly host: ReactiveControllerHost & HTMLElement;
  private observer: ResizeObserver | null = null;
  private watched: Element | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.measure());
    this.observer.observe(this.host);
    // Moved in the page: its bar is already drawn.
    this.hostUpdated();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.watched = null;
  }

  hostUpdated(): void {
    const bar = this.bar();
    if (bar === this.watched) return;
    if (this.watched) this.observer?.unobserve(this.watched);
    if (bar) this.observer?.observe(bar);
    this.watched = bar;
  }

  private bar(): Element | null {
    return this.host.shadowRoot?.querySelector('.bar > .toolbar') ?? null;
  }

  private measure(): void {
    const bar = this.bar();
    const tool = bar?.querySelector('.tool');
    if (!bar || !tool) return;
    const { width, height } = this.host.getBoundingClientRect();
    const target = tool.getBoundingClientRect().width;
    const tools = bar.querySelectorAll('.tool').length;
    const separators = bar.querySelectorAll('.separator').length;
    // Each tool and its 2 px gap, each separator (1 px and its margins), the bar's padding and border.
    const length = tools * (target + 2) + separators * 11 + 10;
    const next = chooseLayout(width, height, target, length);
    const now = this.layout;
    if (next.bar === now.bar && next.band === now.band && next.drawer === now.drawer) return;
    this.layout = next;
    this.host.requestUpdate();
  }
}
