import { describe, expect, it } from 'vitest';
import { ROLES } from '@attune/session';
import { decodeHandBack, encodeHandBack, mayPlayNow, takesTurns } from './turn.js';

describe('call and response turns', () => {
  it('lets everyone play outside call and response', () => {
    for (const mode of ['free', 'pulse'] as const)
      for (const role of ROLES) expect(mayPlayNow({ mode, turn: 'sam' }, 'alex', role)).toBe(true);
  });

  it('in call and response, only the one whose turn it is, and the facilitators always', () => {
    const state = { mode: 'call-response', turn: 'sam' } as const;
    expect(mayPlayNow(state, 'sam', 'client')).toBe(true);
    expect(mayPlayNow(state, 'alex', 'client')).toBe(false);
    expect(mayPlayNow(state, 'alex', 'caregiver')).toBe(false);
    expect(mayPlayNow(state, 'tom', 'therapist')).toBe(true);
    expect(mayPlayNow(state, 'ada', 'assistant')).toBe(true);
    // Nobody's turn is the therapist's: clients listen.
    expect(mayPlayNow({ mode: 'call-response', turn: null }, 'sam', 'client')).toBe(false);
  });

  it('gives turns to clients and caregivers only', () => {
    expect(ROLES.filter(takesTurns)).toEqual(['client', 'caregiver']);
  });

  it('reads back a hand-back request, and nothing from damaged or oversized bytes', () => {
    expect(decodeHandBack(encodeHandBack(123456, 'sam'))).toEqual({ clientId: 123456, turn: 'sam' });
    const bytes = encodeHandBack(1, 'sam');
    expect(decodeHandBack(bytes.slice(0, 2))).toBeNull();
    expect(decodeHandBack(Uint8Array.of(9, ...bytes.slice(1)))).toBeNull();
    expect(decodeHandBack(encodeHandBack(1, ''))).toBeNull();
    expect(decodeHandBack(encodeHandBack(1, 'x'.repeat(129)))).toBeNull();
    expect(decodeHandBack(new Uint8Array(201))).toBeNull();
  });
});
