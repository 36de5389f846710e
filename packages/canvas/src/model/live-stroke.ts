/**
 * Strokes while they are drawn, streamed on an ephemeral broadcast so others
 * watch them grow; the finished stroke is committed to the document once, on
 * pointer-up, under the same id, which is when the live copy is dropped.
 *
 *   varUint kind · varString id · varString page · varUint first-point index
 *   · varString color · varUint size×2 · varUint opacity×100 · u8 flags · points chunk
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { decodePoints, encodePoints, MAX_POINTS } from './points.js';
import type { StrokePoint } from './points.js';
import { LIMITS, isColor, isId } from './schema.js';

export const LIVE_CHANNEL = 'canvas:stroke';
export const LIVE_KIND = { points: 0, cancel: 1 } as const;
/** A live stroke nobody has extended for this long is dropped (its author left). */
export const LIVE_TIMEOUT = 10_000;

export interface LiveStyle {
  color: string;
  size: number;
  opacity: number;
  highlighter: boolean;
}

export interface LiveMessage {
  kind: (typeof LIVE_KIND)[keyof typeof LIVE_KIND];
  id: string;
  page: string;
  start: number;
  style: LiveStyle;
  points: StrokePoint[];
}

export function encodeLive(message: LiveMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, message.kind);
  encoding.writeVarString(encoder, message.id);
  encoding.writeVarString(encoder, message.page);
  encoding.writeVarUint(encoder, message.start);
  encoding.writeVarString(encoder, message.style.color);
  encoding.writeVarUint(encoder, Math.round(message.style.size * 2));
  encoding.writeVarUint(encoder, Math.round(message.style.opacity * 100));
  encoding.writeUint8(encoder, message.style.highlighter ? 1 : 0);
  encoding.writeVarUint8Array(encoder, encodePoints(message.points));
  return encoding.toUint8Array(encoder);
}

/** Reads a peer's live message; null when it is malformed. */
export function decodeLive(bytes: Uint8Array): LiveMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const kind = decoding.readVarUint(decoder);
    const id = decoding.readVarString(decoder);
    const page = decoding.readVarString(decoder);
    const start = decoding.readVarUint(decoder);
    const color = decoding.readVarString(decoder);
    const size = decoding.readVarUint(decoder) / 2;
    const opacity = decoding.readVarUint(decoder) / 100;
    const highlighter = decoding.readUint8(decoder) === 1;
    const points = decodePoints(decoding.readVarUint8Array(decoder));
    if (kind !== LIVE_KIND.points && kind !== LIVE_KIND.cancel) return null;
    if (!isId(id) || !isId(page) || !isColor(color) || start > MAX_POINTS) return null;
    if (size <= 0 || size > LIMITS.size || opacity <= 0 || opacity > 1) return null;
    return { kind, id, page, start, style: { color, size, opacity, highlighter }, points };
  } catch {
    return null;
  }
}

export interface LiveStroke {
  id: string;
  page: string;
  style: LiveStyle;
  points: StrokePoint[];
  /** Local ms of the last message. */
  touched: number;
}

/**
 * Everyone else's strokes in progress. A stroke already committed to the
 * document is never shown live again, whatever order the messages arrive in.
 */
export class LiveStrokes {
  readonly strokes = new Map<string, LiveStroke>();

  constructor(private readonly committed: (id: string) => boolean) {}

  /** Applies one message; returns the stroke it changed, or null. */
  apply(message: LiveMessage, now: number): LiveStroke | null {
    if (message.kind === LIVE_KIND.cancel || this.committed(message.id)) {
      this.strokes.delete(message.id);
      return null;
    }
    let stroke = this.strokes.get(message.id);
    if (!stroke) {
      if (this.strokes.size >= 64) return null;
      stroke = { id: message.id, page: message.page, style: message.style, points: [], touched: now };
      this.strokes.set(message.id, stroke);
    }
    stroke.touched = now;
    // Chunks overlap only after a resend; keep the first copy of each point.
    const skip = Math.max(0, stroke.points.length - message.start);
    const room = MAX_POINTS - stroke.points.length;
    stroke.points.push(...message.points.slice(skip, skip + room));
    return stroke;
  }

  /** Drops strokes now in the document, and those whose author went quiet. */
  prune(now: number): boolean {
    let changed = false;
    for (const [id, stroke] of this.strokes) {
      if (this.committed(id) || now - stroke.touched > LIVE_TIMEOUT) {
        this.strokes.delete(id);
        changed = true;
      }
    }
    return changed;
  }

  onPage(page: string): LiveStroke[] {
    return [...this.strokes.values()].filter((s) => s.page === page);
  }
}
