/**
 * Builds the demo pages (therapist console, join page, embedding examples)
 * into demos/dist, which the session server serves on its own port.
 *
 * The pages use the packages from their sources: `@attune/<pkg>/<path>.js`
 * resolves to the source file that the package's `exports` map builds it from,
 * so a page never runs on a stale build and Vite sees one copy of everything.
 *
 * Each hashed asset gets `.br` and `.gz` siblings (vite-plugin-compression2),
 * which the server's sirv sends to browsers that take them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const here = dirname(fileURLToPath(import.meta.url));
const packages = resolve(here, '../packages');
const PACKAGE_DIRS: Record<string, string> = {
  session: 'session',
  canvas: 'canvas',
  music: 'music',
  'drama-props': 'drama-props',
};

interface PackageJson {
  exports?: Record<string, { default?: string } | string>;
  sideEffects?: boolean | string[];
}

function packageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(packages, dir, 'package.json'), 'utf8')) as PackageJson;
}

function exportsOf(dir: string): Record<string, { default?: string } | string> {
  return packageJson(dir).exports ?? {};
}

/**
 * The package's `sideEffects` list names built files (such as the controls' element modules); the same
 * rule for its sources tells Rollup which modules register elements and which it may drop when
 * nothing of them is used. Without it, every module of a package would be kept: the join page's
 * first screen would carry MIDI export code only because it reads a token.
 */
function sideEffectsOf(dir: string): (file: string) => boolean {
  const list = packageJson(dir).sideEffects;
  if (!Array.isArray(list)) return () => list !== false;
  const patterns = list.map((glob) => {
    const source = join(packages, dir, glob.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
    const escaped = source.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
    return new RegExp(`^${escaped}$`);
  });
  return (file) => patterns.some((p) => p.test(file));
}

const sideEffects = new Map(Object.values(PACKAGE_DIRS).map((dir) => [dir, sideEffectsOf(dir)]));

/** Whether a source file of one of the packages has side effects, by its package's own list. */
function hasSideEffects(file: string): boolean {
  const rel = file.slice(packages.length + 1);
  const dir = rel.slice(0, rel.indexOf('/'));
  return sideEffects.get(dir)?.(file) ?? true;
}

/** `./dist/x/y.js` to `<package>/src/x/y.ts`. */
function sourceOf(dir: string, target: string): string {
  return join(packages, dir, target.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
}

function attuneSources(): Plugin {
  return {
    name: 'attune-sources',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      const m = /^@attune\/([a-z-]+)(\/.*)?$/.exec(id);
      if (!m) {
        // The packages' `sideEffects` lists name their built files: apply them to the sources,
        // or registration modules (customElements.define) would be dropped.
        if (!importer?.startsWith(packages)) return null;
        const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
        return resolved && resolved.id.startsWith(packages)
          ? { ...resolved, moduleSideEffects: hasSideEffects(resolved.id) }
          : resolved;
      }
      const dir = PACKAGE_DIRS[m[1]!];
      if (!dir) return null;
      const subpath = `.${m[2] ?? ''}`;
      const exports = exportsOf(dir);
      const entry = exports[subpath];
      const target = typeof entry === 'string' ? entry : entry?.default;
      const file = target
        ? sourceOf(dir, target)
        : exports['./*.js'] && subpath.endsWith('.js')
          ? sourceOf(dir, `./dist/${subpath.slice(2)}`)
          : null;
      if (file) return { id: file, moduleSideEffects: hasSideEffects(file) };
      return null;
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [
    attuneSources(),
    // Hashed scripts, styles and the icon, precompressed once at build time at the plugin's
    // default levels, the highest (brotli 11, gzip 9): the server never compresses on a request.
    compression({
      include: /\.(js|mjs|css|svg)$/,
      threshold: 1024,
      algorithms: ['brotliCompress', 'gzip'],
    }),
  ],
  resolve: { dedupe: ['yjs', 'lib0', 'y-protocols', 'lit', '@lit/context'] },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        therapist: resolve(here, 'therapist/index.html'),
        join: resolve(here, 'join/index.html'),
        embed: resolve(here, 'embed/index.html'),
        react: resolve(here, 'embed/react/index.html'),
      },
    },
  },
});
