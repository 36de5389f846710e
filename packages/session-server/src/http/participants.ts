/** Participants: invitations, who a token is, choosing a name, and removal for good. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import type { Role } from '@attune/session/protocol';
import { CLOSE, ROLES, isFacilitator } from '@attune/session/protocol';
import { newParticipantId } from '../tokens.js';
import type { ApiContext } from './context.js';
import { DAY, DisplayName, Ttl, audit, authenticate, linkFor, now, parse, requireRole } from './context.js';
import { HttpError, bearer, readJson, sendJson } from './respond.js';

const InviteBody = v.strictObject({
  role: v.picklist(ROLES),
  name: DisplayName,
  ttlSeconds: Ttl,
});

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
