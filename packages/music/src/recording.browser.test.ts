/**
 * Recording through the real server: with consent the server logs the notes
 * (121), the export's log becomes a MIDI file that an independent reader
 * parses back to the notes played, and the element replays the log.
 */
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Session } from '@attune/session';
import { readSmf } from '../../../test/music-support/smf-reader.js';
import { createTestSession } from '../../../test/support/browser-session.js';
import './attune-instrument-space/attune-instrument-space.js';
import type { AttuneInstrumentSpaceElement } from './attune-instrument-space/attune-instrument-space.element.js';
import { recordedNotesToMidi } from './midi-export.js';
import type { ReceivedNote } from './note-link.js';

async function until(check: () => boolean, what: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface ExportedEvent {
  t: number;
  sub: string;
  channel: string;
  payload: string;
}

describe('recording and MIDI export', () => {
  it('logs notes only with consent, exports them as MIDI per participant, and replays them', async () => {
    const test = await createTestSession();
    const therapist = new Session({ server: test.sync, sid: test.sid, token: test.therapistToken });
    const client = new Session({
      server: test.sync,
      sid: test.sid,
      token: await test.invite('client', 'Client R'),
    });
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    const clientEl = document.createElement('attune-instrument-space');
    clientEl.session = client;
    const therapistEl = document.createElement('attune-instrument-space');
    therapistEl.session = therapist;
    document.body.append(clientEl, therapistEl);
    await Promise.all([clientEl.updateComplete, therapistEl.updateComplete]);
    const heard: ReceivedNote[] = [];
    therapistEl.music.link!.on('note', (n) => heard.push(n));
    const clientHeard: ReceivedNote[] = [];
    clientEl.music.link!.on('note', (n) => clientHeard.push(n));
    const keys = (el: AttuneInstrumentSpaceElement): HTMLButtonElement[] => [
      ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="key"], [part~="pad"]'),
    ];

    try {
      // Without consent: relayed, not logged.
      keys(clientEl)[0]!.focus();
      await userEvent.keyboard('{Enter}');
      await until(() => heard.length === 2, 'the unrecorded note on and off');

      therapist.docs.control.getMap('consent').set('recordEvents', true);
      await therapist.whenSaved();
      await userEvent.keyboard('s'); // D4 by the keyboard row, on and off
      keys(therapistEl)[4]!.focus();
      await userEvent.keyboard('{Enter}'); // the therapist answers on A4
      await until(() => heard.length === 4 && clientHeard.length === 2, 'the recorded notes');

      const response = await fetch(`${test.http}/api/sessions/${test.sid}/export`, {
        headers: { authorization: `Bearer ${test.therapistToken}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { events: ExportedEvent[] };
      const events = body.events.map((e) => ({
        ...e,
        payload: Uint8Array.from(atob(e.payload), (c) => c.charCodeAt(0)),
      }));
      const notes = events.filter((e) => e.channel === 'music:note');
      expect(notes).toHaveLength(4); // D4 on/off from the client, A4 on/off from the therapist
      expect(new Set(notes.map((e) => e.sub))).toEqual(new Set([client.user.id, therapist.user.id]));

      const smf = readSmf(recordedNotesToMidi(events));
      const tracks = smf.tracks.filter((t) => t.length > 0);
      expect(tracks).toHaveLength(2);
      expect(tracks.map((t) => t.filter((e) => e.type === 'on').map((e) => [e.note, e.velocity]))).toEqual([
        [[62, 96]],
        [[69, 96]],
      ]);

      // Replay: the log plays back on the therapist's element and lights its keys.
      await therapistEl.startSound();
      expect(therapistEl.replay(body.events, 4)).toBe(4);
      await until(
        () =>
          (
            keys(therapistEl)
              .find((k) => k.dataset['midi'] === '62')
              ?.getAttribute('part') ?? ''
          ).includes('lit'),
        'the replayed note to light up',
      );
    } finally {
      clientEl.remove();
      therapistEl.remove();
      client.destroy();
      therapist.destroy();
    }
  });
});
