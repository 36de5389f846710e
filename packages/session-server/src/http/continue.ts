/**
 * `POST /api/sessions/:sid/continue`: the therapist of a session opens a new
 * session that starts from the earlier one's shared work (the `space`
 * document: canvas pages, prop boards, instrument setup). The frame (`control`)
 * and the private notes are not carried over: holds, admissions and consent
 * belong to one meeting, and notes stay with the session they were written in.
 * Whether the session has a waiting room is carried over.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { MAX_NAME_LENGTH } from '@attune/session/protocol';
import { newParticipantId, newSessionId } from '../tokens.js';
import type { ApiContext } from './context.js';
import { isTherapist, linkFor, parse, requireRole } from './context.js';
import { readJson, sendJson } from './respond.js';
import { docState, seedControl } from './sessions.js';
import { isEmptyUpdate } from '../doc-state.js';

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

export async function continueSession(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  sid: string,
): Promise<void> {
  const claims = await requireRole(ctx, req, sid, isTherapist, 'Only the therapist can continue a session');
  const options = parse(ContinueBody, await readJson(req, ctx.limits.maxJsonBodyBytes));
  await ctx.writer.flush({ orFail: true });
  const space = await docState(ctx, sid, 'space');
  const state = isEmptyUpdate(space) ? null : space;
  const { waitingRoom } = await ctx.rooms.readFacts(sid);
  const next = newSessionId();
  const t = Date.now();
  await ctx.store.createSession(next, t);
  await seedControl(ctx, next, waitingRoom);
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
    name: options.name ?? claims.name,
    ttlSeconds: options.ttlSeconds ?? DAY,
  });
  const body: ContinueSessionResponse = {
    sid: next,
    therapistToken,
    therapistUrl: linkFor(ctx, req, 'therapist', therapistToken),
    continuedFrom: sid,
  };
  sendJson(res, 201, body);
}
