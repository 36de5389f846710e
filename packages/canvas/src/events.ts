import type { Refusal } from './model/canvas-model.js';

export interface CanvasStrokeDetail {
  /** The committed object's id. */
  id: string;
  page: string;
}
export interface CanvasPageDetail {
  page: string;
}
export interface CanvasRefusedDetail {
  reason: Refusal | 'asset-too-large' | 'unsupported-media-type' | 'forbidden' | 'network' | 'failed';
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The local person finished a stroke, shape or text, now in the document. */
    'attune-canvas-draw': CustomEvent<CanvasStrokeDetail>;
    /** The local person turned to another page. */
    'attune-canvas-page-change': CustomEvent<CanvasPageDetail>;
    /** Something the local person tried was refused (locked, protected, a bad image). */
    'attune-canvas-refuse': CustomEvent<CanvasRefusedDetail>;
  }
}
