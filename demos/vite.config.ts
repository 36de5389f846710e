/**
 * Builds the demo pages (therapist console, join page, embedding examples)
 * into demos/dist, which the session server serves on its own port.
 *
 * The pages use the packages from their sources: `@attune/<pkg>/<path>.js`
 * resolves to the source file that the package's `exports` map builds it from,
 * so a page never runs on a stale build and Vite sees one copy of everything.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const packages = resolve(here, '../packages');
const PACKAGE_DIRS: Record<string, string> = {
  session: 'session',
  canvas: 'canvas',
  music: 'music',
  'drama-props': 'drama-props',
};

function exportsOf(dir: string): Record<string, { default?: string } | string> {
  const json = JSON.parse(readFileSync(join(packages, dir, 'package.json'), 'utf8')) as {
    exports?: Record<string, { default?: string } | string>;
  };
  return json.exports ?? {};
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
        // The packages' `sideEffects` lists name their built files; from sources, keep every
        // module's side effects, or registration modules (customElements.define) are dropped.
        if (!importer?.startsWith(packages)) return null;
        const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
        return resolved && resolved.id.startsWith(packages)
          ? { ...resolved, moduleSideEffects: true }
          : resolved;
      }
      const dir = PACKAGE_DIRS[m[1]!];
      if (!dir) return null;
      const subpath = `.${m[2] ?? ''}`;
      const exports = exportsOf(dir);
      const entry = exports[subpath];
      const target = typeof entry === 'string' ? entry : entry?.default;
      if (target) return { id: sourceOf(dir, target), moduleSideEffects: true };
      if (exports['./*.js'] && subpath.endsWith('.js'))
        return { id: sourceOf(dir, `./dist/${subpath.slice(2)}`), moduleSideEffects: true };
      return null;
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [attuneSources()],
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
