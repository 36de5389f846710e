/** Built-in props: nature, home, vehicles. Drawn for Attune, MIT like the package. */
import { seedsToProps } from './prop-types.js';
import type { PropSeed } from './prop-types.js';

const nature: PropSeed[] = [
  [
    'tree',
    'nature growth roots forest strong',
    'A leafy tree with a brown trunk',
    `<path d="M28 58V40h8v18z" fill="#8b5e3c"/><circle cx="32" cy="26" r="18" fill="#6bb36b"/>`,
  ],
  [
    'flower',
    'nature bloom growth gentle',
    'A flower with five petals on a stem',
    `<path d="M32 34v24M32 48q-8-6-12-2M32 50q8-6 12-2" fill="none" stroke="#4f9a4f"/><circle cx="32" cy="14" r="6" fill="#f28cb1"/><circle cx="22" cy="22" r="6" fill="#f28cb1"/><circle cx="42" cy="22" r="6" fill="#f28cb1"/><circle cx="26" cy="32" r="6" fill="#f28cb1"/><circle cx="38" cy="32" r="6" fill="#f28cb1"/><circle cx="32" cy="24" r="5" fill="#f2c94c"/>`,
  ],
  [
    'shell',
    'nature sea beach listen protection',
    'A scallop shell',
    `<path d="M32 54L10 30q0-18 22-18t22 18z" fill="#f7d6b8"/><path d="M32 54V14M32 54L20 18M32 54l12-36M32 54L12 26M32 54l20-28" fill="none"/><path d="M26 54h12v4H26z" fill="#f7d6b8"/>`,
  ],
  [
    'stone',
    'nature rock heavy steady grounded',
    'A smooth grey stone',
    `<path d="M10 44q2-18 20-20t24 12q2 14-22 14T10 44z" fill="#a9b0b8"/><path d="M22 34q6-4 12-2" fill="none" stroke="#d5dadf"/>`,
  ],
  [
    'feather',
    'nature light gentle soft flying',
    'A long soft feather',
    `<path d="M50 10Q20 14 16 48l4 4q30-6 30-42z" fill="#b8d8f0"/><path d="M10 56l40-46M28 30l-6-2M34 24l-6-2M24 38l-6-2" fill="none"/>`,
  ],
  [
    'leaf',
    'nature autumn change falling',
    'A green leaf with veins',
    `<path d="M12 52Q10 14 52 12q2 40-40 40z" fill="#8cc56b"/><path d="M12 52l30-30M24 40v-10M32 32h10" fill="none"/>`,
  ],
  [
    'mountain',
    'nature challenge climb big obstacle',
    'A mountain with a snowy top',
    `<path d="M4 54l20-36 10 14 8-10 18 32z" fill="#8a9bb0"/><path d="M18 29l6-11 6 9-4 3-3-3z" fill="#fff"/>`,
  ],
  [
    'mushroom',
    'nature forest small hidden',
    'A red mushroom with white spots',
    `<path d="M26 36h12v18H26z" fill="#f3e9d2"/><path d="M8 38q0-24 24-24t24 24z" fill="#e05a4f"/><circle cx="22" cy="28" r="3" fill="#fff"/><circle cx="36" cy="22" r="3" fill="#fff"/><circle cx="44" cy="32" r="2" fill="#fff"/>`,
  ],
];

