/**
 * How a view looks at its page, as plain numbers: a rectangle of the scene
 * (the focus) shown whole and centred in the stage's frame (the stage less
 * what floats over it, less a small margin). The focus, not a pixel matrix,
 * is the view's state: it stays put when the stage is resized, and means the
 * same on a phone and on a wide screen, which is what follow me shares.
 */
import type { SceneRect } from '../model/schema.js';

/** fabric's viewport transform `[a, b, c, d, e, f]`; only scale and translation are used. */
export type Viewport = [number, number, number, number, number, number];

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Stage pixels kept clear around the fitted page. */
export const FRAME_MARGIN = 12;
/**
 * The margin when the bar is down the side: there the page is limited by the
 * stage's height, and on a 1366 × 768 laptop each pixel of margin costs
 * about 0.4% of the screen in paper, so the sheet keeps only room for its edge.
 */
export const SIDE_MARGIN = 4;
/** How far out and in a person may zoom, relative to the whole page. */
export const ZOOM_RANGE = { min: 0.5, max: 20 } as const;

/** The frame, in stage pixels: where the focus is fitted. */
export function frameOf(width: number, height: number, insets: Insets, margin = FRAME_MARGIN): SceneRect {
  const frame = {
    x: insets.left + margin,
    y: insets.top + margin,
    width: width - insets.left - insets.right - 2 * margin,
    height: height - insets.top - insets.bottom - 2 * margin,
  };
  // A stage too small for its insets still shows the page, over all of it.
  if (frame.width < 40 || frame.height < 40) return { x: 0, y: 0, width, height };
  return frame;
}

/** The viewport that shows `focus` whole (contain) and centred in `frame`. */
export function fitViewport(focus: SceneRect, frame: SceneRect): Viewport {
  const zoom = Math.min(frame.width / focus.width, frame.height / focus.height);
  const e = frame.x + (frame.width - focus.width * zoom) / 2 - focus.x * zoom;
  const f = frame.y + (frame.height - focus.height * zoom) / 2 - focus.y * zoom;
  return [zoom, 0, 0, zoom, e, f];
}

/** What part of the scene a viewport puts in the frame: the inverse of `fitViewport`. */
export function focusOf(viewport: Viewport, frame: SceneRect): SceneRect {
  const [zoom, , , , e, f] = viewport;
  return {
    x: (frame.x - e) / zoom,
    y: (frame.y - f) / zoom,
    width: frame.width / zoom,
    height: frame.height / zoom,
  };
}

/** A scene rectangle in stage pixels. */
export function toStage(viewport: Viewport, rect: SceneRect): SceneRect {
  const [zoom, , , , e, f] = viewport;
  return { x: rect.x * zoom + e, y: rect.y * zoom + f, width: rect.width * zoom, height: rect.height * zoom };
}

/** Where the tool bar floats: across the top of the stage, or down its inline-start side. */
export type BarPlace = 'top' | 'side';

/**
 * The bar's size in stage pixels, the same whichever way it lies: its
 * thickness across (with the gap between it and the stage's edge) and its
 * length along (with that gap at both ends).
 */
export interface BarSize {
  thickness: number;
  length: number;
}

/**
 * Where the bar leaves the page larger: down the side when the page is
 * limited by the stage's height and there is width to spare beside it (a
 * laptop, or a portrait sheet on a wide screen), across the top otherwise
 * (a phone, a stage beside the therapist's console). A bar longer than the
 * stage is tall stays on top. Ties go to the top, as before.
 */
export function barPlace(width: number, height: number, sheet: SceneRect, bar: BarSize): BarPlace {
  if (bar.length > height) return 'top';
  const none = { top: 0, right: 0, bottom: 0, left: 0 };
  const top = fitViewport(sheet, frameOf(width, height, { ...none, top: bar.thickness }))[0];
  const side = fitViewport(sheet, frameOf(width, height, { ...none, left: bar.thickness }, SIDE_MARGIN))[0];
  return side > top * 1.001 ? 'side' : 'top';
}
