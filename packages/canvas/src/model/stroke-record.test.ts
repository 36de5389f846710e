import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { quantizePoints } from './points.js';
import { MAX_RECORD_BYTES, decodeStrokeRecord, encodeStrokeRecord } from './stroke-record.js';

const points = [
  { x: 10.2, y: -4, p: 0.5 },
  { x: 13, y: -2.5, p: 0.61 },
  { x: 90000, y: 7, p: 1 },
];
const fields = {
  page: 'pg-1',
  author: 'p-client-ä',
  created: 1_795_000_000_123,
  color: '#3B7dd8',
  size: 7.25,
  opacity: 0.35,
  highlighter: true,
  z: -42,
};

describe('stroke record', () => {
  it('round-trips every field, and is small', () => {
    const bytes = encodeStrokeRecord(fields, points);
    expect(decodeStrokeRecord(bytes)).toEqual({
      ...fields,
      color: '#3b7dd8',
      points: quantizePoints(points),
    });
    const plain = { ...fields, opacity: 1, highlighter: false, z: 3 };
    expect(decodeStrokeRecord(encodeStrokeRecord(plain, points))).toMatchObject({
      opacity: 1,
      highlighter: false,
      z: 3,
    });
    // version 1 · flags 1 · page 5 · author 12 · time 6 · colour 3 · size 2 · z 1 · no points 2
    expect(encodeStrokeRecord(plain, []).byteLength).toBe(33);
    expect(encodeStrokeRecord(plain, points).byteLength - 33).toBeLessThan(16);
  });

  it('clamps numbers so that what is written reads back', () => {
    const wild = { ...fields, size: 1e9, opacity: -1, created: -5, z: 1e20 };
    expect(decodeStrokeRecord(encodeStrokeRecord(wild, points))).toMatchObject({
      size: 200,
      opacity: 0.05,
      created: 0,
      z: 1e12,
    });
  });

  it('refuses every truncation, trailing bytes, unknown versions and flags', () => {
    const bytes = encodeStrokeRecord(fields, points);
    for (let n = 0; n < bytes.length; n++) expect(() => decodeStrokeRecord(bytes.slice(0, n))).toThrow();
    expect(() => decodeStrokeRecord(Uint8Array.of(...bytes, 0))).toThrow();
    expect(() => decodeStrokeRecord(Uint8Array.of(2, ...bytes.slice(1)))).toThrow(/version/);
    expect(() => decodeStrokeRecord(Uint8Array.of(1, 0x80, ...bytes.slice(2)))).toThrow(/flags/);
    expect(() => decodeStrokeRecord(new Uint8Array(MAX_RECORD_BYTES + 1))).toThrow(/too large/);
  });

  it('refuses long or broken strings and out-of-range numbers', () => {
    const long = encodeStrokeRecord({ ...fields, author: 'x'.repeat(600) }, points);
    expect(() => decodeStrokeRecord(long)).toThrow(/string/);
    const bytes = encodeStrokeRecord({ ...fields, page: 'ab' }, points);
    const broken = bytes.slice();
    broken[3] = 0xff; // the page's first byte, not UTF-8
    expect(() => decodeStrokeRecord(broken)).toThrow();
    const sizeAt = 2 + 3 + 12 + 6 + 3; // version, flags, page, author, time, colour
    expect([bytes[sizeAt], bytes[sizeAt + 1]]).toEqual([(725 & 0x7f) | 0x80, 725 >> 7]);
    const tiny = bytes.slice();
    tiny[sizeAt] = 0x80 | 10;
    tiny[sizeAt + 1] = 0;
    expect(() => decodeStrokeRecord(tiny)).toThrow(/range/);
  });

  it('reads damaged bytes as a bounded stroke or refuses them with an error', () => {
    const gen = prng.create(7);
    const good = encodeStrokeRecord(fields, points);
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < 2000; i++) {
      const bytes = good.slice();
      for (let k = prng.int32(gen, 1, 4); k > 0; k--)
        bytes[prng.int32(gen, 0, bytes.length - 1)] = prng.int32(gen, 0, 255);
      try {
        const read = decodeStrokeRecord(bytes);
        expect(read.points.length).toBeLessThanOrEqual(20_000);
        expect(read.size).toBeGreaterThanOrEqual(0.5);
        expect(read.size).toBeLessThanOrEqual(200);
        expect(read.opacity).toBeGreaterThanOrEqual(0.05);
        expect(read.color).toMatch(/^#[0-9a-f]{6}$/);
        outcomes.read++;
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        outcomes.refused++;
      }
    }
    // Both happen: damage to a colour or a point reads, damage to the framing does not.
    expect(outcomes.read).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});
