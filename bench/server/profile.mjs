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
