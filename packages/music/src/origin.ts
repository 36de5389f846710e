/** The transaction origin of every local write this package makes. */
export const MUSIC_ORIGIN = Symbol('@attune/music');
