/**
 * Serves the built demo pages with sirv: only files that were in the folder
 * when the server started, precompressed `.br`/`.gz` siblings when the client
 * takes them, hashed assets cached for a year and pages revalidated.
 *
 * sirv writes the status line and headers, then streams the file with
 * `createReadStream(file).pipe(res)` and no error listener: a file removed
 * after the start (a redeploy underneath a running server) raised an
 * unhandled 'error' and ended the process. Here the 200 and its headers are
 * held back until the file is open; a file that cannot be opened answers a
 * plain 404 instead, and an error later in the stream costs only that
 * response. Every pipe into a response emits 'pipe' with its source first,
 * which is where the stream is watched.
 */
import { readdirSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relative, resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import sirv from 'sirv';
import type { PagePolicyOptions } from './security.js';
import { PagePolicy } from './security.js';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const YEAR = 31_536_000;

function htmlFilesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(root, resolve(entry.parentPath, entry.name)).split(sep).join('/'));
}

function isPage(pathname: string): boolean {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !last.includes('.') || last.endsWith('.html');
}

/** A handler for `root`: true when it answered the request. */
export function staticFiles(root: string, log: Logger, policy: PagePolicyOptions = {}): StaticHandler {
  const base = resolve(root);
  const pages = new PagePolicy(base, htmlFilesUnder(base), policy);
  const serve = sirv(base, {
    dev: false,
    etag: true,
    brotli: true,
    gzip: true,
    extensions: ['html'],
    setHeaders(res: ServerResponse, pathname: string, stats: Stats) {
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
      if (pathname.startsWith('/assets/')) {
        // Vite names every file under /assets by its content: a new build is a new name.
        res.setHeader('cache-control', `public, max-age=${YEAR}, immutable`);
      } else {
        res.setHeader('cache-control', 'no-cache');
      }
      if (isPage(pathname)) {
        const embeddable = pathname === '/embed' || pathname.startsWith('/embed/');
        for (const [name, value] of Object.entries(pages.headersFor(stats.ino, embeddable)))
          res.setHeader(name, value);
      }
    },
  });
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let missed = false;
    // sirv answers a file with writeHead(200 or 206, headers) and then a pipe, in the same tick.
    const writeHead = res.writeHead;
    let held: unknown[] | null = null;
    const release = (): void => {
      res.writeHead = writeHead;
      if (held) writeHead.apply(res, held as Parameters<typeof writeHead>);
      held = null;
    };
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const code = args[0];
      if (code !== 200 && code !== 206) {
        res.writeHead = writeHead;
        return writeHead.apply(this, args as Parameters<typeof writeHead>);
      }
      held = args;
      return this;
    } as typeof res.writeHead;
    let piped = false;
    const guard = (source: NodeJS.ReadableStream): void => {
      piped = true;
      source.once('open', release);
      source.once('error', (error: NodeJS.ErrnoException) => {
        log.warn(
          { code: error.code, path: (req.url ?? '').split('?')[0] },
          'a static file could not be read',
        );
        if (held) {
          // Nothing was sent yet: the file is gone, so say so plainly.
          held = null;
          res.writeHead = writeHead;
          for (const name of res.getHeaderNames()) res.removeHeader(name);
          res.writeHead(404, {
            'content-type': 'text/plain; charset=utf-8',
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          });
          res.end('Not found');
        } else {
          res.destroy();
        }
      });
    };
    res.once('pipe', guard);
    serve(req, res, () => {
      missed = true;
    });
    if (!piped) {
      // Answered without a stream (304, 416), or not at all: nothing is held back.
      res.off('pipe', guard);
      release();
    }
    return !missed;
  };
}
