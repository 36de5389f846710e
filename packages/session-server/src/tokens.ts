/** Signing and verifying bearer tokens (HS256 JWTs, claims in DESIGN.md). */
import { randomBytes } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { Role, TokenClaims } from '@attune/session/protocol';
import { MAX_NAME_LENGTH, MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, checkClaims } from '@attune/session/protocol';

export type TokenProblem = 'missing' | 'malformed' | 'expired' | 'bad-signature' | 'invalid-claims';

export class TokenError extends Error {
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

/** Longest a token may stay valid by default: a course of weekly sessions gets new links. */
export const DEFAULT_MAX_TOKEN_TTL_SECONDS = 30 * 86_400;

/** Clock difference allowed between a portal that mints tokens and this server. */
const CLOCK_SKEW_SECONDS = 300;

export interface TokenKeyOptions {
  /** Tokens whose `exp` lies further ahead than this are refused (a portal minted a token for ever). */
  maxTtlSeconds?: number;
}

export class TokenKeys {
  private readonly key: Uint8Array;
  readonly maxTtlSeconds: number;

  constructor(secret: string, options: TokenKeyOptions = {}) {
    this.key = new TextEncoder().encode(secret);
    this.maxTtlSeconds = options.maxTtlSeconds ?? DEFAULT_MAX_TOKEN_TTL_SECONDS;
  }

  /** Signs a token; a `ttlSeconds` past the bound is shortened to it, so every token it signs verifies. */
  async sign(claims: Omit<TokenClaims, 'exp'> & { ttlSeconds: number }): Promise<string> {
    const ttl = Math.min(Math.floor(claims.ttlSeconds), this.maxTtlSeconds);
    return new SignJWT({ sid: claims.sid, role: claims.role, name: claims.name })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
      .sign(this.key);
  }

  async verify(token: string | null | undefined): Promise<TokenClaims> {
    if (!token) throw new TokenError('missing', 'A token is required');
    if (token.length > MAX_TOKEN_LENGTH) throw new TokenError('malformed', 'The token is too long');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: [TOKEN_ALGORITHM] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError('expired', 'The token has expired');
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw new TokenError('bad-signature', 'The token is not signed by this server');
      }
      throw new TokenError('malformed', 'The token could not be read');
    }
    const claims = checkClaims(payload);
    if (!claims) throw new TokenError('invalid-claims', 'The token does not carry valid claims');
    // Names are shown to everyone in the session: one made only of spaces looks like nobody.
    if (claims.name.trim().length === 0 || claims.name.length > MAX_NAME_LENGTH) {
      throw new TokenError('invalid-claims', 'The token needs a display name (1 to 64 characters)');
    }
    if (claims.exp > Date.now() / 1000 + this.maxTtlSeconds + CLOCK_SKEW_SECONDS) {
      throw new TokenError(
        'invalid-claims',
        `The token is valid for too long: at most ${this.maxTtlSeconds} seconds ahead`,
      );
    }
    return claims;
  }
}

/** An opaque participant id: random, no personal data. */
export function newParticipantId(role: Role): string {
  return `${role.slice(0, 1)}_${randomBytes(12).toString('base64url')}`;
}

/** A session id: 22 characters of base64url (128 random bits). */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}
