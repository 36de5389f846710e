/**
 * WebSocket message types. 0 to 3 are y-protocols' own; 100 and up are
 * Attune's (DESIGN.md, "WebSocket").
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Save check: `varUint n`, echoed once everything received before it is durable. */
  saveCheck: 100,
  /**
   * Save status, server to client: `varUint state` (SAVE_STATE), `varString reason`. Sent to
   * writers when the server stops being able to store (a full or read-only disk) and when it
   * can again.
   */
  saveStatus: 101,
  /** Clock sync: client sends `float64 clientTime`, server answers `float64 clientTime, float64 serverTime`. */
  clock: 110,
  /** Ephemeral broadcast: `varString channel, varUint8Array payload`; relayed, never stored. */
  broadcast: 120,
  /** Recorded broadcast: as 120, also appended to the session's event log when consent allows. */
  recordedBroadcast: 121,
} as const;
export type MessageType = (typeof MESSAGE)[keyof typeof MESSAGE];

/** y-protocols' sync sub-types. */
export const SYNC = { step1: 0, step2: 1, update: 2 } as const;

/** y-protocols' auth sub-type for "permission denied". */
export const AUTH_PERMISSION_DENIED = 0;

/** The states of a save status message (101). */
export const SAVE_STATE = { saving: 0, failing: 1 } as const;

/** Longest broadcast channel name, in UTF-8 bytes. */
export const MAX_CHANNEL_LENGTH = 64;

export function encodeSaveCheck(n: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.saveCheck);
  encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}

export function encodeSaveStatus(
  state: (typeof SAVE_STATE)[keyof typeof SAVE_STATE],
  reason = '',
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.saveStatus);
  encoding.writeVarUint(encoder, state);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a 101 message (after its type). */
export function readSaveStatus(decoder: decoding.Decoder): { failing: boolean; reason: string } {
  const state = decoding.readVarUint(decoder);
  const reason = decoding.readVarString(decoder);
  return { failing: state === SAVE_STATE.failing, reason };
}

export function encodeClockRequest(clientTime: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.clock);
  encoding.writeFloat64(encoder, clientTime);
  return encoding.toUint8Array(encoder);
}

export function encodeClockReply(clientTime: number, serverTime: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.clock);
  encoding.writeFloat64(encoder, clientTime);
  encoding.writeFloat64(encoder, serverTime);
  return encoding.toUint8Array(encoder);
}

export function encodeBroadcast(channel: string, payload: Uint8Array, recorded = false): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, recorded ? MESSAGE.recordedBroadcast : MESSAGE.broadcast);
  encoding.writeVarString(encoder, channel);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.auth);
  encoding.writeVarUint(encoder, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a 120 or 121 message (after its type). */
export function readBroadcast(decoder: decoding.Decoder): { channel: string; payload: Uint8Array } {
  const channel = decoding.readVarString(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  return { channel, payload };
}

/** One entry of a session's recorded event log, as the export gives it. */
export interface RecordedEvent {
  /** Server time, milliseconds since the epoch. */
  t: number;
  /** The sender's opaque participant id. */
  sub: string;
  role: string;
  scope: string;
  channel: string;
  /** The payload, base64 in JSON exports. */
  payload: Uint8Array;
}
