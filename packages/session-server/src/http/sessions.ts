/** Sessions: created with the admin key, erased by the admin or their therapist, and their documents read. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import type { Scope, TokenClaims } from '@attune/session/protocol';
import { CLOSE } from '@attune/session/protocol';
import { repairedState } from '../doc-state.js';
import { initialControl } from '../control-facts.js';
import { newParticipantId, newSessionId } from '../tokens.js';
import { storeTroubleOf } from '../store/trouble.js';
import { StoreFailingError } from '../writer.js';
import type { ApiContext } from './context.js';
import { DAY, DisplayName, Ttl, audit, isTherapist, linkFor, now, parse, requireRole } from './context.js';
import { HttpError, bearer, readJson, sendJson } from './respond.js';

const CreateSessionBody = v.strictObject({
  name: v.optional(DisplayName),
  ttlSeconds: Ttl,
  waitingRoom: v.optional(v.boolean()),
});

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
