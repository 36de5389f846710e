/** Errors that carry a reason callers can switch on. */

export const ERROR_REASON = {
  unauthorized: 'unauthorized',
  expired: 'expired',
  forbidden: 'forbidden',
  removed: 'removed',
  sessionEnded: 'session-ended',
  notFound: 'not-found',
  invalidToken: 'invalid-token',
  network: 'network',
  invalid: 'invalid',
  /** The server is older than the session's stored documents. */
  unsupported: 'unsupported',
} as const;
export type ErrorReason = (typeof ERROR_REASON)[keyof typeof ERROR_REASON];

export class AttuneError extends Error {
  readonly reason: ErrorReason;

  constructor(reason: ErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AttuneError';
    this.reason = reason;
  }
}
