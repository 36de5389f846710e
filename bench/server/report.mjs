/** The results as markdown tables, with Attune / reference ratios and the targets. */

/** @param {number} v @param {number} [digits] */
const f = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
/** @param {number} v */
const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : 'n/a');
/** @param {boolean} ok */
const verdict = (ok) => (ok ? 'met' : '**missed**');

/** @param {any[]} rows @param {string} label */
export function loadTable(rows, label) {
  const out = [
    `| ${label} | server | relay p50 ms | relay p99 ms | server CPU (kernel) | CPU µs/frame | frames relayed/s | server RSS MB | generator CPU | generator / server core busy | timer lag p99 ms | missed sends |`,
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const n = label === 'R' ? r.rooms : r.perRoom;
    const mark = r.saturated ? ' (generator saturated)' : r.contended ? ' (generator core contended)' : '';
    out.push(
      `| ${n} | ${r.server}${mark} | ${f(r.p50)} | ${f(r.p99)} | ${pct(r.serverCpu)} (${pct(r.serverKernelCpu)}) | ${f(r.usPerFrame, 1)} | ${f(r.framesPerSecond, 0)} | ${f(r.rssMb, 0)} | ${pct(r.generatorCpu)} | ${pct(r.generatorCoreBusy)} / ${pct(r.serverCoreBusy)} | ${f(r.lagP99)} | ${pct(r.missedShare)} |`,
    );
  }
  return out.join('\n');
}

/** @param {any[]} rows @param {string} label */
export function ratioTable(rows, label) {
  const out = [
    `| ${label} | p99 Attune / reference (ms) | CPU µs/frame Attune / reference | CPU per frame ratio | server CPU ratio |`,
    '|---:|---:|---:|---:|---:|',
  ];
  const withFloor = rows.some((r) => r.server === 'floor');
  if (withFloor) {
    out[0] += ' floor µs/frame | floor / reference |';
    out[1] += '---:|---:|';
  }
  for (const [key, a, b] of pairs(rows, label)) {
    let line = `| ${key} | ${f(a.p99)} / ${f(b.p99)} | ${f(a.usPerFrame, 1)} / ${f(b.usPerFrame, 1)} | ${f(a.usPerFrame / b.usPerFrame)} | ${f(a.serverCpu / b.serverCpu)} |`;
    if (withFloor) {
      const floor = rows.find((r) => r.server === 'floor' && (label === 'R' ? r.rooms : r.perRoom) === key);
      line += floor ? ` ${f(floor.usPerFrame, 1)} | ${f(floor.usPerFrame / b.usPerFrame)} |` : ' n/a | n/a |';
    }
    out.push(line);
  }
  return out.join('\n');
}

/** @param {any[]} rows @param {string} label @returns {Array<[number, any, any]>} */
function pairs(rows, label) {
  const key = (/** @type {any} */ r) => (label === 'R' ? r.rooms : r.perRoom);
  /** @type {Array<[number, any, any]>} */
  const out = [];
  for (const a of rows.filter((r) => r.server === 'attune')) {
    const b = rows.find((r) => r.server === 'reference' && key(r) === key(a));
    if (b) out.push([key(a), a, b]);
  }
  return out;
}

/** @param {any[]} idle */
export function idleTable(idle) {
  const out = [
    '| server | rooms | KB per room with 4 clients (RSS / heap) | RSS KB per room right after joining | KB per room without clients (RSS / heap) | KB per connection (RSS / heap) | external KB per room | RSS MB before / full / after leaving / after the last round | heap MB before / full / after leaving / after the last round | rooms kept at the end |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of idle) {
    out.push(
      `| ${r.server} | ${r.rooms} | ${f(r.roomRssKb, 1)} / ${f(r.roomHeapKb, 1)} | ${f(r.burstRoomRssKb, 1)} | ${f(r.bareRoomRssKb, 1)} / ${f(r.bareRoomHeapKb, 1)} | ${f(r.connRssKb, 1)} / ${f(r.connHeapKb, 1)} | ${f(r.roomExternalKb, 1)} | ${f(r.baseRssMb, 1)} / ${f(r.peakRssMb, 1)} / ${f(r.afterRssMb, 1)} / ${f(r.againRssMb, 1)} | ${f(r.baseHeapMb, 1)} / ${f(r.peakHeapMb, 1)} / ${f(r.afterHeapMb, 1)} / ${f(r.againHeapMb, 1)} | ${r.roomsAfter} |`,
    );
  }
  return out.join('\n');
}

/** Share of the full-load growth still held after leaving. @param {number} base @param {number} peak @param {number} after */
const kept = (base, peak, after) => (after - base) / Math.max(1e-9, peak - base);