const home: PropSeed[] = [
  [
    'house',
    'home family safe shelter',
    'A house with a pointed roof and a door',
    `<path d="M12 30h40v26H12z" fill="#f2d28b"/><path d="M6 32L32 10l26 22z" fill="#d2694f"/><path d="M28 56V42h8v14z" fill="#8b5e3c"/><path d="M16 36h8v6h-8zM40 36h8v6h-8z" fill="#bfe3f5"/>`,
  ],
  [
    'door',
    'home threshold opening choice',
    'A wooden door with a round handle',
    `<path d="M18 58V10h28v48z" fill="#b07a4f"/><circle cx="40" cy="36" r="2.5" fill="#f2c94c"/><path d="M22 16h20v16H22zM22 38h12v16H22z" fill="none"/>`,
  ],
  [
    'bed',
    'home sleep rest tired night',
    'A bed with a pillow and blanket',
    `<path d="M6 50V26M58 50V38" fill="none"/><path d="M6 38h52v10H6z" fill="#6aa6d8"/><path d="M10 30h14v8H10z" fill="#fff"/>`,
  ],
  [
    'chair',
    'home sit rest empty absent',
    'A simple wooden chair',
    `<path d="M20 8v50M44 30v28M20 30h24v6H20z" fill="#c99a6b"/><path d="M20 10h4v22h-4z" fill="#c99a6b"/>`,
  ],
  [
    'lamp',
    'home light warmth idea',
    'A table lamp with a shade',
    `<path d="M20 28l6-18h12l6 18z" fill="#f2d28b"/><path d="M32 28v22M22 54h20" fill="none"/><path d="M24 50h16v6H24z" fill="#a9b0b8"/>`,
  ],
  [
    'window',
    'home view outside looking',
    'A window with four panes',
    `<path d="M12 10h40v44H12z" fill="#bfe3f5"/><path d="M32 10v44M12 32h40" fill="none"/><path d="M8 54h48" fill="none"/>`,
  ],
  [
    'teacup',
    'home comfort warm drink care',
    'A teacup on a saucer with steam',
    `<path d="M14 30h32v6q0 14-16 14T14 36z" fill="#f7f1e3"/><path d="M46 34q10 0 6 8t-8 0" fill="none"/><path d="M8 52h44" fill="none"/><path d="M24 24q-4-6 0-10M34 24q-4-6 0-10" fill="none"/>`,
  ],
];

const vehicles: PropSeed[] = [
  [
    'car',
    'vehicle travel journey road',
    'A small car',
    `<path d="M6 44V34l8-12h28l10 12h6v10z" fill="#e05a4f"/><path d="M18 26h10v8H14zM32 26h8l6 8H32z" fill="#bfe3f5"/><circle cx="18" cy="46" r="6" fill="#3a3f4b"/><circle cx="46" cy="46" r="6" fill="#3a3f4b"/>`,
  ],
  [
    'bus',
    'vehicle travel group school',
    'A yellow bus',
    `<path d="M6 14h48q4 0 4 4v28H6z" fill="#f2c94c"/><path d="M10 20h8v8h-8zM22 20h8v8h-8zM34 20h8v8h-8zM46 20h8v8h-8z" fill="#bfe3f5"/><circle cx="16" cy="48" r="5" fill="#3a3f4b"/><circle cx="46" cy="48" r="5" fill="#3a3f4b"/>`,
  ],
  [
    'boat',
    'vehicle sea journey sail',
    'A sailing boat on water',
    `<path d="M8 40h48l-8 12H16z" fill="#b07a4f"/><path d="M30 8v32M30 10l18 26H30z" fill="#fff"/><path d="M4 58q6-4 14 0t14 0 14 0 14 0" fill="none" stroke="#6aa6d8"/>`,
  ],
  [
    'plane',
    'vehicle flight away far travel',
    'An aeroplane seen from above',
    `<path d="M30 6q4 0 4 8v40l8 4H22l8-4V14q0-8 4-8" fill="#dfe6ee"/><path d="M34 28l22 10v4L34 38M30 28L8 38v4l22-4" fill="#6aa6d8"/>`,
  ],
  [
    'bicycle',
    'vehicle ride balance freedom',
    'A bicycle',
    `<circle cx="16" cy="42" r="10" fill="none"/><circle cx="48" cy="42" r="10" fill="none"/><path d="M16 42l10-18h16l6 18M26 24l8 18h14M40 18h6" fill="none" stroke="#4f7fd9"/>`,
  ],
  [
    'train',
    'vehicle journey track together',
    'A steam train engine',
    `<path d="M8 24h24v22H8z" fill="#4f7fd9"/><path d="M32 32h22v14H32z" fill="#e05a4f"/><path d="M40 22h6v10h-6z" fill="#3a3f4b"/><circle cx="16" cy="50" r="5" fill="#3a3f4b"/><circle cx="36" cy="50" r="5" fill="#3a3f4b"/><circle cx="50" cy="50" r="4" fill="#3a3f4b"/>`,
  ],
];

export const WORLD_PROPS = [
  ...seedsToProps('nature', nature),
  ...seedsToProps('home', home),
  ...seedsToProps('vehicles', vehicles),
];
