/**
 * Rate limits of the HTTP API: wrong admin keys per address, sessions created
 * per address, invites per session. Each refusal is a 429 with `Retry-After`
 * and is counted under its reason in `attune_quota_refusals_total`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Limits } from '../config.js';
import type { SessionQuotas } from '../quotas.js';
import { RateLimiter } from '../rate-limit.js';
import { tooMany } from './respond.js';

export class ApiThrottle {
  private readonly adminFailures: RateLimiter;
  private readonly sessions: RateLimiter;
  private readonly invites: RateLimiter;

  constructor(
    private readonly adminKey: string,
    limits: Limits,
    private readonly quotas: SessionQuotas,
  ) {
    this.adminFailures = new RateLimiter(limits.adminKeyFailuresPerMinute);
    this.sessions = new RateLimiter(limits.sessionsPerMinute);
    this.invites = new RateLimiter(limits.invitesPerSessionPerMinute);
  }

  /** True when the address has used up its wrong admin keys for this minute. */
  lockedOut(address: string): boolean {
    return this.adminFailures.exhausted(address);
  }

  /**
   * Checks a bearer against the admin key for a request that needs it. While
   * the address is locked out, even the right key is refused: an answer would
   * tell a guesser that they guessed right. Other addresses are not affected.
   */
  isAdmin(given: string | null, address: string): boolean {
    if (this.lockedOut(address)) throw this.lockout();
    if (given === null) return false;
    if (this.matches(given)) return true;
    this.adminFailures.take(address);
    return false;
  }

  /** Compares in constant time; counts nothing. */
  matches(given: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(this.adminKey);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Counts a wrong bearer on a route that takes the admin key or a token (erasing a session). */
  failed(address: string): void {
    this.adminFailures.take(address);
  }

  lockout(): Error {
    this.quotas.refuse('admin-key-failures');
    return tooMany(
      'too-many-attempts',
      'Too many wrong keys from this address; try again later',
      this.adminFailures.retryAfterSeconds(),
    );
  }

  /** Counts one new session for the address; a 429 past the limit. */
  createSession(address: string): void {
    if (this.sessions.take(address)) return;
    this.quotas.refuse('sessions-per-minute');
    throw tooMany(
      'too-many-sessions',
      'Too many sessions created from this address in a minute; try again later',
      this.sessions.retryAfterSeconds(),
    );
  }

  /** Counts one invite for the session; a 429 past the limit. */
  invite(sid: string): void {
    if (this.invites.take(sid)) return;
    this.quotas.refuse('invites-per-minute');
    throw tooMany(
      'too-many-invites',
      'Too many invites for this session in a minute; try again later',
      this.invites.retryAfterSeconds(),
    );
  }

  stop(): void {
    this.adminFailures.stop();
    this.sessions.stop();
    this.invites.stop();
  }
}
