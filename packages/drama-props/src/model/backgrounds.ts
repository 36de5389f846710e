/**
 * Scene backgrounds, drawn for Attune in a 160 x 100 frame: the tray's shape
 * (16:10, see `tray.ts`), so nothing is stretched. Plain shapes, soft
 * colours, nothing that competes with the props.
 */
const frame = (body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 100" preserveAspectRatio="none">${body}</svg>`;

const PAPER = '<rect width="160" height="100" fill="#f8f5ee"/>';

export const BACKGROUNDS = {
  blank: { name: 'Blank', svg: frame(PAPER) },
  'sand-tray': {
    name: 'Sand tray',
    svg: frame(
      '<rect width="160" height="100" fill="#ecd9b0"/>' +
        '<path d="M18 28q20-6 40 0M94 70q24-6 44 0M28 82q16-4 32 0M102 22q16-4 32 0" fill="none" stroke="#dcc291" stroke-width="1.5"/>',
    ),
  },
  beach: {
    name: 'Beach',
    svg: frame(
      '<rect width="160" height="40" fill="#cfe8f7"/><rect y="38" width="160" height="23" fill="#6fb2dd"/>' +
        '<path d="M0 60q20-6 40 0t40 0 40 0 40 0v40H0z" fill="#f2dfae"/><circle cx="135" cy="14" r="8" fill="#f7d774"/>',
    ),
  },
  forest: {
    name: 'Forest',
    svg: frame(
      '<rect width="160" height="100" fill="#dff0dc"/><rect y="70" width="160" height="30" fill="#a9cf94"/>' +
        [12, 40, 70, 100, 130, 150]
          .map(
            (x, i) =>
              `<path d="M${x} ${72 - (i % 2) * 6}l-10 0 10-${30 + (i % 3) * 6} 10 ${30 + (i % 3) * 6}z" fill="#6aa37a"/>`,
          )
          .join(''),
    ),
  },
  room: {
    name: 'A room',
    svg: frame(
      '<rect width="160" height="66" fill="#f4ecdf"/><rect y="66" width="160" height="34" fill="#c9a77f"/>' +
        '<rect x="20" y="14" width="34" height="26" fill="#d8eef8" stroke="#b39a7a" stroke-width="2"/>' +
        '<rect x="112" y="20" width="24" height="46" fill="#d9c2a1" stroke="#b39a7a" stroke-width="2"/>',
    ),
  },
  line: {
    name: 'A line (spectrogram)',
    svg: frame(
      PAPER +
        '<path d="M10 50h140" stroke="#52606d" stroke-width="2"/>' +
        '<path d="M10 44v12M80 46v8M150 44v12" stroke="#52606d" stroke-width="2"/>',
    ),
  },
  circles: {
    name: 'Circles (sociogram)',
    svg: frame(
      PAPER +
        [44, 30, 16]
          .map(
            (r) =>
              `<ellipse cx="80" cy="50" rx="${r * 1.6}" ry="${r}" fill="none" stroke="#9aa5b1" stroke-width="1.5"/>`,
          )
          .join('') +
        '<circle cx="80" cy="50" r="3" fill="#52606d"/>',
    ),
  },
} as const;

export type BackgroundId = keyof typeof BACKGROUNDS;
export const BACKGROUND_IDS = Object.keys(BACKGROUNDS) as BackgroundId[];
