/**
 * WebSocket close codes the server uses, with the reason text it sends.
 * 4000-4999 are Attune's; a client stops reconnecting on those marked final.
 */
export const CLOSE = {
  /** A frame that could not be parsed, or broke the protocol. */
  malformed: 1007,
  /** Too many connections or rooms from one address. */
  policy: 1008,
  /** A frame over the size limit (ws closes with this itself). */
  tooLarge: 1009,
  /** The server is shutting down; reconnect. */
  goingAway: 1001,
  /** The connection could not keep up with what it was sent; reconnect and resync. */
  tryAgainLater: 1013,
  /**
   * A facilitator sent this participant back to the waiting room (or turned
   * the waiting room on): reconnect, and wait to be admitted. Not final.
   */
  waiting: 4100,
  /** The token is no longer valid (expired or revoked). Final. */
  unauthorized: 4401,
  /** The participant was removed from the session. Final. */
  removed: 4403,
  /** The session was ended and its data erased. Final. */
  sessionEnded: 4410,
  /**
   * The session's stored documents were written by a newer version of Attune
   * than this server: the server must be upgraded. Final.
   */
  newerSchema: 4426,
} as const;
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** Close codes after which reconnecting cannot help. */
export function isFinalClose(code: number): boolean {
  return (
    code === CLOSE.unauthorized ||
    code === CLOSE.removed ||
    code === CLOSE.sessionEnded ||
    code === CLOSE.newerSchema
  );
}
