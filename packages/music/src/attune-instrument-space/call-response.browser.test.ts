/**
 * Call and response through the real server: only the person whose turn it is
 * plays, the therapist passes the turn and always plays, the one whose turn it
 * is hands it back, and every page refuses notes out of turn.
 */
import axe from 'axe-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createTestSession, until } from '../../../../test/support/browser-session.js';
import type { TestSession } from '../../../../test/support/browser-session.js';
import { earOn, joinSpace, keysOf } from '../../../../test/music-support/browser-space.js';
import type { Ear } from '../../../../test/music-support/browser-space.js';
import { NOTE_CHANNEL, encodeNoteEvent } from '../note-events.js';
import type { ReceivedNote } from '../note-link.js';
import type { AttuneInstrumentSpaceElement } from './attune-instrument-space.element.js';

let test: TestSession;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  const script = document.createElement('script');
  script.textContent = axe.source;
  document.head.append(script);
});

afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

const join = (role: 'therapist' | 'client', name: string) => joinSpace(test, role, name, cleanup);

const turnText = (el: AttuneInstrumentSpaceElement): string =>
  el.shadowRoot!.querySelector('[part="turn"] [role="status"]')?.textContent?.trim() ?? '';

const description = (key: HTMLElement): string => {
  const id = key.getAttribute('aria-describedby');
  return id ? ((key.getRootNode() as ShadowRoot).getElementById(id)?.textContent ?? '') : '';
};

/** Sound on, past the engine's gentle fade-in, with an ear on its output. */
async function soundOn(el: AttuneInstrumentSpaceElement): Promise<Ear> {
  await el.startSound();
  const ear = earOn(el);
  const from = ear.now();
  await until(() => ear.now() > from + 0.5, 'the fade-in');
  return ear;
}

/** Waits until the audio clock has run long enough that a note played now would be in the ear's window. */
async function audioRuns(ear: Ear): Promise<void> {
  const from = ear.now();
  await until(() => ear.now() > from + 0.3, 'the audio clock to run');
}

async function tabTo(el: AttuneInstrumentSpaceElement, name: string): Promise<HTMLElement> {
  for (let i = 0; i < 60; i++) {
    const active = el.shadowRoot!.activeElement as HTMLElement | null;
    if (active?.textContent?.trim() === name) return active;
    await userEvent.tab();
  }
  throw new Error(`Tab never reached "${name}"`);
}

