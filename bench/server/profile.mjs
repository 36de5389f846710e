/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and lists where the
 * server spent its time: top functions by self time, and time by module.
 */
import { readFileSync } from 'node:fs';

/**
 * @param {string} file
 * @param {number} [top]
 * @returns {{ busyMs: number, functions: Array<{ name: string, where: string, selfMs: number, share: number }>, modules: Array<{ module: string, selfMs: number, share: number }> }}
 */
export function summarize(file, top = 20) {
  /** @type {{ nodes: Array<{ id: number, hitCount?: number, callFrame: { functionName: string, url: string, lineNumber: number } }>, startTime: number, endTime: number, samples: number[] }} */
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  /** @type {Map<string, { name: string, where: string, hits: number }>} */
  const byFunction = new Map();
  /** @type {Map<string, number>} */
  const byModule = new Map();
  let busy = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (!hits || functionName === '(idle)' || functionName === '(program)') continue;
    busy += hits;
    const where = url ? `${shorten(url)}:${lineNumber + 1}` : '(native)';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, hits: 0 };
    entry.hits += hits;
    byFunction.set(key, entry);
    const module = moduleOf(url, functionName);
    byModule.set(module, (byModule.get(module) ?? 0) + hits);
  }
  const functions = [...byFunction.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((f) => ({ name: f.name, where: f.where, selfMs: f.hits * msPerSample, share: f.hits / busy }));
  const modules = [...byModule]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([module, hits]) => ({ module, selfMs: hits * msPerSample, share: hits / busy }));
  return { busyMs: busy * msPerSample, functions, modules };
}

/**
 * The longest stretches of uninterrupted work (event-loop stalls, which are
 * what a client feels as tail latency), each with the functions that used
 * most of it and the nearest Attune or library frame that called them.
 * @param {string} file @param {number} [minMs] @param {number} [top]
 */
export function stalls(file, minMs = 5, top = 8) {
  /** @type {{ nodes: Array<{ id: number, children?: number[], callFrame: { functionName: string, url: string, lineNumber: number } }>, samples: number[], timeDeltas: number[] }} */
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const idle = (/** @type {number} */ id) => {
    const name = byId.get(id)?.callFrame.functionName;
    return name === '(idle)' || name === '(program)';
  };
  /**
   * The innermost frame of the server's own code on the sample's stack (Attune's
   * package, or the reference's), else the innermost JS frame.
   */
  const owner = (/** @type {number} */ id) => {
    /** @type {string | null} */
    let js = null;
    for (let at = id; at !== undefined; at = /** @type {number} */ (parent.get(at))) {
      const frame = byId.get(at)?.callFrame;
      if (!frame?.url) continue;
      const name = `${frame.functionName || '(anonymous)'} ${shorten(frame.url)}:${frame.lineNumber + 1}`;
      if (/packages\/session-server|@y\/websocket-server/.test(frame.url)) return name;
      js ??= name;
    }
    return js ?? '(native)';
  };
  const out = [];
  /** @type {Array<[number, number]>} sample id, ms */
  let stretch = [];
  const close = () => {
    const ms = stretch.reduce((sum, [, d]) => sum + d, 0);
    if (ms >= minMs) {
      /** @type {Map<string, number>} */
      const where = new Map();
      for (const [id, d] of stretch) {
        const frame = byId.get(id)?.callFrame;
        const key = `${frame?.functionName || '(anonymous)'} ← ${owner(id)}`;
        where.set(key, (where.get(key) ?? 0) + d);
      }
      const heaviest = [...where].sort((a, b) => b[1] - a[1]).slice(0, 3);
      out.push({ ms, where: heaviest.map(([k, v]) => `${k} (${v.toFixed(1)} ms)`).join('; ') });
    }
    stretch = [];
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const d = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (idle(id)) close();
    else stretch.push([id, d]);
  }
  close();
  return { count: out.length, top: out.sort((a, b) => b.ms - a.ms).slice(0, top) };
}

/** @param {ReturnType<typeof stalls>} s */
export function stallsMarkdown(s) {
  const lines = [
    `Busy stretches of 5 ms or more: ${s.count}. The longest:`,
    '',
    '| ms | where the time went (function ← nearest server frame) |',
    '|---:|---|',
  ];
  for (const x of s.top) lines.push(`| ${x.ms.toFixed(1)} | ${x.where} |`);
  return lines.join('\n');
}

/** @param {string} url */
function shorten(url) {
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  const pkg = path.indexOf('packages/');
  if (pkg >= 0) return path.slice(pkg);
  return path.replace(/^node:/, 'node:');
}

/** @param {string} url @param {string} functionName */
function moduleOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const pkg = /packages\/([^/]+)\/dist\/(.+)$/.exec(path);
  if (pkg) return `@attune/${pkg[1]} ${pkg[2]}`;
  if (url.startsWith('node:')) return 'node (internal)';
  return path;
}

/** The summary as markdown. @param {ReturnType<typeof summarize>} s */
export function profileMarkdown(s) {
  const lines = [
    `Busy (non-idle) samples: ${s.busyMs.toFixed(0)} ms.`,
    '',
    '| self ms | share | function | where |',
  ];
  lines.push('|---:|---:|---|---|');
  for (const f of s.functions) {
    lines.push(`| ${f.selfMs.toFixed(0)} | ${(f.share * 100).toFixed(1)}% | ${f.name} | ${f.where} |`);
  }
  lines.push('', '| self ms | share | module |', '|---:|---:|---|');
  for (const m of s.modules)
    lines.push(`| ${m.selfMs.toFixed(0)} | ${(m.share * 100).toFixed(1)}% | ${m.module} |`);
  return lines.join('\n');
}
