/** The HTTP API of DESIGN.md, plus assets, participant removal and token checks. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import * as v from 'valibot';
import type { Role, Scope, TokenClaims } from '@attune/session/protocol';
import {
  CLOSE,
  MAX_NAME_LENGTH,
  NOTE_CHANNEL,
  recordedNotesToMidi,
  ROLES,
  SCOPES,
  isFacilitator,
  isSid,
} from '@attune/session/protocol';
import type { Limits } from '../config.js';
import { repairedState } from '../doc-state.js';
import type { SessionQuotas } from '../quotas.js';
import { initialControl } from '../rooms.js';
import type { Rooms } from '../rooms.js';
import type { Store } from '../store/store.js';
import { TokenError, newParticipantId, newSessionId } from '../tokens.js';
import type { TokenKeys } from '../tokens.js';
import { storeTroubleOf } from '../store/trouble.js';
import { StoreFailingError } from '../writer.js';
import type { Writer } from '../writer.js';
import { isAssetHash, sniffImageType } from './assets.js';
import { HttpError, bearer, readBody, readJson, sendJson } from './respond.js';
import type { ApiThrottle } from './throttle.js';

export interface ApiContext {
  keys: TokenKeys;
  adminKey: string;
  store: Store;
  rooms: Rooms;
  writer: Writer;
  limits: Limits;
  log: Logger;
  publicUrl: (req: IncomingMessage) => string;
  /** The client's address, as the rate limits key it. */
  addressOf: (req: IncomingMessage) => string;
  throttle: ApiThrottle;
  quotas: SessionQuotas;
}

const DAY = 86_400;
const Ttl = v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(30 * DAY)));
const DisplayName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_NAME_LENGTH));

const CreateSessionBody = v.strictObject({
  name: v.optional(DisplayName),
  ttlSeconds: Ttl,
  waitingRoom: v.optional(v.boolean()),
});

const InviteBody = v.strictObject({
  role: v.picklist(ROLES),
  name: DisplayName,
  ttlSeconds: Ttl,
});

