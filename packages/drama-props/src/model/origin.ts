/** The transaction origin of every local write of this package; observers skip it. */
export const PROPS_ORIGIN: unique symbol = Symbol('@attune/drama-props');

/**
 * Writes a facilitator's browser makes on someone else's behalf (answering a
 * draw, the closing ritual). Kept apart from `PROPS_ORIGIN` so that the
 * facilitator's own undo never takes back a prop revealed to a client.
 */
export const KEEPER_ORIGIN: unique symbol = Symbol('@attune/drama-props keeper');
