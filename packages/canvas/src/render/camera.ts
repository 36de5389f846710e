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
