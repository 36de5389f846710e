/**
 * JavaScript a client's phone downloads before it can type its name: `/join` with a fresh
 * invite in a fresh browser context (empty cache), every JavaScript response counted from the
 * DevTools protocol's network events, at the moment the welcome step is shown and again once
 * the network has been quiet for a second.
 */
import { welcomeField } from './ui.mjs';

/**
 * @typedef {object} Bytes
 * @property {number} files JavaScript responses finished
 * @property {number} transferred bytes on the wire, headers and any compression included (encodedDataLength)
 * @property {number} decoded bytes of JavaScript after decompression
 * @property {string[]} encodings the Content-Encoding values seen ("identity" for none)
 */

const QUIET_MS = 1000;

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url the join link (`/join#token=…`)
 * @returns {Promise<{ welcome: Bytes, settled: Bytes, pending: number }>}
 */
export async function joinTransfer(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    /** @type {Map<string, { js: boolean, encoding: string, decoded: number, transferred: number, done: boolean }>} */
    const requests = new Map();
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', () => (lastActivity = Date.now()));
    cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
      const mime = response.mimeType ?? '';
      const path = new URL(response.url).pathname;
      const headers = Object.fromEntries(
        Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      requests.set(requestId, {
        js: type === 'Script' || /javascript|ecmascript/.test(mime) || /\.m?js$/.test(path),
        encoding: headers['content-encoding'] ?? 'identity',
        decoded: 0,
        transferred: 0,
        done: false,
      });
      lastActivity = Date.now();
    });
    cdp.on('Network.dataReceived', ({ requestId, dataLength }) => {
      const r = requests.get(requestId);
      if (r) r.decoded += dataLength;
      lastActivity = Date.now();
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const r = requests.get(requestId);
      if (r) Object.assign(r, { transferred: encodedDataLength, done: true });
      lastActivity = Date.now();
    });

    const count = () => {
      const js = [...requests.values()].filter((r) => r.js && r.done);
      return {
        files: js.length,
        transferred: js.reduce((a, r) => a + r.transferred, 0),
        decoded: js.reduce((a, r) => a + r.decoded, 0),
        encodings: [...new Set(js.map((r) => r.encoding))].sort(),
      };
    };

    await page.goto(url);
    await welcomeField(page).waitFor();
    const welcome = count();
    const pending = [...requests.values()].filter((r) => r.js && !r.done).length;
    const until = Date.now() + 15_000;
    while (Date.now() - lastActivity < QUIET_MS && Date.now() < until) await page.waitForTimeout(100);
    return { welcome, settled: count(), pending };
  } finally {
    await context.close();
  }
}