async function axeFinds(el: AttuneInstrumentSpaceElement): Promise<string[]> {
  const result = await (window as unknown as { axe: typeof axe }).axe.run(el);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('call and response', () => {
  // Each its own session: the turn and the mode live on in a session's control document.
  beforeEach(async () => {
    test = await createTestSession();
  });

  it('only the one whose turn it is sounds and sends; the turn passes, and then they do', async () => {
    const { el: therapist } = await join('therapist', 'Therapist');
    const { session: samSession, el: sam } = await join('client', 'Sam');
    const heardByTherapist: ReceivedNote[] = [];
    therapist.music.link!.on('note', (n) => heardByTherapist.push(n));
    const samEar = await soundOn(sam);
    const played: number[] = [];
    sam.addEventListener('attune-note-play', (e) => played.push(e.detail.midi));

    therapist.music.model!.setMode('call-response');
    await until(() => keysOf(sam)[0]?.getAttribute('aria-disabled') === 'true', "Sam's keys to rest");
    expect(description(keysOf(sam)[0]!)).toBe("Listening: it is the therapist's turn");
    expect(turnText(sam)).toBe("Listening: it is the therapist's turn.");
    // Resting, not removed: still in the tab order, and still a named button.
    expect(keysOf(sam)[0]!.tabIndex).toBe(0);

    // Out of turn: a real pointer press and the keyboard.
    // A real user can press a resting key; force skips Playwright's own refusal to click it.
    await userEvent.click(keysOf(sam)[2]!, { force: true });
    keysOf(sam)[0]!.focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('d');
    await audioRuns(samEar);
    expect(samEar.peak()).toBeLessThan(1e-4);
    expect(played).toEqual([]);
    expect(keysOf(sam).some((k) => (k.getAttribute('part') ?? '').includes('lit'))).toBe(false);

    therapist.music.model!.setTurn(samSession.user.id);
    await until(() => keysOf(sam)[0]?.getAttribute('aria-disabled') === 'false', "Sam's turn");
    expect(turnText(sam)).toBe('Your turn: play, then hand back.');
    expect(keysOf(sam)[0]!.hasAttribute('aria-describedby')).toBe(false);
    await userEvent.click(keysOf(sam)[2]!);
    await until(() => heardByTherapist.length > 0, 'the note at the therapist');
    // The first note that ever left Sam's page: nothing was sent out of turn.
    expect(heardByTherapist[0]!.event).toMatchObject({ seq: 0, on: true, midi: 64 });
    await until(() => samEar.peak() > 0.01, "Sam's own sound");
    expect(played).toEqual([64]);
  });

  it('a page does not sound a note sent out of turn, and the therapist plays whatever the turn', async () => {
    const { session: therapistSession, el: therapist } = await join('therapist', 'Therapist');
    const { session: samSession } = await join('client', 'Sam');
    const { session: alexSession, el: alex } = await join('client', 'Alex');
    therapist.music.model!.setMode('call-response');
    therapist.music.model!.setTurn(alexSession.user.id);
    const alexEar = await soundOn(alex);
    const heardByAlex: ReceivedNote[] = [];
    alex.music.link!.on('note', (n) => heardByAlex.push(n));
    await until(() => alex.music.state?.turn === alexSession.user.id, "Alex's turn on Alex's page");
    await until(() => alex.music.participants().length === 3, 'everyone present');

    // An old client that knows nothing of turns sends a note anyway.
    samSession.broadcast(
      NOTE_CHANNEL,
      encodeNoteEvent({
        sender: samSession.docs.space.clientID,
        seq: 500,
        instrument: 'keys',
        midi: 72,
        velocity: 127,
        on: true,
        time: samSession.clock.now(),
      }),
      { record: true },
    );
    await until(() => heardByAlex.some((n) => n.event.seq === 500), "the old client's note to arrive");
    await audioRuns(alexEar);
    expect(alexEar.peak()).toBeLessThan(1e-4);
    expect(alex.music.lastPlayed.has(samSession.user.id)).toBe(false);

    // The anchor plays through anyone's turn, and is heard.
    keysOf(therapist)[0]!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => alexEar.peak() > 0.01, "the therapist's note on Alex's page");
    expect(alex.music.lastPlayed.has(therapistSession.user.id)).toBe(true);

    // Alex, whose turn it is, is heard on the therapist's page.
    keysOf(alex)[0]!.focus();
    await userEvent.keyboard('{Enter}');
    await until(
      () => therapist.music.lastPlayed.has(alexSession.user.id),
      "Alex's note on the therapist's page",
    );
  });

  it('passes the turn and hands it back by keyboard alone, announcing each change', async () => {
    const { el: therapist } = await join('therapist', 'Therapist');
    const { el: sam } = await join('client', 'Sam');
    therapist.music.model!.setMode('call-response');
    await until(() => turnText(therapist).startsWith('Your turn to call'), 'call and response');
    await until(() => !!therapist.shadowRoot!.querySelector('[aria-labelledby="pass-label"] button'), 'Sam');
    await until(
      () =>
        [...therapist.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Sam'),
      'Sam in the list',
    );

    therapist.shadowRoot!.querySelector<HTMLElement>('[part="start"]')!.focus();
    const pass = await tabTo(therapist, 'Sam');
    expect(pass.getAttribute('aria-pressed')).toBe('false');
    await userEvent.keyboard('{Enter}');
    await until(() => turnText(sam) === 'Your turn: play, then hand back.', "Sam's turn, announced");
    expect(turnText(therapist)).toBe("Sam's turn to answer. You can play along.");
    expect(pass.getAttribute('aria-pressed')).toBe('true');
    expect(sam.shadowRoot!.querySelector('[part="turn"] [role="status"]')).not.toBeNull();

    sam.shadowRoot!.querySelector<HTMLElement>('[part="start"]')!.focus();
    await tabTo(sam, 'Done, back to the therapist');
    await userEvent.keyboard('{Enter}');
    await until(() => turnText(sam) === "Listening: it is the therapist's turn.", 'the turn back');
    await until(() => turnText(therapist).startsWith('Your turn to call'), "the therapist's turn");
    // The hand-back button went with the turn; focus waits on the keys rather than getting lost.
    await until(() => sam.shadowRoot!.activeElement === keysOf(sam)[0], 'focus on the keys');

    // "Back to me", by keyboard too.
    therapist.music.model!.setTurn(sam.music.me!.id);
    await until(() => turnText(sam).startsWith('Your turn'), "Sam's turn again");
    therapist.shadowRoot!.querySelector<HTMLElement>('[part="start"]')!.focus();
    await tabTo(therapist, 'Back to me');
    await userEvent.keyboard('{Enter}');
    await until(() => turnText(sam).startsWith('Listening'), 'the turn taken back');
  });

  it('has no accessibility violations while listening, on a turn, and for the therapist', async () => {
    const { el: therapist } = await join('therapist', 'Therapist');
    const { session: samSession, el: sam } = await join('client', 'Sam');
    const { el: alex } = await join('client', 'Alex');
    therapist.music.model!.setMode('call-response');
    therapist.music.model!.setTurn(samSession.user.id);
    await until(() => !!sam.shadowRoot!.querySelector('[part="hand-back"]'), "Sam's turn");
    await until(() => keysOf(alex)[0]?.getAttribute('aria-disabled') === 'true', 'Alex listening');
    await until(
      () => therapist.shadowRoot!.querySelectorAll('[aria-labelledby="pass-label"] button').length === 3,
      'both clients to pass to',
    );
    for (const el of [therapist, sam, alex]) expect(await axeFinds(el)).toEqual([]);
    // Every button in view (those in closed menus are not drawn) is a target of 24 px at least.
    const shown = [...sam.shadowRoot!.querySelectorAll('button')].filter((b) => b.checkVisibility());
    expect(shown.length).toBeGreaterThan(15);
    for (const button of shown) expect(button.getBoundingClientRect().height).toBeGreaterThanOrEqual(24);
  });
});
