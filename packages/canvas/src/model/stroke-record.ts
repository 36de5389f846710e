/**
 * A committed freehand stroke's fields that never change, packed into one
 * binary value (key `d` of the stroke's map). Thousands of strokes make a
 * page, and every separate key would cost its name and a Yjs item header in
 * each of them, forever; one value costs one.
 *
 *   u8 version · u8 flags (1 highlighter, 2 opacity follows)
 *   · varUint length + utf8 page · varUint length + utf8 author
 *   · varUint created (shared-clock ms) · u8 r · u8 g · u8 b
 *   · varUint size (hundredths of a pixel) · [u8 opacity (percent)]
 *   · varInt z (the stacking it was made with)
 *   · the points, as `encodePoints` writes them
 *
 * Where the stroke was moved to, and a later restack, are separate keys of
 * the same map, written only when they happen.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { decodePoints, encodePoints } from './points.js';
import type { StrokePoint } from './points.js';

export const RECORD_VERSION = 1;
/** The key of the record in a stroke's map. */
export const RECORD_KEY = 'd';
/** Larger values are refused unread (20,000 points of the widest deltas fit). */
export const MAX_RECORD_BYTES = 256 * 1024;

const HIGHLIGHTER = 1;
const HAS_OPACITY = 2;
const KNOWN_FLAGS = HIGHLIGHTER | HAS_OPACITY;
const MAX_STRING = 128;
const MAX_CREATED = 1e14;
const MAX_Z = 1e12;

export interface StrokeRecord {
  page: string;
  author: string;
  created: number;
  /** `#rrggbb`, lower case. */
  color: string;
  size: number;
  opacity: number;
  highlighter: boolean;
  z: number;
  points: StrokePoint[];
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

function writeString(encoder: encoding.Encoder, value: string): void {
  const bytes = utf8.encode(value);
  encoding.writeVarUint(encoder, bytes.length);
  encoding.writeUint8Array(encoder, bytes);
}

function readString(decoder: decoding.Decoder): string {
  const length = decoding.readVarUint(decoder);
  if (length > MAX_STRING * 4 || decoder.pos + length > decoder.arr.length) {
    throw new RangeError('string out of range');
  }
  const value = fromUtf8.decode(decoder.arr.subarray(decoder.pos, decoder.pos + length));
  decoder.pos += length;
  return value;
}

function readByte(decoder: decoding.Decoder): number {
  if (decoder.pos >= decoder.arr.length) throw new RangeError('record ends early');
  return decoding.readUint8(decoder);
}

/**
 * Packs a stroke. The caller validates page, author and colour; numbers are
 * clamped here so that what is written always reads back.
 */
export function encodeStrokeRecord(
  record: Omit<StrokeRecord, 'points'>,
  points: readonly StrokePoint[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  const opacity = Math.round(Math.min(1, Math.max(0.05, record.opacity)) * 100);
  encoding.writeUint8(encoder, RECORD_VERSION);
  encoding.writeUint8(encoder, (record.highlighter ? HIGHLIGHTER : 0) | (opacity < 100 ? HAS_OPACITY : 0));
  writeString(encoder, record.page);
  writeString(encoder, record.author);
  encoding.writeVarUint(encoder, Math.round(Math.min(MAX_CREATED, Math.max(0, record.created))));
  const rgb = parseInt(record.color.slice(1), 16);
  encoding.writeUint8(encoder, (rgb >> 16) & 255);
  encoding.writeUint8(encoder, (rgb >> 8) & 255);
  encoding.writeUint8(encoder, rgb & 255);
  encoding.writeVarUint(encoder, Math.round(Math.min(200, Math.max(0.5, record.size)) * 100));
  if (opacity < 100) encoding.writeUint8(encoder, opacity);
  encoding.writeVarInt(encoder, Math.round(Math.min(MAX_Z, Math.max(-MAX_Z, record.z))));
  encoding.writeUint8Array(encoder, encodePoints(points));
  return encoding.toUint8Array(encoder);
}

/**
 * Reads a record written by a peer. Throws on anything malformed or out of
 * range, so nothing half-read reaches the renderer; strings are returned
 * unchecked for their pattern (the schema checks them).
 */
export function decodeStrokeRecord(bytes: Uint8Array): StrokeRecord {
  if (bytes.length > MAX_RECORD_BYTES) throw new RangeError('record too large');
  const decoder = decoding.createDecoder(bytes);
  if (readByte(decoder) !== RECORD_VERSION) throw new RangeError('unknown record version');
  const flags = readByte(decoder);
  if (flags & ~KNOWN_FLAGS) throw new RangeError('unknown flags');
  const page = readString(decoder);
  const author = readString(decoder);
  const created = decoding.readVarUint(decoder);
  const color = `#${[readByte(decoder), readByte(decoder), readByte(decoder)]
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
  const size = decoding.readVarUint(decoder) / 100;
  const opacity = flags & HAS_OPACITY ? readByte(decoder) / 100 : 1;
  const z = decoding.readVarInt(decoder);
  if (decoder.pos >= bytes.length) throw new RangeError('record ends early');
  if (
    created > MAX_CREATED ||
    size < 0.5 ||
    size > 200 ||
    opacity < 0.05 ||
    opacity > 1 ||
    Math.abs(z) > MAX_Z
  ) {
    throw new RangeError('field out of range');
  }
  const points = decodePoints(bytes.subarray(decoder.pos));
  return { page, author, created, color, size, opacity, highlighter: (flags & HIGHLIGHTER) !== 0, z, points };
}
