/**
 * Where an instrument's keys or pads sit on the stage, and where the arrow
 * keys go from each: no DOM here, so the element only measures and renders.
 *
 * Keys lie in rows of equal length, lowest notes in the bottom row and
 * climbing left to right, row above row, so that up is higher in pitch as
 * well as on screen. A wide stage holds one row (a keyboard); a phone in
 * portrait stacks three rows of five, each key wide enough for a thumb.
 */

export interface KeyGrid {
  columns: number;
  rows: number;
}

export interface GridSpace {
  /** The stage's inner size, px (height 0 when it is not known). */
  width: number;
  height: number;
  /** Gap between keys, px. */
  gap: number;
  /** The narrowest a key may be, px. */
  minWidth: number;
  /** The shortest a key may be, px (keys only). */
  minHeight: number;
}

/**
 * The rows and columns for `count` keys or pads. Keys take the fewest rows
 * in which each key is at least `minWidth` wide (and `minHeight` tall while
 * the height allows it); pads, being round, take the arrangement that makes
 * each pad largest. Rows are balanced: fifteen keys in three rows are 5 + 5 + 5.
 */
export function chooseGrid(count: number, shape: 'keys' | 'pads', space: GridSpace): KeyGrid {
  if (count <= 0) return { columns: 1, rows: 1 };
  const cell = (rows: number): { columns: number; width: number; height: number } => {
    const columns = Math.ceil(count / rows);
    return {
      columns,
      width: (space.width - space.gap * (columns - 1)) / columns,
      height: space.height > 0 ? (space.height - space.gap * (rows - 1)) / rows : Infinity,
    };
  };
  let best = 1;
  if (shape === 'pads') {
    let largest = -Infinity;
    for (let rows = 1; rows <= count; rows++) {
      const { width, height } = cell(rows);
      const side = Math.min(width, height);
      // A bigger pad wins; on a tie, fewer rows.
      if (side > largest + 0.5) {
        largest = side;
        best = rows;
      }
    }
  } else {
    best = count;
    for (let rows = 1; rows <= count; rows++) {
      const { width, height } = cell(rows);
      // Too short for this many rows: the narrower keys of one row fewer are the better choice.
      if (height < space.minHeight) {
        best = Math.max(1, rows - 1);
        break;
      }
      if (width >= space.minWidth) {
        best = rows;
        break;
      }
    }
  }
  const rows = best;
  return { columns: Math.ceil(count / rows), rows };
}

/** Row (1 is the top) and column (1 is the left) of key `index`, lowest keys in the bottom row. */
export function cellOf(index: number, grid: KeyGrid): { row: number; column: number } {
  return { row: grid.rows - Math.floor(index / grid.columns), column: (index % grid.columns) + 1 };
}

/**
 * Where an arrow key (or Home, End) moves from key `index`: Left and Right to
 * the next note down or up (across rows too), Up and Down to the key above or
 * below, Home and End to the lowest and highest. Null when the key does not
 * move focus, or there is nowhere to go.
 */
export function moveFrom(index: number, key: string, grid: KeyGrid, count: number): number | null {
  let next: number;
  switch (key) {
    case 'ArrowLeft':
      next = index - 1;
      break;
    case 'ArrowRight':
      next = index + 1;
      break;
    case 'ArrowUp':
      next = index + grid.columns;
      // The top row may be short: go to its last key rather than nowhere.
      if (next >= count && Math.floor(index / grid.columns) < grid.rows - 1) next = count - 1;
      break;
    case 'ArrowDown':
      next = index - grid.columns;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    default:
      return null;
  }
  return next >= 0 && next < count && next !== index ? next : null;
}

/**
 * A hue per pitch class, 30 degrees apart round the colour wheel, so that
 * every C has one colour and every G another, in every octave, as Chrome
 * Music Lab colours its notes.
 */
export function pitchHue(midi: number): number {
  return (((midi % 12) + 12) % 12) * 30 + 20;
}

/** A hue per pad, spread evenly round the wheel. */
export function padHue(index: number, count: number): number {
  return Math.round((index * 360) / Math.max(1, count) + 20) % 360;
}
