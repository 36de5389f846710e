/**
 * The creative components and the video, loaded by their registration modules
 * when first shown: fabric, Tone and LiveKit are the heaviest code on the
 * pages, and none of it is needed before the work is on screen. A component
 * that cannot load leaves a plain "not available" note for its modality; the
 * rest of the session keeps working.
 */
import type { Modality } from '@attune/session/controls';

export const MODALITY_LABEL: Record<Modality, string> = {
  canvas: 'Canvas',
  music: 'Instruments',
  props: 'Props',
};

const loaders: Record<Modality, () => Promise<unknown>> = {
  canvas: () => import('@attune/canvas/attune-canvas/attune-canvas.js'),
  music: () => import('@attune/music/attune-instrument-space/attune-instrument-space.js'),
  props: () =>
    Promise.all([
      import('@attune/drama-props/attune-prop-board/attune-prop-board.js'),
      import('@attune/drama-props/attune-magic-bag/attune-magic-bag.js'),
    ]),
};

const loaded = new Map<Modality, Promise<boolean>>();

/** Resolves true once the modality's elements are defined, false when they cannot load. */
export function loadModality(modality: Modality): Promise<boolean> {
  let promise = loaded.get(modality);
  if (!promise) {
    promise = loaders[modality]().then(
      () => true,
      () => false,
    );
    loaded.set(modality, promise);
  }
  return promise;
}

let video: Promise<boolean> | null = null;

/** Resolves true once `<attune-video>` (and LiveKit with it) is defined, false when it cannot load. */
export function loadVideo(): Promise<boolean> {
  video ??= import('@attune/session/attune-video.js').then(
    () => true,
    () => false,
  );
  return video;
}
