/** The transaction origin of every local write of this package; observers skip it. */
export const PROPS_ORIGIN: unique symbol = Symbol('@attune/drama-props');
