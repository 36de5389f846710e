/**
 * The transaction origin of every local canvas write. Observers skip it, and
 * each person's undo manager tracks only it, so nobody undoes someone else's marks.
 */
export const CANVAS_ORIGIN: unique symbol = Symbol('attune-canvas');