/** The targets, each with what was measured. @param {any[]} small @param {any[]} idle */
export function targets(small, idle) {
  const lines = ['| target | measured | verdict |', '|---|---|---|'];
  const byR = (/** @type {string} */ s, /** @type {number} */ r) =>
    small.find((x) => x.server === s && x.rooms === r);
  for (const r of [50, 100, 150]) {
    const a = byR('attune', r);
    const b = byR('reference', r);
    if (!a || !b) {
      lines.push(`| ${r} rooms: CPU per frame ≤ ½ reference, p99 ≤ reference | not run | n/a |`);
      continue;
    }
    const ratio = a.usPerFrame / b.usPerFrame;
    lines.push(
      `| ${r} rooms: CPU per relayed frame ≤ ½ reference's | ${f(a.usPerFrame, 1)} vs ${f(b.usPerFrame, 1)} µs (×${f(ratio)}) | ${verdict(ratio <= 0.5)} |`,
    );
    lines.push(
      `| ${r} rooms: p99 ≤ reference's | ${f(a.p99)} vs ${f(b.p99)} ms | ${verdict(a.p99 <= b.p99)} |`,
    );
  }
  const a100 = byR('attune', 100);
  if (a100) {
    lines.push(`| 100 rooms: relay p50 ≤ 1 ms | ${f(a100.p50)} ms | ${verdict(a100.p50 <= 1)} |`);
    lines.push(`| 100 rooms: relay p99 ≤ 5 ms | ${f(a100.p99)} ms | ${verdict(a100.p99 <= 5)} |`);
  }
  const attune = small.filter((x) => x.server === 'attune');
  const largest = attune.reduce((m, x) => (x.rooms > (m?.rooms ?? 0) ? x : m), null);
  if (largest) {
    const generatorBound = small.some((x) => x.rooms === largest.rooms && x.saturated);
    const limit = generatorBound
      ? 'the generator was saturated there: it, not the server, was the limit'
      : largest.contended
        ? "the generator's core was full of other work on the machine: the machine, not the server, was the limit"
        : largest.slipping
          ? `the generator was not saturated (${pct(largest.generatorCpu)} of its core) but its timers slipped on a loaded machine (its core ${pct(largest.generatorCoreBusy)} busy)`
          : 'the generator was not saturated: larger R was not offered';
    lines.push(
      `| largest R offered (${largest.rooms}) served at p99 ≤ 50 ms | ${f(largest.p99)} ms; ${limit} | ${verdict(largest.p99 <= 50)} |`,
    );
  }
  const ia = idle.find((x) => x.server === 'attune');
  const ib = idle.find((x) => x.server === 'reference');
  if (ia && ib) {
    const r = ia.roomRssKb / ib.roomRssKb;
    lines.push(
      `| memory per idle room ≤ ½ reference's (RSS once settled, room with its 4 clients) | ${f(ia.roomRssKb, 1)} vs ${f(ib.roomRssKb, 1)} KB (×${f(r)}) | ${verdict(r <= 0.5)} |`,
    );
    const rh = ia.roomHeapKb / ib.roomHeapKb;
    lines.push(
      `| memory per idle room ≤ ½ reference's (JS heap) | ${f(ia.roomHeapKb, 1)} vs ${f(ib.roomHeapKb, 1)} KB (×${f(rh)}) | ${verdict(rh <= 0.5)} |`,
    );
    const heapKept = kept(ia.baseHeapMb, ia.peakHeapMb, ia.afterHeapMb);
    const rssKept = kept(ia.baseRssMb, ia.peakRssMb, ia.afterRssMb);
    const growth = (/** @type {any} */ r) =>
      (r.againHeapMb - r.afterHeapMb) / Math.max(1e-9, r.peakHeapMb - r.baseHeapMb);
    const rounds = ia.roundsHeapMb.length;
    const ok = rounds >= 2 ? growth(ia) <= 0.1 && ia.roomsAfter === 0 : ia.roomsAfter === 0;
    const more =
      rounds === 2
        ? 'a second round'
        : `${rounds - 1} more rounds (heap after each round: ${ia.roundsHeapMb.map((/** @type {number} */ v) => f(v, 1)).join(', ')} MB)`;
    lines.push(
      `| back to baseline after leaving (no room kept; more rounds of new rooms leave ≤ 10% more) | JS heap keeps ${pct(heapKept)} of the growth after the first round (one-time: compiled code and warmed caches), then ${pct(growth(ia))} more after ${more}; ${ia.roomsAfter} rooms kept. Reference: ${pct(kept(ib.baseHeapMb, ib.peakHeapMb, ib.afterHeapMb))}, then ${pct(growth(ib))} more, ${ib.roomsAfter} rooms kept. RSS keeps ${pct(rssKept)} (reference ${pct(kept(ib.baseRssMb, ib.peakRssMb, ib.afterRssMb))}) | ${verdict(ok)}${rounds === 1 ? ' (one round only: no room kept)' : ''} |`,
    );
  }
  return lines.join('\n');
}
