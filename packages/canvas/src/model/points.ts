/**
 * Compact binary form of freehand points. Coordinates are quantized to half a
 * pixel and pressure to 64 steps, then delta-encoded as lib0 signed varints:
 * a delta under 32 px (or 63 pressure steps) takes one byte, so a typical
 * point costs three bytes.
 *
 *   u8 version · varUint count · varInt x0 · varInt y0 · varInt p0 · (varInt dx · varInt dy · varInt dp)*
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface StrokePoint {
  /** Scene pixels. */
  x: number;
  y: number;
  /** Pen pressure, 0 to 1. */
  p: number;
}

export const POINTS_VERSION = 1;
/** Longest stroke accepted, in points. */
export const MAX_POINTS = 20_000;
/** Quantization steps per scene pixel. */
export const POINT_SCALE = 2;
export const PRESSURE_STEPS = 63;
/** Scene coordinates are clamped to ±this many pixels. */
export const MAX_COORDINATE = 1_000_000;

const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

function quantize(point: StrokePoint): [number, number, number] {
  const x = Number.isFinite(point.x) ? clamp(point.x, -MAX_COORDINATE, MAX_COORDINATE) : 0;
  const y = Number.isFinite(point.y) ? clamp(point.y, -MAX_COORDINATE, MAX_COORDINATE) : 0;
  const p = Number.isFinite(point.p) ? clamp(point.p, 0, 1) : 0.5;
  return [Math.round(x * POINT_SCALE), Math.round(y * POINT_SCALE), Math.round(p * PRESSURE_STEPS)];
}

/** Encodes up to `MAX_POINTS` points (the rest are dropped). */
export function encodePoints(points: readonly StrokePoint[]): Uint8Array {
  const encoder = encoding.createEncoder();
  const count = Math.min(points.length, MAX_POINTS);
  encoding.writeUint8(encoder, POINTS_VERSION);
  encoding.writeVarUint(encoder, count);
  let px = 0;
  let py = 0;
  let pp = 0;
  for (let i = 0; i < count; i++) {
    const [x, y, p] = quantize(points[i]!);
    encoding.writeVarInt(encoder, x - px);
    encoding.writeVarInt(encoder, y - py);
    encoding.writeVarInt(encoder, p - pp);
    px = x;
    py = y;
    pp = p;
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Decodes points written by `encodePoints`. Throws on anything malformed, so a
 * peer's bad data never reaches the renderer half-read.
 */
export function decodePoints(bytes: Uint8Array): StrokePoint[] {
  const decoder = decoding.createDecoder(bytes);
  if (decoding.readUint8(decoder) !== POINTS_VERSION) throw new RangeError('unknown point encoding');
  const count = decoding.readVarUint(decoder);
  if (count > MAX_POINTS) throw new RangeError('too many points');
  const points: StrokePoint[] = new Array(count);
  let x = 0;
  let y = 0;
  let p = 0;
  const limit = MAX_COORDINATE * POINT_SCALE;
  for (let i = 0; i < count; i++) {
    x += decoding.readVarInt(decoder);
    y += decoding.readVarInt(decoder);
    p += decoding.readVarInt(decoder);
    if (Math.abs(x) > limit || Math.abs(y) > limit || p < 0 || p > PRESSURE_STEPS) {
      throw new RangeError('point out of range');
    }
    points[i] = { x: x / POINT_SCALE, y: y / POINT_SCALE, p: p / PRESSURE_STEPS };
  }
  // lib0 reads past the end as zeros: a short value shows as a position beyond it.
  if (decoder.pos !== bytes.length)
    throw new RangeError(decoder.pos > bytes.length ? 'too few bytes' : 'trailing bytes');
  return points;
}

/** The points as they read back after encoding (for comparing with decoded data). */
export function quantizePoints(points: readonly StrokePoint[]): StrokePoint[] {
  return points.slice(0, MAX_POINTS).map((point) => {
    const [x, y, p] = quantize(point);
    return { x: x / POINT_SCALE, y: y / POINT_SCALE, p: p / PRESSURE_STEPS };
  });
}

/**
 * Pressure for a mouse or finger, which report none (or a flat 0.5): slower
 * movement reads as more pressure, as with a real pen.
 */
export function simulatedPressure(previous: StrokePoint | null, x: number, y: number, scale = 1): number {
  if (!previous) return 0.5;
  // Speed on the screen, not on the page: `scale` is screen pixels per scene unit.
  const distance = Math.hypot(x - previous.x, y - previous.y) * scale;
  const target = clamp(1 - distance / 40, 0.15, 1);
  return previous.p + (target - previous.p) * 0.3;
}
