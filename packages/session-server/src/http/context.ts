/** What every API handler shares: its dependencies, token checks, body parsing and the audit log. */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import * as v from 'valibot';
import type { Role, TokenClaims } from '@attune/session/protocol';
import { MAX_NAME_LENGTH, isFacilitator, isSid } from '@attune/session/protocol';
import type { Limits } from '../config.js';
import type { SessionQuotas } from '../quotas.js';
import type { Rooms } from '../rooms.js';
import type { Store } from '../store/store.js';
import { TokenError } from '../tokens.js';
import type { TokenKeys } from '../tokens.js';
import type { Writer } from '../writer.js';
import { HttpError, bearer } from './respond.js';
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

export const DAY = 86_400;
export const Ttl = v.optional(v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(30 * DAY)));
export const DisplayName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_NAME_LENGTH));

export function parse<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue?.path?.map((p) => String(p.key)).join('.') ?? 'body';
    throw new HttpError(400, 'invalid-body', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.output;
}

export function now(): number {
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

export function audit(ctx: ApiContext, sid: string, actor: string, action: string, detail = ''): void {
  ctx.writer.addAudit({ sid, t: now(), actor, action, detail });
}

export function linkFor(ctx: ApiContext, req: IncomingMessage, role: Role, token: string): string {
  const page = isFacilitator(role) ? 'therapist' : 'join';
  return `${ctx.publicUrl(req)}/${page}#token=${token}`;
}

export function checkSid(sid: string): void {
  if (!isSid(sid)) throw new HttpError(404, 'not-found', 'No such session');
}
