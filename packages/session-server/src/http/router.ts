/** Which handler answers an HTTP request, and how a request that failed is answered. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../metrics.js';
import type { Stats } from '../stats.js';
import { storeTroubleOf } from '../store/trouble.js';
import { videoConfigFrom, videoToken } from '../video.js';
import { StoreFailingError } from '../writer.js';
import { getAsset, uploadAsset } from './asset-routes.js';
import type { ApiContext } from './context.js';
import { authenticate, checkSid } from './context.js';
import { continueSession } from './continue.js';
import { exportSession } from './export.js';
import { createInvite, removeParticipant, renameMe, whoAmI } from './participants.js';
import { HttpError, decodeSegment, sendError, sendJson } from './respond.js';
import { createSession, deleteSession } from './sessions.js';
import type { StaticHandler } from './static.js';

export interface RouterContext {
  api: ApiContext;
  stats: Stats;
  metrics: Metrics;
  /** The demo pages, when this server serves them. */
  serveStatic: StaticHandler | null;
}

export async function route(rc: RouterContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { api: ctx, stats, metrics, serveStatic } = rc;
  // Only the path is ever looked at or logged; query strings may carry tokens.
  const pathname = (req.url ?? '/').split('?')[0]!;
  const method = req.method ?? 'GET';
  if (pathname.startsWith('/api/')) {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'authorization, content-type');
    res.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
  }
  if (pathname === '/healthz' && method === 'GET')
    return sendJson(res, 200, { status: 'ok', rooms: stats.rooms, connections: stats.connections });
  if (pathname === '/metrics' && method === 'GET') {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(body);
    return;
  }
  // What this server offers, so a page does not ask for what is not there (and log a failure).
  if (pathname === '/api/features' && method === 'GET')
    return sendJson(res, 200, { video: videoConfigFrom(process.env) !== null });
  if (pathname === '/api/sessions' && method === 'POST') return createSession(ctx, req, res);
  const m = /^\/api\/sessions\/([^/]+)(?:\/([a-z-]+)(?:\/([^/]+))?)?$/.exec(pathname);
  if (m) {
    const [, sid, sub, arg] = m as unknown as [string, string, string | undefined, string | undefined];
    checkSid(sid);
    if (!sub && method === 'DELETE') return deleteSession(ctx, req, res, sid);
    if (sub === 'invites' && !arg && method === 'POST') return createInvite(ctx, req, res, sid);
    if (sub === 'me' && !arg && method === 'GET') return whoAmI(ctx, req, res, sid);
    if (sub === 'me' && arg === 'name' && method === 'POST') return renameMe(ctx, req, res, sid);
    if (sub === 'export' && !arg && method === 'GET') return exportSession(ctx, req, res, sid);
    if (sub === 'assets' && !arg && method === 'POST') return uploadAsset(ctx, req, res, sid);
    if (sub === 'assets' && arg && method === 'GET') return getAsset(ctx, req, res, sid, arg);
    if (sub === 'participants' && arg && method === 'DELETE')
      return removeParticipant(ctx, req, res, sid, decodeSegment(arg));
    if (sub === 'video-token' && !arg && method === 'GET')
      return videoToken((token, id) => authenticate(ctx, token, id), req, res, sid);
    if (sub === 'continue' && !arg && method === 'POST') return continueSession(ctx, req, res, sid);
  }
  if (serveStatic) {
    if (pathname === '/' && method === 'GET') {
      res.writeHead(302, { location: '/therapist' }).end();
      return;
    }
    if (serveStatic(req, res)) return;
  }
  throw new HttpError(404, 'not-found', 'Nothing here');
}

/** Answers a request whose handler threw. */
export function answerFailure(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
): void {
  if (error instanceof HttpError)
    return sendError(res, error.status, error.code, error.message, error.headers);
  // A full or read-only disk is the operator's to fix, not a bug: say so, with 507.
  const trouble = error instanceof StoreFailingError ? error.trouble : storeTroubleOf(error);
  if ((trouble || error instanceof StoreFailingError) && !res.headersSent) {
    const failing = error instanceof StoreFailingError ? error : new StoreFailingError(trouble);
    ctx.log.warn(
      { code: failing.code, path: (req.url ?? '').split('?')[0] },
      'request refused: storage trouble',
    );
    return sendError(res, failing.status, failing.code, failing.message);
  }
  ctx.log.error({ err: error, path: (req.url ?? '').split('?')[0] }, 'request failed');
  if (!res.headersSent) sendError(res, 500, 'internal', 'Something went wrong on the server');
  else res.destroy();
}

/** The HTTP server's request listener. */
export function requestListener(rc: RouterContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(rc, req, res).catch((error: unknown) => answerFailure(rc.api, req, res, error));
  };
}
