/**
 * The shared tray: one logical space that every view of a board fits to itself.
 *
 * A board is a tray of fixed shape, 16:10: the shape boards always had (the
 * board was drawn 16:10 before it became a shared tray), and a landscape shape
 * that fills a laptop or desktop screen. An item's `x` and `y` are fractions
 * of the tray's width and height (0..1, from the top left), so the same
 * numbers mean the same spot on a phone, a laptop or a wall screen; each view
 * draws the whole tray as large as its element allows (contain) and maps
 * pointers and keys through that fit.
 *
 * A sand tray's 72:57 was tried: on a laptop, where the height is short, a
 * taller tray is limited by the height and left a third of the screen.
 *
 * Boards stored before the tray keep their numbers and their shape: 0..1 was
 * already "the board", drawn 16:10, so every prop is exactly where it was;
 * see `tray.test.ts`.
 */
export const TRAY = {
  /** Width and height in the tray's own units (an export is 20 pixels a unit). */
  width: 72,
  height: 45,
  /** A prop's width at scale 1, as a fraction of the tray's width. */
  propSize: 0.12,
} as const;

/** Width over height: 1.6. */
export const TRAY_ASPECT = TRAY.width / TRAY.height;
