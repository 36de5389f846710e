/**
 * Browser-test helpers for the instrument space: a participant joined through
 * the real server with the element on the page, its keys, and an ear on what
 * its engine actually sends to the speakers.
 */
import { Session } from '@attune/session';
import type { TestSession } from '../support/browser-session.js';
import type { AttuneInstrumentSpaceElement } from '../../packages/music/src/attune-instrument-space/attune-instrument-space.element.js';
import '../../packages/music/src/attune-instrument-space/attune-instrument-space.js';

export interface Joined {
  session: Session;
  el: AttuneInstrumentSpaceElement;
}

/** Joins `test` as a new participant (the therapist with the session's own token) and puts the element on the page. */
export async function joinSpace(
  test: TestSession,
  role: 'therapist' | 'client' | 'observer',
  name: string,
  cleanup: (() => void)[],
): Promise<Joined> {
  const token = role === 'therapist' ? test.therapistToken : await test.invite(role, name);
  const session = new Session({ server: test.sync, sid: test.sid, token });
  await session.whenSynced();
  const el = document.createElement('attune-instrument-space');
  el.session = session;
  document.body.append(el);
  await el.updateComplete;
  cleanup.push(() => {
    el.remove();
    session.destroy();
  });
  return { session, el };
}

export const keysOf = (el: AttuneInstrumentSpaceElement): HTMLButtonElement[] => [
  ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="key"], [part~="pad"]'),
];

export interface Ear {
  /** The audio clock of the engine listened to, seconds. */
  now(): number;
  /** The loudest sample that left the engine in the last ~0.68 s (the analyser's window). */
  peak(): number;
}

/** Listens to everything the element's engine plays (its sound must be on). */
export function earOn(el: AttuneInstrumentSpaceElement): Ear {
  const engine = el.music.engine!;
  const raw = engine.context.rawContext as AudioContext;
  const analyser = raw.createAnalyser();
  analyser.fftSize = 32768;
  engine.context.destination.connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  return {
    now: () => raw.currentTime,
    peak: () => {
      analyser.getFloatTimeDomainData(data);
      let peak = 0;
      for (const x of data) peak = Math.max(peak, Math.abs(x));
      return peak;
    },
  };
}
