/**
 * The shared tray: one logical space that every view of a board fits to itself.
 *
 * A board is a tray of fixed shape, 72 by 57: the inside of the standard
 * sandplay tray (72 x 57 cm), a size meant to be taken in at one glance. An
 * item's `x` and `y` are fractions of the tray's width and height (0..1, from
 * the top left), so the same numbers mean the same spot on a phone, a laptop
 * or a wall screen; each view draws the whole tray as large as its element
 * allows (contain, centred) and maps pointers and keys through that fit.
 *
 * Boards stored before the tray (drawn 16:10, as wide as the element) keep
 * their numbers: 0..1 was already "the board", so a prop near a corner is
 * still near that corner and every stored prop is inside the tray. Only the
 * shape changed (a little taller), which moves nothing out of its place
 * relative to the rims; see `tray.test.ts`.
 */
export const TRAY = {
  /** Width and height in the tray's own units (centimetres of a sand tray). */
  width: 72,
  height: 57,
  /** A prop's width at scale 1, as a fraction of the tray's width. */
  propSize: 0.12,
} as const;

/** Width over height. */
export const TRAY_ASPECT = TRAY.width / TRAY.height;
