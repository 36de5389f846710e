import axe from 'axe-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestSession } from '../../../../test/support/browser-session.js';
import type { TestSession } from '../../../../test/support/browser-session.js';
import '../attune-session/attune-session.js';
import type { AttuneSessionElement } from '../attune-session/attune-session.element.js';
import { Session } from '../session.js';
import { FrameModel } from './frame-model.js';
import './register.js';

const cleanup: (() => void)[] = [];
beforeAll(() => {
  const script = document.createElement('script');
  script.textContent = axe.source;
  document.head.append(script);
});
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function until(check: () => boolean, what: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error(`still waiting for ${what}`);
    },
    { timeout: 10_000, interval: 10 },
  );
}

const text = (el: Element): string => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: Element, label: string): HTMLButtonElement =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;

/** The therapist's controls inside <attune-session>, as the console has them. */
async function consoleFor(test: TestSession): Promise<{ root: AttuneSessionElement; session: Session }> {
  // The tag map is declared by both the sources and the build; this test runs the sources.
  const root = document.createElement('attune-session') as unknown as AttuneSessionElement;
  root.server = test.sync;
  root.sessionId = test.sid;
  root.token = test.therapistToken;
  root.innerHTML = `<attune-hold-button></attune-hold-button><attune-session-timer minutes="1"></attune-session-timer>
    <attune-waiting-room></attune-waiting-room><attune-participant-list no-confirm></attune-participant-list>`;
  document.body.append(root);
  cleanup.push(() => root.remove());
  await root.updateComplete;
  await root.session!.whenSynced();
  return { root, session: root.session! };
}

async function client(test: TestSession, name: string, waiting = false): Promise<Session> {
  const session = new Session({ server: test.sync, sid: test.sid, token: await test.invite('client', name) });
  cleanup.push(() => session.destroy());
  // Someone in the waiting room has the frame (control) but not the space yet.
  if (waiting) await until(() => new FrameModel(session.docs.control).waitingRoom, 'the frame');
  else await session.whenSynced();
  return session;
}

function events(el: Element, types: string[]): { type: string; detail: unknown }[] {
  const seen: { type: string; detail: unknown }[] = [];
  for (const type of types)
    el.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
  return seen;
}

