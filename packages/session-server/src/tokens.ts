/** Signing and verifying bearer tokens (HS256 JWTs, claims in DESIGN.md). */
import { randomBytes } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { Role, TokenClaims } from '@attune/session/protocol';
import { MAX_TOKEN_LENGTH, TOKEN_ALGORITHM, checkClaims } from '@attune/session/protocol';

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

export class TokenKeys {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: Omit<TokenClaims, 'exp'> & { ttlSeconds: number }): Promise<string> {
    return new SignJWT({ sid: claims.sid, role: claims.role, name: claims.name })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + Math.floor(claims.ttlSeconds))
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
