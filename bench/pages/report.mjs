/**
 * The pages benchmark's table: one row per figure, one column per build (the anchor first),
 * the ratio of this build to the anchor where a ratio means something, and the issue's target.
 */
import { MODALITIES } from './ui.mjs';
import { VIEWERS } from './stage.mjs';

/** @typedef {import('./lighthouse.mjs').Audit} Audit */
/** @typedef {import('./transfer.mjs').Bytes} Bytes */

/**
 * @typedef {object} Measured
 * @property {import('./builds.mjs').Build} build
 * @property {Record<string, Audit[]>} [lighthouse] page → runs
 * @property {{ welcome: Bytes, settled: Bytes, pending: number }} [transfer]
 * @property {Record<string, Record<string, import('./stage.mjs').Share>>} [stage]
 */

/** Lighthouse's pages: the key, the row's name, and the path audited. */
export const LIGHTHOUSE_PAGES = [
  { key: 'join', title: '`/join` (welcome step)', target: { performance: '≥ 90' } },
  { key: 'therapist', title: '`/therapist` (console, session open)', target: { performance: '≥ 90' } },
];

const median = (/** @type {number[]} */ v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kB = (/** @type {number} */ b) => `${(b / 1000).toFixed(1)} kB`;
const pct = (/** @type {number} */ f) => `${(f * 100).toFixed(0)}%`;

/** "68 (67-69)" for several runs, "68" for one; `unit` follows the median only: "4.9 s (4.8-5.0)". */
function spread(/** @type {number[]} */ values, digits = 0, unit = '') {
  const ok = values.filter(Number.isFinite);
  if (!ok.length) return '—';
  const f = (/** @type {number} */ n) => n.toFixed(digits);
  const lo = Math.min(...ok);
  const hi = Math.max(...ok);
  return f(lo) === f(hi) ? `${f(ok[0])}${unit}` : `${f(median(ok))}${unit} (${f(lo)}-${f(hi)})`;
}

/**
 * @typedef {object} Row
 * @property {string} figure
 * @property {(m: Measured) => { text: string, value?: number } | null} cell
 * @property {string} [target]
 */

/** @returns {Row[]} */
function rows() {
  /** @type {Row[]} */
  const out = [];
  for (const p of LIGHTHOUSE_PAGES) {
    const runs = (/** @type {Measured} */ m) => m.lighthouse?.[p.key];
    /** @param {keyof Audit} key @param {string} name @param {string} target @param {number} [scale] @param {number} [digits] @param {string} [unit] */
    const metric = (key, name, target, scale = 1, digits = 0, unit = '') =>
      out.push({
        figure: `Lighthouse mobile, ${p.title}: ${name}`,
        target,
        cell: (m) => {
          const r = runs(m);
          if (!r?.length) return null;
          const values = r.map((a) => /** @type {number} */ (a[key]) * scale);
          return { text: spread(values, digits, unit), value: median(values) };
        },
      });
    metric('performance', 'performance', '≥ 90');
    metric('accessibility', 'accessibility', '100');
    metric('bestPractices', 'best practices', '100');
    metric('lcp', 'largest contentful paint', '', 1 / 1000, 1, ' s');
    metric('tbt', 'total blocking time', '', 1, 0, ' ms');
  }
  /** @param {'welcome' | 'settled'} when @param {string} name @param {string} target */
  const bytes = (when, name, target) => {
    out.push({
      figure: `JavaScript ${name}, on the wire`,
      target,
      cell: (m) => {
        const b = m.transfer?.[when];
        if (!b) return null;
        const pending =
          when === 'welcome' && m.transfer?.pending ? `, ${m.transfer.pending} still loading` : '';
        return {
          text: `${kB(b.transferred)} (${b.files} files, ${b.encodings.join('/')}${pending})`,
          value: b.transferred,
        };
      },
    });
    out.push({
      figure: `JavaScript ${name}, uncompressed`,
      cell: (m) => {
        const b = m.transfer?.[when];
        return b ? { text: kB(b.decoded), value: b.decoded } : null;
      },
    });
  };
  bytes('welcome', 'transferred before the welcome step (`/join`)', '≤ 150 kB compressed');
  bytes('settled', 'transferred once `/join` is idle', '');
  for (const v of VIEWERS)
    for (const [modality, { title }] of Object.entries(MODALITIES))
      out.push({
        figure: `stage share of the first screen, ${v.title}: ${title}`,
        target: v.target ? `≥ ${pct(v.target)}` : '',
        cell: (m) => {
          const s = m.stage?.[v.id]?.[modality];
          if (!s) return null;
          if ('error' in s) return { text: 'failed' };
          return {
            text: `${pct(s.share)} (${s.source === 'element box' ? 'element box' : s.source === 'pageRect()' ? 'pageRect()' : '`' + s.source + '`'}, y ${s.top}-${s.bottom})`,
            value: s.share,
          };
        },
      });
  return out;
}

/**
 * The Markdown table: `measured` has the anchor first when there is one.
 * @param {Measured[]} measured
 */
export function table(measured) {
  const anchored = measured.length > 1;
  const head = [
    'figure',
    ...measured.map((m) => `${m.build.label} (${m.build.commit})`),
    ...(anchored ? ['this / before'] : []),
    'target (issue 13)',
  ];
  const lines = [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const row of rows()) {
    const cells = measured.map((m) => row.cell(m));
    if (cells.every((c) => c === null)) continue;
    const ratio = (() => {
      if (!anchored) return [];
      const [a, b] = [cells[0]?.value, cells[cells.length - 1]?.value];
      return [a && b && Number.isFinite(a / b) ? `${(b / a).toFixed(2)}` : ''];
    })();
    lines.push(
      `| ${[row.figure, ...cells.map((c) => c?.text ?? '—'), ...ratio, row.target ?? ''].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** What Lighthouse marked below full marks, per build and page (the runs' union). */
export function failingAudits(/** @type {Measured[]} */ measured) {
  const lines = [];
  for (const m of measured)
    for (const p of LIGHTHOUSE_PAGES) {
      const runs = m.lighthouse?.[p.key];
      if (!runs?.length) continue;
      const ids = [...new Set(runs.flatMap((r) => r.failing))].filter((id) => !id.startsWith('performance'));
      const errors = [...new Set(runs.flatMap((r) => r.consoleErrors))];
      lines.push(
        `- ${m.build.label}, ${p.title}: ${ids.length ? ids.map((id) => `\`${id}\``).join(', ') : 'none'}${errors.length ? `; console errors: ${errors.join('; ')}` : ''}`,
      );
    }
  return lines.join('\n');
}
