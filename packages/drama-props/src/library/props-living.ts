/** Built-in props: people and figures, animals. Drawn for Attune, MIT like the package. */
import { seedsToProps } from './prop-types.js';
import type { PropSeed } from './prop-types.js';

const skin = 'fill="#f4c9a0"';

const people: PropSeed[] = [
  [
    'person',
    'figure adult self someone',
    'A simple standing person',
    `<circle cx="32" cy="16" r="8" ${skin}/><path d="M20 58V38q0-12 12-12t12 12v20z" fill="#6aa6d8"/>`,
  ],
  [
    'child',
    'figure kid young small',
    'A small child with arms out',
    `<circle cx="32" cy="24" r="7" ${skin}/><path d="M24 58V44q0-10 8-10t8 10v14z" fill="#f2b84b"/><path d="M24 40l-8-6M40 40l8-6" fill="none"/>`,
  ],
  [
    'grandparent',
    'figure elder old wise family',
    'An older person leaning on a walking stick',
    `<circle cx="28" cy="16" r="8" ${skin}/><path d="M22 12q6-8 12 0" fill="#e0e0e0"/><path d="M16 58V38q0-12 12-12t12 12v20z" fill="#9b8ec4"/><path d="M46 30v28M46 30q4-4 6 0" fill="none"/>`,
  ],
  [
    'family',
    'figures group parents children together',
    'Three figures standing side by side, one smaller',
    `<circle cx="16" cy="20" r="6" ${skin}/><path d="M8 56V38q0-8 8-8t8 8v18z" fill="#6aa6d8"/><circle cx="48" cy="20" r="6" ${skin}/><path d="M40 56V38q0-8 8-8t8 8v18z" fill="#e07a7a"/><circle cx="32" cy="32" r="5" ${skin}/><path d="M26 56V46q0-6 6-6t6 6v10z" fill="#f2b84b"/>`,
  ],
  [
    'ruler',
    'figure king queen power authority crown',
    'A figure wearing a golden crown',
    `<circle cx="32" cy="22" r="8" ${skin}/><path d="M22 12l4-8 6 6 6-6 4 8z" fill="#f2c94c"/><path d="M18 58V42q0-12 14-12t14 12v16z" fill="#b05fb0"/>`,
  ],
  [
    'hero',
    'figure brave strong cape courage',
    'A figure with hands on hips and a flowing cape',
    `<path d="M20 30q-8 16-4 28h32q4-12-4-28z" fill="#e05a4f"/><circle cx="32" cy="16" r="8" ${skin}/><path d="M24 58V38q0-10 8-10t8 10v20z" fill="#4f7fd9"/><path d="M24 40l-4 6M40 40l4 6" fill="none"/>`,
  ],
  [
    'baby',
    'figure infant newborn small care',
    'A baby wrapped in a blanket',
    `<path d="M16 40q0-16 16-16t16 16q0 16-16 16T16 40z" fill="#a8d8c8"/><circle cx="32" cy="26" r="9" ${skin}/><circle cx="29" cy="26" r="1" fill="#3a3f4b"/><circle cx="35" cy="26" r="1" fill="#3a3f4b"/>`,
  ],
  [
    'friends',
    'figures two pair together holding hands',
    'Two figures holding hands',
    `<circle cx="20" cy="18" r="7" ${skin}/><path d="M12 58V38q0-10 8-10t8 10v20z" fill="#7cc47c"/><circle cx="44" cy="18" r="7" ${skin}/><path d="M36 58V38q0-10 8-10t8 10v20z" fill="#f29e4c"/><path d="M28 42h8" fill="none"/>`,
  ],
];

const animals: PropSeed[] = [
  [
    'cat',
    'animal pet soft independent',
    'A sitting cat with pointed ears',
    `<path d="M18 58q-4-20 6-28l-2-14 8 8h4l8-8-2 14q10 8 6 28z" fill="#f2a65a"/><circle cx="27" cy="30" r="1.5" fill="#3a3f4b"/><circle cx="37" cy="30" r="1.5" fill="#3a3f4b"/><path d="M30 36h4l-2 2z" fill="#e07a7a"/>`,
  ],
  [
    'dog',
    'animal pet loyal friend',
    'A friendly dog with floppy ears',
    `<ellipse cx="32" cy="34" rx="14" ry="13" fill="#c99a6b"/><path d="M18 26q-8 4-4 16l6-4zM46 26q8 4 4 16l-6-4z" fill="#8b5e3c"/><circle cx="27" cy="32" r="1.5" fill="#3a3f4b"/><circle cx="37" cy="32" r="1.5" fill="#3a3f4b"/><ellipse cx="32" cy="39" rx="3" ry="2" fill="#3a3f4b"/>`,
  ],
  [
    'bird',
    'animal flying free song',
    'A small round bird',
    `<ellipse cx="30" cy="36" rx="16" ry="12" fill="#6ab0e0"/><circle cx="40" cy="26" r="8" fill="#6ab0e0"/><path d="M48 26l6 2-6 2z" fill="#f2c94c"/><circle cx="42" cy="24" r="1.5" fill="#3a3f4b"/><path d="M22 34q6 6 14 0" fill="none"/><path d="M28 48v6M34 48v6" fill="none"/>`,
  ],
  [
    'fish',
    'animal water swim sea',
    'A fish swimming to the right',
    `<path d="M10 32q16-16 36 0-20 16-36 0z" fill="#f29e4c"/><path d="M46 32l10-8v16z" fill="#f29e4c"/><circle cx="20" cy="30" r="1.5" fill="#3a3f4b"/>`,
  ],
  [
    'butterfly',
    'animal change transformation light',
    'A butterfly with open wings',
    `<path d="M32 30Q20 6 10 18t22 14zM32 30Q44 6 54 18T32 32z" fill="#c77dd8"/><path d="M32 34Q16 40 20 52t12-16zM32 34q16 6 12 18T32 36z" fill="#f2b84b"/><path d="M32 22v30" fill="none"/>`,
  ],
  [
    'turtle',
    'animal slow shell safe protection',
    'A turtle with a patterned shell',
    `<path d="M12 44q0-20 20-20t20 20z" fill="#7cb66b"/><circle cx="56" cy="40" r="5" fill="#a8d08c"/><path d="M16 44v6M26 44v6M38 44v6M48 44v6" fill="none"/><path d="M24 36l8-6 8 6" fill="none"/>`,
  ],
  [
    'snake',
    'animal danger sly winding',
    'A winding snake',
    `<path d="M8 48q8-12 16 0t16 0 12-16" fill="none" stroke-width="7" stroke="#7cb66b"/><circle cx="53" cy="30" r="5" fill="#7cb66b"/><path d="M57 30h5" fill="none" stroke="#e05a4f"/>`,
  ],
  [
    'owl',
    'animal wise night watchful',
    'An owl with big round eyes',
    `<ellipse cx="32" cy="36" rx="16" ry="20" fill="#a67c52"/><circle cx="25" cy="30" r="6" fill="#fff"/><circle cx="39" cy="30" r="6" fill="#fff"/><circle cx="25" cy="30" r="2" fill="#3a3f4b"/><circle cx="39" cy="30" r="2" fill="#3a3f4b"/><path d="M30 38l2 3 2-3z" fill="#f2c94c"/>`,
  ],
];

export const LIVING_PROPS = [...seedsToProps('people', people), ...seedsToProps('animals', animals)];
