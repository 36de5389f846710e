import { describe, expect, it } from 'vitest';
import { AttuneError, ERROR_REASON } from '../errors.js';
import type { ErrorReason } from '../errors.js';
import type { SessionStatus } from '../status.js';
import { statusText } from './status-text.js';

const error = (reason: ErrorReason): SessionStatus => ({
  status: 'error',
  error: new AttuneError(reason, `technical detail: ${reason}`),
});

/** Words a client in distress, a child or a person with dementia should not have to decode. */
const JARGON = /token|sync|socket|server|error|offline|401|403|expired token|forbidden|unauthori[sz]ed|http/i;

const every: Array<[string, SessionStatus, boolean]> = [
  ['connecting', { status: 'connecting' }, true],
  ['synced and saved', { status: 'synced' }, true],
  ['synced and saving', { status: 'synced' }, false],
  ['offline', { status: 'offline' }, false],
  ...Object.values(ERROR_REASON).map((reason): [string, SessionStatus, boolean] => [
    `error ${reason}`,
    error(reason),
    true,
  ]),
];

describe('statusText', () => {
  it('says every state in plain words, never in technical terms', () => {
    for (const [what, status, saved] of every) {
      const text = statusText(status, saved);
      expect(text, what).toMatch(/^[A-Z].*[.…]$/);
      expect(text, what).not.toMatch(JARGON);
      expect(text, what).not.toContain('technical detail');
    }
  });

  it('tells a person in the waiting room that they are connected and waiting', () => {
    const text = statusText({ status: 'connecting' }, true, { status: 'saving' }, true);
    expect(text).toMatch(/^Connected\./);
    expect(text).toMatch(/waiting/i);
    expect(text).not.toMatch(JARGON);
    // Once in, or when the connection is lost, the usual words come back.
    expect(statusText({ status: 'synced' }, true, { status: 'saving' }, true)).toBe(
      statusText({ status: 'synced' }, true),
    );
    expect(statusText({ status: 'offline' }, true, { status: 'saving' }, true)).toBe(
      statusText({ status: 'offline' }, true),
    );
  });

  it('tells whether the work is saved once connected', () => {
    expect(statusText({ status: 'synced' }, true)).toMatch(/saved/i);
    expect(statusText({ status: 'synced' }, false)).toMatch(/saving/i);
  });

  it('says plainly when the work cannot be saved, and that the page should stay open', () => {
    const failing = { status: 'failing', reason: 'the disk is full' } as const;
    const text = statusText({ status: 'synced' }, false, failing);
    expect(text).toMatch(/^[A-Z].*[.…]$/);
    expect(text).not.toMatch(JARGON);
    expect(text).toMatch(/cannot be saved/);
    expect(text).toMatch(/keep this page open/i);
    expect(statusText({ status: 'synced' }, true, { status: 'saving' })).toMatch(/saved/);
  });

  it('reassures that work made while the connection is down is kept', () => {
    expect(statusText({ status: 'offline' }, false)).toMatch(/kept/);
  });

  it('tells the participant what to do about a link that cannot work', () => {
    for (const reason of ['expired', 'forbidden', 'unauthorized', 'invalid-token'] as const) {
      expect(statusText(error(reason), true), reason).toMatch(/ask your therapist for a new one/);
    }
    expect(statusText(error('expired'), true)).toMatch(/expired/);
  });

  it('tells apart an expired link, a link for another session and an ended session', () => {
    const texts = new Set(
      (['expired', 'forbidden', 'unauthorized', 'session-ended', 'removed'] as const).map((reason) =>
        statusText(error(reason), true),
      ),
    );
    expect(texts.size).toBe(5);
  });
});