export function parse<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue?.path?.map((p) => String(p.key)).join('.') ?? 'body';
    throw new HttpError(400, 'invalid-body', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.output;
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Verifies the bearer token for this session, with revocation and erasure. */
export async function authenticate(ctx: ApiContext, token: string | null, sid: string): Promise<TokenClaims> {
  let claims: TokenClaims;
  try {
    claims = await ctx.keys.verify(token);
  } catch (error) {
    if (error instanceof TokenError) {
      const code =
        error.problem === 'expired'
          ? 'token-expired'
          : error.problem === 'missing'
            ? 'token-missing'
            : 'token-invalid';
      throw new HttpError(401, code, error.message);
    }
    throw error;
  }
  if (claims.sid !== sid) throw new HttpError(403, 'wrong-session', 'The token is for another session');
  if (await ctx.store.isEnded(sid)) throw new HttpError(410, 'session-ended', 'The session has ended');
  if (await ctx.store.isRevoked(sid, claims.sub)) {
    throw new HttpError(403, 'participant-removed', 'This participant was removed from the session');
  }
  return claims;
}

/** Authenticates the bearer and checks that its role may do this; the message says who may. */
export async function requireRole(
  ctx: ApiContext,
  req: IncomingMessage,
  sid: string,
  allowed: (role: Role) => boolean,
  whoMay: string,
): Promise<TokenClaims> {
  const claims = await authenticate(ctx, bearer(req), sid);
  if (!allowed(claims.role)) throw new HttpError(403, 'forbidden', whoMay);
  return claims;
}

export const isTherapist = (role: Role): boolean => role === 'therapist';

function audit(ctx: ApiContext, sid: string, actor: string, action: string, detail = ''): void {
  ctx.writer.addAudit({ sid, t: now(), actor, action, detail });
}

export function linkFor(ctx: ApiContext, req: IncomingMessage, role: Role, token: string): string {
  const page = isFacilitator(role) ? 'therapist' : 'join';
  return `${ctx.publicUrl(req)}/${page}#token=${token}`;
}

export async function createSession(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const address = ctx.addressOf(req);
  if (!ctx.throttle.isAdmin(bearer(req), address))
    throw new HttpError(401, 'admin-key-required', 'This needs the admin key as a bearer token');
  ctx.throttle.createSession(address);
  const body = parse(CreateSessionBody, await readJson(req, ctx.limits.maxJsonBodyBytes));
  const sid = newSessionId();
  await ctx.store.createSession(sid, now());
  await seedControl(ctx, sid, body.waitingRoom ?? true);
  const therapistToken = await ctx.keys.sign({
    sid,
    role: 'therapist',
    sub: newParticipantId('therapist'),
    name: body.name ?? 'Therapist',
    ttlSeconds: body.ttlSeconds ?? DAY,
  });
  audit(ctx, sid, 'admin', 'session-created');
  sendJson(res, 201, { sid, therapistToken, therapistUrl: linkFor(ctx, req, 'therapist', therapistToken) });
}

/** Stores a new session's first `control` state: whether it has a waiting room. */
export async function seedControl(ctx: ApiContext, sid: string, waitingRoom: boolean): Promise<void> {
  await ctx.store.write({
    updates: [{ sid, scope: 'control', data: initialControl(waitingRoom) }],
    events: [],
    audit: [],
  });
}

export async function createInvite(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  const claims = await requireRole(
    ctx,
    req,
    sid,
    isFacilitator,
    'Only a therapist or an assistant can invite',
  );
  const body = parse(InviteBody, await readJson(req, ctx.limits.maxJsonBodyBytes));
  if (body.role === 'therapist' && claims.role !== 'therapist') {
    throw new HttpError(403, 'forbidden', 'Only a therapist can invite another therapist');
  }
  ctx.throttle.invite(sid);
  const token = await ctx.keys.sign({
    sid,
    role: body.role,
    sub: newParticipantId(body.role),
    name: body.name,
    ttlSeconds: body.ttlSeconds ?? DAY,
  });
  audit(ctx, sid, claims.sub, 'invite-created', body.role);
  sendJson(res, 201, { token, url: linkFor(ctx, req, body.role, token) });
}

export async function whoAmI(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  const claims = await authenticate(ctx, bearer(req), sid);
  sendJson(res, 200, {
    sid: claims.sid,
    role: claims.role,
    sub: claims.sub,
    name: claims.name,
    exp: claims.exp,
  });
}

const RenameBody = v.strictObject({ name: DisplayName });

/**
 * `POST /api/sessions/:sid/me/name`: a participant chooses what they are
 * called. Presence carries the token's name (the server writes it into every
 * awareness entry), so the name changes by a new token: the same session,
 * role, participant id and expiry, with the new name. Nothing of the name is
 * logged or audited.
 */
export async function renameMe(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  const claims = await authenticate(ctx, bearer(req), sid);
  const { name } = parse(RenameBody, await readJson(req, ctx.limits.maxJsonBodyBytes));
  const token = await ctx.keys.sign({
    sid,
    role: claims.role,
    sub: claims.sub,
    name,
    ttlSeconds: Math.max(1, claims.exp - Math.floor(Date.now() / 1000)),
  });
  audit(ctx, sid, claims.sub, 'renamed');
  sendJson(res, 200, { token });
}

export async function removeParticipant(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
  sub: string,
): Promise<void> {
  const claims = await requireRole(
    ctx,
    req,
    sid,
    isFacilitator,
    'Only a therapist or an assistant can remove someone',
  );
  if (sub.length === 0 || sub.length > 128)
    throw new HttpError(400, 'invalid-participant', 'Unknown participant id');
  if (sub === claims.sub) throw new HttpError(400, 'invalid-participant', 'You cannot remove yourself');
  // Removal is for good: an assistant must not be able to lock the therapist out of their session.
  if (claims.role !== 'therapist' && (await roleOf(ctx, sid, sub)) === 'therapist') {
    throw new HttpError(403, 'forbidden', 'Only a therapist can remove a therapist');
  }
  await ctx.store.revoke(sid, sub, now());
  ctx.rooms.closeSession(sid, CLOSE.removed, 'removed from the session', sub);
  audit(ctx, sid, claims.sub, 'participant-removed');
  sendJson(res, 200, { removed: sub });
}

/**
 * The role a participant had, as far as the server knows: from their open
 * connections, their joins in the audit log, or the prefix of an id this server
 * minted (`t_…`). Null when unknown (invited, never joined, minted by a portal).
 */
async function roleOf(ctx: ApiContext, sid: string, sub: string): Promise<Role | null> {
  for (const room of ctx.rooms.rooms.values()) {
    if (room.sid !== sid) continue;
    for (const conn of room.conns) if (conn.info.sub === sub) return conn.info.role;
  }
  await ctx.writer.flush();
  const joined = (await ctx.store.readAudit(sid)).find((r) => r.actor === sub && r.action === 'joined');
  if (joined && (ROLES as readonly string[]).includes(joined.detail)) return joined.detail as Role;
  return sub.startsWith('t_') ? 'therapist' : null;
}

export async function deleteSession(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  let actor = 'admin';
  const address = ctx.addressOf(req);
  const given = bearer(req);
  // The therapist's token also opens this route, so a locked-out address still gets its
  // tokens checked; only its guesses at the admin key are no longer compared.
  const admin = given !== null && !ctx.throttle.lockedOut(address) && ctx.throttle.matches(given);
  if (!admin) {
    let claims: TokenClaims;
    try {
      claims = await requireRole(
        ctx,
        req,
        sid,
        isTherapist,
        'Only the therapist can end and erase a session',
      );
    } catch (error) {
      if (error instanceof HttpError && error.status === 401 && given !== null) {
        ctx.throttle.failed(address);
        if (ctx.throttle.lockedOut(address)) throw ctx.throttle.lockout();
      }
      throw error;
    }
    actor = claims.sub;
  }
  // Everyone leaves first, then the rows go: nothing written afterwards can bring them back.
  // Its queued writes are dropped rather than waited for: on a full disk they would never
  // land, and erasing is how space is freed.
  ctx.rooms.closeSession(sid, CLOSE.sessionEnded, 'the session has ended');
  ctx.rooms.forgetSession(sid);
  await ctx.writer.forget(sid);
  try {
    await ctx.store.endSession(sid, now());
  } catch (error) {
    ctx.writer.unforget(sid);
    const trouble = storeTroubleOf(error);
    if (!trouble) throw error;
    ctx.log.error({ sid, code: (error as { code?: unknown }).code, trouble }, 'erasing a session failed');
    throw new StoreFailingError(trouble);
  }
  ctx.quotas.forget(sid);
  ctx.log.info({ sid, actor: actor === 'admin' ? 'admin' : 'therapist' }, 'session erased');
  res.writeHead(204).end();
}

/** A document's whole state: the live room's when it is loaded, else the stored one. */
export async function docState(ctx: ApiContext, sid: string, scope: Scope): Promise<Uint8Array> {
  const room = ctx.rooms.rooms.get(`${sid}/${scope}`);
  if (room?.doc) return room.doc.state();
  const { updates } = await ctx.store.loadDoc(sid, scope);
  // Through a document, so that rows it refuses are left out (and never carried into a continued session).
  return repairedState(updates);
}

export async function exportSession(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  const claims = await requireRole(ctx, req, sid, isTherapist, 'Only the therapist can export a session');
  const format = new URL(req.url ?? '/', 'http://local').searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'midi') {
    throw new HttpError(400, 'invalid-format', 'format is json (the default) or midi');
  }
  await ctx.writer.flush({ orFail: true });
  const stored = await ctx.store.readEvents(sid);
  const notes = stored.filter((e) => e.channel === NOTE_CHANNEL);
  const midi = notes.length ? recordedNotesToMidi(notes) : null;
  if (format === 'midi') {
    if (!midi) throw new HttpError(404, 'no-music', 'No music was recorded in this session');
    audit(ctx, sid, claims.sub, 'session-exported', 'midi');
    res.writeHead(200, {
      'content-type': 'audio/midi',
      'content-length': midi.byteLength,
      // A neutral file name: no names, no dates that identify a client.
      'content-disposition': 'attachment; filename="attune-music.mid"',
      'cache-control': 'no-store',
    });
    res.end(midi);
    return;
  }
  const documents: Record<string, string> = {};
  for (const scope of SCOPES)
    documents[scope] = Buffer.from(await docState(ctx, sid, scope)).toString('base64');
  const events = stored.map((e) => ({
    t: e.t,
    sub: e.sub,
    role: e.role,
    scope: e.scope,
    channel: e.channel,
    payload: Buffer.from(e.payload).toString('base64'),
  }));
  const auditLog = await ctx.store.readAudit(sid);
  audit(ctx, sid, claims.sub, 'session-exported');
  sendJson(res, 200, {
    sid,
    exportedAt: new Date().toISOString(),
    documents,
    events,
    midi: midi ? Buffer.from(midi).toString('base64') : null,
    audit: auditLog,
  });
}

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

export function checkSid(sid: string): void {
  if (!isSid(sid)) throw new HttpError(404, 'not-found', 'No such session');
}
