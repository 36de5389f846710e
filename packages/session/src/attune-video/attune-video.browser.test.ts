import axe from 'axe-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestSession } from '../../../../test/support/browser-session.js';
import '../attune-session/attune-session.js';
import { Session } from '../session.js';
import './attune-video.js';
import type { AttuneVideoElement } from './attune-video.element.js';

const cleanup: (() => void)[] = [];

beforeAll(() => {
  const script = document.createElement('script');
  script.textContent = axe.source;
  document.head.append(script);
});

afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

function text(el: HTMLElement): string {
  return el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function until(check: () => boolean, what: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error(`still waiting for ${what}`);
    },
    { timeout: 10_000, interval: 10 },
  );
}

describe('<attune-video> without a video server', () => {
  it('has no accessibility violations once it says video is not available', async () => {
    const test = await createTestSession();
    const session = new Session({ server: test.sync, sid: test.sid, token: test.therapistToken });
    const el = document.createElement('attune-video');
    el.token = test.therapistToken;
    el.session = session;
    document.body.append(el);
    cleanup.push(() => (el.remove(), session.destroy()));
    await until(() => text(el).includes('not available'), 'the unavailable message');
    const result = await (window as unknown as { axe: typeof axe }).axe.run(el);
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('inside <attune-session>, says so, fires attune-video-unavailable, and the session keeps working', async () => {
    const test = await createTestSession();
    const clientToken = await test.invite('client', 'Sam');
    const root = document.createElement('attune-session');
    root.server = test.sync;
    root.sessionId = test.sid;
    root.token = clientToken;
    root.statusHidden = true;
    const el = document.createElement('attune-video') as AttuneVideoElement;
    const codes: string[] = [];
    el.addEventListener('attune-video-unavailable', (e) => codes.push(e.detail.code));
    root.append(el);
    document.body.append(root);
    cleanup.push(() => root.remove());

    // The default state is a calm wait, never an error.
    expect(text(el)).not.toMatch(/error|fail/i);
    await until(() => codes.length === 1, 'the unavailable event');
    expect(codes).toEqual(['video-unavailable']);
    expect(el.unavailableCode).toBe('video-unavailable');
    expect(text(el)).toContain('Video is not available in this session. Everything else keeps working.');
    expect(el.shadowRoot!.querySelector('[part=join]')).toBeNull();

    // The shared work still flows for this participant.
    const session = root.session!;
    await session.whenSynced();
    session.docs.space.getMap('board').set('note', 'still here');
    await session.whenSaved();
    expect(session.saved).toBe(true);
  });

  it('says video could not be checked for a link that does not open this session, and recovers when moved', async () => {
    const test = await createTestSession();
    const other = await createTestSession();
    const session = new Session({ server: test.sync, sid: test.sid, token: test.therapistToken });
    const el = document.createElement('attune-video') as AttuneVideoElement;
    el.token = other.therapistToken;
    el.session = session;
    document.body.append(el);
    cleanup.push(() => (el.remove(), session.destroy()));
    await until(() => el.unavailableCode !== '', 'an answer');
    expect(el.unavailableCode).toBe('wrong-session');
    expect(text(el)).toContain('Video is not available');
    // Moving the element keeps it answering, with the right token now.
    el.token = test.therapistToken;
    const holder = document.createElement('div');
    document.body.append(holder);
    holder.append(el);
    cleanup.push(() => holder.remove());
    el.session = undefined;
    await el.updateComplete;
    el.session = session;
    await until(() => el.unavailableCode === 'video-unavailable', 'the answer for the right token');
  });
});
