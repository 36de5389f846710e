/** Built-in props: everyday objects, fantasy, weather and feelings. Drawn for Attune, MIT. */
import { seedsToProps } from './prop-types.js';
import type { PropSeed } from './prop-types.js';

const objects: PropSeed[] = [
  [
    'sunglasses',
    'object ease relaxed cool summer',
    'A pair of dark sunglasses',
    `<path d="M6 26h52" fill="none"/><path d="M8 26h20q0 14-10 14T8 26zM36 26h20q0 14-10 14T36 26z" fill="#3a3f4b"/><path d="M28 28q4-3 8 0" fill="none"/>`,
  ],
  [
    'key',
    'object secret open access answer',
    'An old golden key',
    `<circle cx="18" cy="32" r="10" fill="#f2c94c"/><circle cx="18" cy="32" r="4" fill="#fff"/><path d="M28 32h28v6M48 32v6" fill="none" stroke="#c9a227" stroke-width="4"/>`,
  ],
  [
    'umbrella',
    'object shelter protection rain',
    'An open umbrella',
    `<path d="M6 32Q8 10 32 10t26 22q-4-4-9 0-4-4-9 0-4-4-8 0-4-4-8 0-5-4-9 0-4-4-9 0z" fill="#7c6fd8"/><path d="M32 32v20q0 6 6 4" fill="none"/>`,
  ],
  [
    'clock',
    'object time waiting late hurry',
    'A round clock showing three o\u2019clock',
    `<circle cx="32" cy="32" r="22" fill="#fff"/><path d="M32 18v14h10" fill="none"/>`,
  ],
  [
    'book',
    'object story learning memory',
    'An open book',
    `<path d="M32 16Q20 10 8 14v34q12-4 24 2zM32 16q12-6 24-2v34q-12-4-24 2z" fill="#f7f1e3"/><path d="M14 22q6-2 12 0M14 28q6-2 12 0M38 22q6-2 12 0M38 28q6-2 12 0" fill="none"/>`,
  ],
  [
    'letter',
    'object message words unsaid',
    'A sealed envelope',
    `<path d="M8 18h48v30H8z" fill="#f7f1e3"/><path d="M8 18l24 18 24-18" fill="none"/><circle cx="32" cy="36" r="4" fill="#e05a4f"/>`,
  ],
  [
    'gift',
    'object present surprise give',
    'A wrapped present with a bow',
    `<path d="M10 26h44v28H10z" fill="#e05a4f"/><path d="M32 26v28M10 38h44" fill="none" stroke="#f2c94c" stroke-width="4"/><path d="M32 26q-12-14-14-4t14 4q12-14 14-4t-14 4z" fill="#f2c94c"/>`,
  ],
  [
    'ball',
    'object play game fun',
    'A striped ball',
    `<circle cx="32" cy="32" r="20" fill="#6aa6d8"/><path d="M14 24q18 8 36 0M14 40q18-8 36 0" fill="none" stroke="#fff" stroke-width="4"/>`,
  ],
  [
    'mirror',
    'object self reflection seeing',
    'A hand mirror',
    `<ellipse cx="32" cy="24" rx="14" ry="16" fill="#bfe3f5"/><path d="M24 18q4-6 10-6" fill="none" stroke="#fff"/><path d="M29 40h6v18h-6z" fill="#b07a4f"/>`,
  ],
  [
    'candle',
    'object light hope remember',
    'A lit candle',
    `<path d="M24 30h16v26H24z" fill="#f7f1e3"/><path d="M32 10q8 10 0 16-8-6 0-16z" fill="#f2a65a"/><path d="M32 26v4" fill="none"/>`,
  ],
  [
    'hat',
    'object role character dress up',
    'A tall top hat',
    `<path d="M20 12h24v30H20z" fill="#3a3f4b"/><path d="M8 42h48v6H8z" fill="#3a3f4b"/><path d="M20 36h24" fill="none" stroke="#e05a4f" stroke-width="4"/>`,
  ],
];