describe('therapist controls', () => {
  it('have no accessibility violations with someone waiting and a timer running', async () => {
    const test = await createTestSession(undefined, { waitingRoom: true });
    const { root } = await consoleFor(test);
    await client(test, 'Sam', true);
    const waiting = root.querySelector('attune-waiting-room')!;
    await until(() => text(waiting).includes('Admit Sam'), 'Sam in the waiting room');
    button(root.querySelector('attune-session-timer')!, 'Start timer').click();
    await until(() => text(root.querySelector('attune-session-timer')!).includes('0:'), 'the timer');
    const result = await (window as unknown as { axe: typeof axe }).axe.run(root);
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('show nothing to a client by default, and the client sees only the gentle time note', async () => {
    const test = await createTestSession();
    const { session: therapist } = await consoleFor(test);
    const sam = await client(test, 'Sam');
    const els = ['attune-hold-button', 'attune-waiting-room', 'attune-session-timer'].map((tag) => {
      const el = document.createElement(tag) as HTMLElement & { session?: Session };
      el.session = sam;
      document.body.append(el);
      cleanup.push(() => el.remove());
      return el;
    });
    await Promise.all(
      els.map((el) => (el as unknown as { updateComplete: Promise<unknown> }).updateComplete),
    );
    for (const el of els) expect(text(el)).toBe('');
    new FrameModel(therapist.docs.control).startTimer(3, therapist.clock.now());
    await until(() => text(els[2]!).includes('About 3 minutes left.'), 'the note for the client');
  });

  it('hold: the therapist holds and releases, the client sees it, and only local presses fire events', async () => {
    const test = await createTestSession();
    const { root, session: therapist } = await consoleFor(test);
    const sam = await client(test, 'Sam');
    const hold = root.querySelector('attune-hold-button')!;
    const seen = events(hold, ['attune-hold-change']);
    expect(button(hold, 'Hold the room').getAttribute('aria-pressed')).toBe('false');
    button(hold, 'Hold the room').click();
    await until(() => new FrameModel(sam.docs.control).held, 'the hold to reach the client');
    await hold.updateComplete;
    expect(button(hold, 'Release the room').getAttribute('aria-pressed')).toBe('true');
    // A change made elsewhere shows, but emits nothing here.
    new FrameModel(therapist.docs.control).setHold(false);
    await until(() => !!button(hold, 'Hold the room'), 'the release to show');
    expect(seen).toEqual([{ type: 'attune-hold-change', detail: { hold: true } }]);
    await until(() => !new FrameModel(sam.docs.control).held, 'the release to reach the client');
  });

  it('waiting room and participant list: admit, then remove, who is disconnected', async () => {
    const test = await createTestSession(undefined, { waitingRoom: true });
    const { root, session: therapist } = await consoleFor(test);
    therapist.docs.space.getArray('strokes').push(['drawn before Sam came']);
    const sam = await client(test, 'Sam', true);
    const waiting = root.querySelector('attune-waiting-room')!;
    const list = root.querySelector('attune-participant-list')!;
    const seen = events(root, [
      'attune-participant-admit',
      'attune-participant-remove',
      'attune-waiting-room-change',
    ]);
    await until(() => text(waiting).includes('Waiting room (1)'), 'Sam waiting');
    expect(text(list)).toContain('In the session (1)');
    // The server gives someone waiting nothing of the shared work.
    expect(sam.status.status).toBe('connecting');
    expect(sam.docs.space.getArray('strokes').length).toBe(0);
    button(waiting, 'Admit Sam').click();
    await until(() => new FrameModel(sam.docs.control).isAdmitted(sam.user.id, 'client'), 'the admission');
    await sam.whenSynced();
    expect(sam.docs.space.getArray('strokes').toArray()).toEqual(['drawn before Sam came']);
    await until(() => text(list).includes('In the session (2)'), 'Sam in the list');
    expect(text(waiting)).toContain('Nobody is waiting.');
    expect(text(list)).toContain('Sam · Client');
    expect(button(list, 'Remove Sam')).toBeTruthy();
    button(list, 'Remove Sam').click();
    await until(() => sam.status.status === 'error', 'Sam to be disconnected');
    expect(sam.status.status === 'error' && sam.status.error.reason).toBe('removed');
    await until(() => text(list).includes('their link no longer works'), 'the confirmation');
    // Turning the waiting room off lets the next person straight in.
    const toggle = waiting.shadowRoot!.querySelector<HTMLInputElement>('[part=toggle] input')!;
    expect(toggle.checked).toBe(true);
    toggle.click();
    await until(
      () => text(waiting).includes('Everyone with a link comes straight in.'),
      'the waiting room off',
    );
    expect(new FrameModel(therapist.docs.control).waitingRoom).toBe(false);
    const kim = await client(test, 'Kim');
    expect(kim.docs.space.getArray('strokes').toArray()).toEqual(['drawn before Sam came']);
    expect(seen).toEqual([
      { type: 'attune-participant-admit', detail: { id: sam.user.id } },
      { type: 'attune-participant-remove', detail: { id: sam.user.id } },
      { type: 'attune-waiting-room-change', detail: { on: false } },
    ]);
  });

  it('timer: warns the therapist in the last minute and stops', async () => {
    const test = await createTestSession();
    const { root } = await consoleFor(test);
    const timer = root.querySelector('attune-session-timer')!;
    const seen = events(timer, ['attune-timer-start', 'attune-timer-stop']);
    button(timer, 'Start timer').click();
    await until(() => text(timer).includes('One minute or less left'), 'the warning');
    expect(timer.shadowRoot!.querySelector('[part=remaining]')!.textContent).toMatch(/^\s*[01]:\d\d\s*$/);
    button(timer, 'Stop timer').click();
    await until(() => !!button(timer, 'Start timer'), 'the timer to stop');
    expect(seen.map((e) => e.type)).toEqual(['attune-timer-start', 'attune-timer-stop']);
    expect(seen[0]!.detail).toEqual({ minutes: 1 });
  });
});
