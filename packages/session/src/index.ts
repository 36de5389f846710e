export { AttuneSessionElement } from './attune-session/attune-session.element.js';
export { statusText } from './attune-session/status-text.js';
export { CLOCK_WINDOW, ClockEstimate, localNow } from './clock.js';
export type { ClockSample, Millis } from './clock.js';
export { PARTICIPANT_COLORS, colorFor } from './colors.js';
export { sessionContext } from './context.js';
export { AttuneError, ERROR_REASON } from './errors.js';
export type { ErrorReason } from './errors.js';
export type { SessionStatusDetail } from './events.js';
export * from './protocol/index.js';
export type { BroadcastHandler, BroadcastMeta } from './scope-channel.js';
export { Session, defaultServerUrl, httpBaseFor } from './session.js';
export type {
  BroadcastOptions,
  PresenceState,
  SessionDocs,
  SessionEvents,
  SessionOptions,
  SessionUser,
} from './session.js';
export { SESSION_STATUS } from './status.js';
export type { SaveStatus, SessionStatus } from './status.js';
export { controls, tokens } from './tokens.css.js';