const fantasy: PropSeed[] = [
  [
    'dragon',
    'fantasy fear power fire monster',
    'A friendly green dragon breathing a little fire',
    `<path d="M10 50q0-20 16-22l6-14 6 8q8 2 8 12 0 16-18 16z" fill="#7cb66b"/><path d="M24 30l4-8 4 8" fill="#a8d08c"/><circle cx="36" cy="26" r="1.5" fill="#3a3f4b"/><path d="M46 32q8-2 12 2-6 2-12 0z" fill="#f2a65a"/>`,
  ],
  [
    'wand',
    'fantasy magic wish change',
    'A magic wand with a star',
    `<path d="M12 54l26-26" fill="none" stroke-width="4"/><path d="M44 8l4 8 8 1-6 6 2 8-8-4-8 4 2-8-6-6 8-1z" fill="#f2c94c"/>`,
  ],
  [
    'crown',
    'fantasy power royal special',
    'A golden crown with jewels',
    `<path d="M8 48V20l12 12 12-16 12 16 12-12v28z" fill="#f2c94c"/><circle cx="20" cy="42" r="3" fill="#e05a4f"/><circle cx="32" cy="42" r="3" fill="#4f7fd9"/><circle cx="44" cy="42" r="3" fill="#7cb66b"/>`,
  ],
  [
    'castle',
    'fantasy strong walls safe story',
    'A castle with two towers',
    `<path d="M6 58V22h4v4h4v-4h4v36zM46 58V22h4v4h4v-4h4v36zM18 58V32h28v26z" fill="#c4c9d1"/><path d="M28 58V46q4-6 8 0v12z" fill="#8b5e3c"/>`,
  ],
  [
    'treasure chest',
    'fantasy treasure hidden valuable secret',
    'A treasure chest with gold',
    `<path d="M8 30h48v24H8z" fill="#b07a4f"/><path d="M8 30q0-14 24-14t24 14z" fill="#c99a6b"/><path d="M28 30h8v10h-8z" fill="#f2c94c"/>`,
  ],
  [
    'ghost',
    'fantasy fear past memory haunting',
    'A small, soft ghost',
    `<path d="M14 56V28q0-18 18-18t18 18v28l-6-4-6 4-6-4-6 4-6-4z" fill="#f5f7fa"/><circle cx="26" cy="28" r="2" fill="#3a3f4b"/><circle cx="38" cy="28" r="2" fill="#3a3f4b"/><ellipse cx="32" cy="38" rx="3" ry="4" fill="#3a3f4b"/>`,
  ],
  [
    'crystal ball',
    'fantasy future seeing wonder',
    'A crystal ball on a stand',
    `<circle cx="32" cy="28" r="18" fill="#c9b8f0"/><path d="M24 20q4-6 10-6" fill="none" stroke="#fff"/><path d="M18 56l6-12h16l6 12z" fill="#b07a4f"/>`,
  ],
];

