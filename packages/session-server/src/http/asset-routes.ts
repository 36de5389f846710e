/** Images added to a session: stored by content hash, under the session's quota. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { storeTroubleOf } from '../store/trouble.js';
import { StoreFailingError } from '../writer.js';
import { isAssetHash, sniffImageType } from './assets.js';
import type { ApiContext } from './context.js';
import { authenticate, requireRole } from './context.js';
import { HttpError, bearer, readBody, sendJson } from './respond.js';

export async function uploadAsset(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  await requireRole(ctx, req, sid, (role) => role !== 'observer', 'Observers cannot add images');
  const data = await readBody(req, ctx.limits.maxAssetBytes).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 413) {
      throw new HttpError(413, 'asset-too-large', `Images are limited to ${ctx.limits.maxAssetBytes} bytes`);
    }
    throw error;
  });
  const type = sniffImageType(data);
  if (!type)
    throw new HttpError(415, 'unsupported-media-type', 'Only PNG, JPEG and WebP images are accepted');
  const hash = createHash('sha256').update(data).digest('hex');
  // Not even tried while writes fail: it would only fill what little space is left.
  ctx.writer.assertSaving();
  const release = ctx.quotas.reserveAsset(sid, hash, data.byteLength);
  try {
    await ctx.store.putAsset(sid, hash, { type, data });
  } catch (error) {
    release();
    const trouble = storeTroubleOf(error);
    if (trouble) throw new StoreFailingError(trouble);
    throw error;
  }
  sendJson(res, 201, { hash, type, bytes: data.byteLength, url: `/api/sessions/${sid}/assets/${hash}` });
}

export async function getAsset(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
  hash: string,
): Promise<void> {
  await authenticate(ctx, bearer(req), sid);
  if (!isAssetHash(hash)) throw new HttpError(404, 'not-found', 'No such image');
  const asset = await ctx.store.getAsset(sid, hash);
  if (!asset) throw new HttpError(404, 'not-found', 'No such image');
  res.writeHead(200, {
    'content-type': asset.type,
    'content-length': asset.data.byteLength,
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
  res.end(asset.data);
}
