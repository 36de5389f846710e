/**
 * Scene backgrounds, drawn for Attune in a 144 x 114 frame: the tray's shape
 * (72:57, see `tray.ts`), so nothing is stretched. Plain shapes, soft
 * colours, nothing that competes with the props.
 */
const frame = (body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 144 114" preserveAspectRatio="none">${body}</svg>`;

const PAPER = '<rect width="144" height="114" fill="#f8f5ee"/>';

export const BACKGROUNDS = {
  blank: { name: 'Blank', svg: frame(PAPER) },
  'sand-tray': {
    name: 'Sand tray',
    svg: frame(
      '<rect width="144" height="114" fill="#ecd9b0"/>' +
        '<path d="M16 32q18-6 36 0M84 80q22-6 40 0M26 94q14-4 28 0M92 26q14-4 28 0" fill="none" stroke="#dcc291" stroke-width="1.5"/>',
    ),
  },
  beach: {
    name: 'Beach',
    svg: frame(
      '<rect width="144" height="46" fill="#cfe8f7"/><rect y="44" width="144" height="26" fill="#6fb2dd"/>' +
        '<path d="M0 68q18-6 36 0t36 0 36 0 36 0v46H0z" fill="#f2dfae"/><circle cx="121" cy="16" r="8" fill="#f7d774"/>',
    ),
  },
  forest: {
    name: 'Forest',
    svg: frame(
      '<rect width="144" height="114" fill="#dff0dc"/><rect y="80" width="144" height="34" fill="#a9cf94"/>' +
        [11, 36, 63, 90, 117, 135]
          .map(
            (x, i) =>
              `<path d="M${x} ${82 - (i % 2) * 7}l-9 0 9-${34 + (i % 3) * 7} 9 ${34 + (i % 3) * 7}z" fill="#6aa37a"/>`,
          )
          .join(''),
    ),
  },
  room: {
    name: 'A room',
    svg: frame(
      '<rect width="144" height="75" fill="#f4ecdf"/><rect y="75" width="144" height="39" fill="#c9a77f"/>' +
        '<rect x="18" y="16" width="31" height="30" fill="#d8eef8" stroke="#b39a7a" stroke-width="2"/>' +
        '<rect x="101" y="23" width="22" height="52" fill="#d9c2a1" stroke="#b39a7a" stroke-width="2"/>',
    ),
  },
  line: {
    name: 'A line (spectrogram)',
    svg: frame(
      PAPER +
        '<path d="M9 57h126" stroke="#52606d" stroke-width="2"/>' +
        '<path d="M9 50v14M72 52v10M135 50v14" stroke="#52606d" stroke-width="2"/>',
    ),
  },
  circles: {
    name: 'Circles (sociogram)',
    svg: frame(
      PAPER +
        [50, 34, 18]
          .map(
            (r) =>
              `<ellipse cx="72" cy="57" rx="${r * 1.26}" ry="${r}" fill="none" stroke="#9aa5b1" stroke-width="1.5"/>`,
          )
          .join('') +
        '<circle cx="72" cy="57" r="3" fill="#52606d"/>',
    ),
  },
} as const;

export type BackgroundId = keyof typeof BACKGROUNDS;
export const BACKGROUND_IDS = Object.keys(BACKGROUNDS) as BackgroundId[];
