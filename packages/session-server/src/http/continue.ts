/**
 * `POST /api/sessions/:sid/continue`: the therapist of a session opens a new
 * session that starts from the earlier one's shared work (the `space`
 * document: canvas pages, prop boards, instrument setup). The frame (`control`)
 * and the private notes are not carried over: holds, admissions and consent
 * belong to one meeting, and notes stay with the session they were written in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import * as Y from 'yjs';
import { MAX_NAME_LENGTH } from '@attune/session/protocol';
import { newParticipantId, newSessionId } from '../tokens.js';
import type { ApiContext } from './api.js';
import { authenticate } from './api.js';
import { HttpError, bearer, readJson, sendJson } from './respond.js';

const DAY = 86_400;
const ContinueBody = v.strictObject({
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_NAME_LENGTH))),
  ttlSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(30 * DAY))),
});

export interface ContinueSessionResponse {
  sid: string;
  therapistToken: string;
  therapistUrl: string;
  continuedFrom: string;
}

/** The merged state of the earlier session's `space`, live room first. */
async function spaceState(ctx: ApiContext, sid: string): Promise<Uint8Array | null> {
  const room = ctx.rooms.rooms.get(`${sid}/space`);
  if (room?.doc) return room.doc.state();
  const { updates } = await ctx.store.loadDoc(sid, 'space');
  return updates.length ? Y.mergeUpdates(updates) : null;
}

export async function continueSession(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  const claims = await authenticate(ctx, bearer(req), sid);
  if (claims.role !== 'therapist')
    throw new HttpError(403, 'forbidden', 'Only the therapist can continue a session');
  const parsed = v.safeParse(ContinueBody, await readJson(req, ctx.limits.maxJsonBodyBytes));
  if (!parsed.success) throw new HttpError(400, 'invalid-body', parsed.issues[0]?.message ?? 'invalid');
  await ctx.writer.flush();
  const state = await spaceState(ctx, sid);
  const next = newSessionId();
  const t = Date.now();
  await ctx.store.createSession(next, t);
  await ctx.store.write({
    updates: state ? [{ sid: next, scope: 'space', data: state }] : [],
    events: [],
    audit: [
      { sid: next, t, actor: claims.sub, action: 'session-continued', detail: 'from an earlier session' },
      { sid, t, actor: claims.sub, action: 'session-continued', detail: 'into a new session' },
    ],
  });
  const therapistToken = await ctx.keys.sign({
    sid: next,
    role: 'therapist',
    sub: newParticipantId('therapist'),
    name: parsed.output.name ?? claims.name,
    ttlSeconds: parsed.output.ttlSeconds ?? DAY,
  });
  const body: ContinueSessionResponse = {
    sid: next,
    therapistToken,
    therapistUrl: `${ctx.publicUrl(req)}/therapist#token=${therapistToken}`,
    continuedFrom: sid,
  };
  sendJson(res, 201, body);
}
