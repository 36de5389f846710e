/**
 * The creative components, loaded by their registration modules when first
 * shown. A component that cannot load leaves a plain "not available" note for
 * its modality; the rest of the session keeps working.
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
