/**
 * The shared pulse through the real server: the therapist starts it, and each
 * participant's page schedules every beat to leave its speakers at the same
 * moment on the shared clock.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Session } from '@attune/session';
import { createTestSession } from '../../../test/support/browser-session.js';
import './attune-instrument-space/attune-instrument-space.js';
import type { AttuneInstrumentSpaceElement } from './attune-instrument-space/attune-instrument-space.element.js';

async function until(check: () => boolean, what: string, timeout = 8000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('shared pulse', () => {
  it('sounds each beat at the same moment for everyone, and stops for everyone', async () => {
    const test = await createTestSession();
    const sessions = [
      new Session({ server: test.sync, sid: test.sid, token: test.therapistToken, clockInterval: 100 }),
      new Session({
        server: test.sync,
        sid: test.sid,
        token: await test.invite('client', 'Client P'),
        clockInterval: 100,
      }),
    ];
    await Promise.all(sessions.map((s) => s.whenSynced()));
    const els = sessions.map((session) => {
      const el = document.createElement('attune-instrument-space');
      el.session = session;
      document.body.append(el);
      return el;
    }) as [AttuneInstrumentSpaceElement, AttuneInstrumentSpaceElement];
    try {
      await Promise.all(els.map((el) => el.updateComplete));
      await Promise.all(els.map((el) => el.startSound()));
      await until(() => sessions.every((s) => s.clock.sampleCount >= 16), 'clock samples');
      // The pulse is in the therapist's settings menu.
      await userEvent.click(
        els[0].shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Music settings"]')!,
      );
      const start = [...els[0].shadowRoot!.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Start pulse',
      )!;
      await userEvent.click(start);
      // The beat mark lights on every other beat heard, for those who hear little.
      await until(() => els[1].shadowRoot!.querySelector('[part="beat"]') !== null, 'the beat mark');
      const mark = els[1].shadowRoot!.querySelector('[part="beat"]')!;
      const shown: boolean[] = [];
      const watch = new MutationObserver(() => shown.push(mark.hasAttribute('data-on')));
      watch.observe(mark, { attributes: true, attributeFilter: ['data-on'] });
      // Beats both pages have heard: each page times a beat by its output timestamp as it left.
      const heardAt = (el: AttuneInstrumentSpaceElement, index: number): number =>
        el.music.beats.find((x) => x.index === index)?.heard ?? Number.NaN;
      const common = (): number[] =>
        els[0].music.beats.map((x) => x.index).filter((i) => els.every((el) => heardAt(el, i) > 0));
      await until(() => common().length >= 4, 'four beats heard on both pages');
      watch.disconnect();
      expect(shown).toContain(true);
      expect(shown).toContain(false);
      expect(els[1].shadowRoot!.querySelector('[part="status"]')!.textContent).toContain(
        'pulse at 80 beats a minute',
      );
      const startAt = els[0].music.state!.pulse.startAt;
      for (const index of common()) {
        const heard = els.map((el) => heardAt(el, index));
        expect(
          Math.abs(heard[0]! - heard[1]!),
          `beat ${index} heard at ${heard.join(' and ')}, clock offsets ${sessions.map((s) => s.clock.offset).join(' and ')}`,
        ).toBeLessThanOrEqual(5);
        // And near the beat's own time on the shared clock; an audio-thread stall may make both late alike.
        expect(Math.abs(heard[0]! + sessions[0]!.clock.offset - (startAt + index * 750))).toBeLessThanOrEqual(
          25,
        );
      }
      await userEvent.click(
        [...els[0].shadowRoot!.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Stop pulse',
        )!,
      );
      await until(() => els[1].music.state!.pulse.on === false, 'the pulse to stop');
      const count = els[1].music.beats.length;
      await new Promise((r) => setTimeout(r, 900));
      expect(els[1].music.beats.length).toBe(count);
    } finally {
      for (const el of els) el.remove();
      for (const s of sessions) s.destroy();
    }
  });
});