const weather: PropSeed[] = [
  [
    'sun',
    'weather warm bright happy day',
    'A smiling sun with rays',
    `<circle cx="32" cy="32" r="12" fill="#f2c94c"/><path d="M32 6v8M32 50v8M6 32h8M50 32h8M14 14l6 6M44 44l6 6M50 14l-6 6M14 50l6-6" fill="none"/>`,
  ],
  [
    'cloud',
    'weather grey mood cover',
    'A fluffy cloud',
    `<path d="M16 46q-10 0-10-9t10-9q2-12 14-12 10 0 14 10 12 0 12 10t-12 10z" fill="#e8edf2"/>`,
  ],
  [
    'rain',
    'weather sad tears grey',
    'A cloud with falling raindrops',
    `<path d="M16 36q-10 0-10-8t10-8q2-10 14-10 10 0 14 8 12 0 12 9t-12 9z" fill="#a9b0b8"/><path d="M18 44l-3 8M32 44l-3 8M46 44l-3 8" fill="none" stroke="#4f7fd9"/>`,
  ],
  [
    'storm',
    'weather anger thunder lightning',
    'A dark cloud with a lightning bolt',
    `<path d="M16 34q-10 0-10-8t10-8q2-10 14-10 10 0 14 8 12 0 12 9t-12 9z" fill="#6b7480"/><path d="M34 34l-8 12h8l-4 12 12-16h-8l4-8z" fill="#f2c94c"/>`,
  ],
  [
    'snowflake',
    'weather cold winter quiet unique',
    'A six-pointed snowflake',
    `<path d="M32 8v48M11 20l42 24M53 20L11 44M26 12l6 6 6-6M26 52l6-6 6 6" fill="none" stroke="#4f9ad8"/>`,
  ],
  [
    'rainbow',
    'weather hope colour after storm',
    'A rainbow arching over',
    `<path d="M6 50a26 26 0 0152 0" fill="none" stroke="#e05a4f" stroke-width="5"/><path d="M13 50a19 19 0 0138 0" fill="none" stroke="#f2c94c" stroke-width="5"/><path d="M20 50a12 12 0 0124 0" fill="none" stroke="#4f9ad8" stroke-width="5"/>`,
  ],
  [
    'moon',
    'weather night dream quiet sleep',
    'A crescent moon',
    `<path d="M40 8a24 24 0 100 48A20 20 0 0140 8z" fill="#f2d28b"/>`,
  ],
];

function face(fill: string, features: string): string {
  return `<circle cx="32" cy="32" r="24" fill="${fill}"/>${features}`;
}
const eyes =
  '<circle cx="24" cy="26" r="2.5" fill="#3a3f4b"/><circle cx="40" cy="26" r="2.5" fill="#3a3f4b"/>';

const feelings: PropSeed[] = [
  [
    'happy face',
    'feelings joy glad smile',
    'A smiling face',
    face('#f2c94c', `${eyes}<path d="M20 36q12 12 24 0" fill="none"/>`),
  ],
  [
    'sad face',
    'feelings sad low down tears',
    'A sad face with a tear',
    face(
      '#9cc3e6',
      `${eyes}<path d="M22 46q10-10 20 0" fill="none"/><path d="M40 32q-3 5 0 6 3-1 0-6z" fill="#4f7fd9"/>`,
    ),
  ],
  [
    'angry face',
    'feelings anger cross mad',
    'An angry face with frowning brows',
    face('#e98a7a', `${eyes}<path d="M18 18l10 4M46 18l-10 4M22 44h20" fill="none"/>`),
  ],
  [
    'scared face',
    'feelings fear worried anxious',
    'A scared face with an open mouth',
    face('#c9b8f0', `${eyes}<ellipse cx="32" cy="42" rx="6" ry="8" fill="#3a3f4b"/>`),
  ],
  [
    'calm face',
    'feelings calm peace relaxed',
    'A calm face with closed eyes',
    face('#a8d8c8', `<path d="M20 27q4 3 8 0M36 27q4 3 8 0M24 40q8 4 16 0" fill="none"/>`),
  ],
  [
    'heart',
    'feelings love care warmth',
    'A red heart',
    `<path d="M32 54L10 32q-8-10 0-18t22 4q14-12 22-4t0 18z" fill="#e05a4f"/>`,
  ],
  [
    'broken heart',
    'feelings loss grief hurt',
    'A heart broken in two',
    `<path d="M30 52L10 32q-8-10 0-18t20 4l-4 10 8 6-6 8z" fill="#e05a4f"/><path d="M36 52l18-20q8-10 0-18t-18 4l-2 10 6 6-4 8z" fill="#e05a4f"/>`,
  ],
];

export const INNER_PROPS = [
  ...seedsToProps('objects', objects),
  ...seedsToProps('fantasy', fantasy),
  ...seedsToProps('weather', weather),
  ...seedsToProps('feelings', feelings),
];
