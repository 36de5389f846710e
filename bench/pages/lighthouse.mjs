/**
 * One Lighthouse 12 run of a page: its default (mobile) configuration, simulated throttling,
 * in a fresh headless Chromium started by chrome-launcher (Lighthouse's own launcher). Only the
 * scores and a few metrics leave this module: the report itself holds the page's URL, and
 * with it the invite token.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/** A URL's path with session and participant ids replaced, for the report. */
function pathOf(/** @type {string | undefined} */ url) {
  if (!url) return 'no URL';
  try {
    return new URL(url).pathname.replace(/[A-Za-z0-9_-]{16,}/g, ':id');
  } catch {
    return 'no URL';
  }
}

/**
 * @typedef {object} Audit
 * @property {number} performance 0-100
 * @property {number} accessibility 0-100
 * @property {number} bestPractices 0-100
 * @property {number} lcp largest contentful paint, ms (simulated phone)
 * @property {number} tbt total blocking time, ms
 * @property {number} cls cumulative layout shift
 * @property {string[]} failing audits below full marks that count towards a score, as "category: id"
 * @property {string[]} consoleErrors what the page logged as errors, with the path of their source
 */

/**
 * @param {string} url
 * @param {string} chromePath
 * @returns {Promise<Audit>}
 */
export async function audit(url, chromePath) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox'] });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no report');
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const score = (/** @type {string} */ id) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
    const failing = [];
    for (const category of Object.values(lhr.categories))
      for (const ref of category.auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a && a.score !== null && a.score < 1) failing.push(`${category.id}: ${ref.id}`);
      }
    /** @type {Array<{ description?: string, sourceLocation?: { url?: string } }>} */
    const errors = /** @type {any} */ (lhr.audits['errors-in-console']?.details)?.items ?? [];
    return {
      consoleErrors: errors.map((e) => `${e.description ?? ''} (${pathOf(e.sourceLocation?.url)})`),
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
      tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
      cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
      failing,
    };
  } finally {
    await chrome.kill();
  }
}
