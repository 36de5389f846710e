/**
 * A MIDI keyboard playing the instrument space, through the real server.
 * This machine has no MIDI hardware (no sound devices at all), so the page's
 * MIDI access is a stand-in built from the browser's own EventTarget and
 * MIDIMessageEvent: the messages take the path a keyboard's would, from the
 * `midimessage` event on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { joinSpace } from '../../../test/music-support/browser-space.js';
import { createTestSession, until } from '../../../test/support/browser-session.js';
import type { ReceivedNote } from './note-link.js';

class KeyboardInput extends EventTarget {
  state: MIDIPortDeviceState = 'connected';
  readonly type = 'input';
  constructor(readonly id: string) {
    super();
  }
  send(bytes: number[]): void {
    this.dispatchEvent(new MIDIMessageEvent('midimessage', { data: new Uint8Array(bytes) }));
  }
}

const inputs = new Map<string, KeyboardInput>();
const access = Object.assign(new EventTarget(), { inputs, outputs: new Map(), sysexEnabled: false });

beforeAll(() => {
  Object.defineProperty(navigator, 'requestMIDIAccess', {
    configurable: true,
    value: () => Promise.resolve(access),
  });
});

afterAll(() => {
  // The browser's own, on Navigator.prototype, shows through again.
  delete (navigator as unknown as Record<string, unknown>)['requestMIDIAccess'];
});

describe('MIDI keyboard input', () => {
  it('plays from a keyboard plugged in after MIDI was turned on, with its velocity, and tells the others', async () => {
    const test = await createTestSession();
    const cleanup: (() => void)[] = [];
    try {
      const { session: clientSession, el: client } = await joinSpace(test, 'client', 'Client M', cleanup);
      const { el: therapist } = await joinSpace(test, 'therapist', 'Therapist', cleanup);
      const received: ReceivedNote[] = [];
      therapist.music.link!.on('note', (n) => received.push(n));
      await until(
        () => therapist.music.participants().some((p) => p.user.id === clientSession.user.id),
        'presence',
      );
      const root = client.shadowRoot!;
      const status = (): string => root.querySelector('[part="status"]')!.textContent ?? '';
      // MIDI is in the bar's "More" menu.
      await userEvent.click(root.querySelector<HTMLButtonElement>('[aria-label="More"]')!);
      const midiButton = [...root.querySelectorAll('button')].find((b) =>
        b.textContent?.includes('MIDI keyboard'),
      )!;
      await userEvent.click(midiButton);
      await until(() => status().includes('no keyboard found yet'), 'MIDI to be on');
      expect(midiButton.getAttribute('aria-pressed')).toBe('true');

      const keyboard = new KeyboardInput('keyboard-1');
      inputs.set(keyboard.id, keyboard);
      access.dispatchEvent(new Event('statechange'));
      await until(() => status().includes('MIDI keyboard connected (1 input)'), 'the keyboard to show');

      const played: { midi: number; velocity: number }[] = [];
      client.addEventListener('attune-note-play', (e) => played.push(e.detail));
      keyboard.send([0x90, 64, 100]);
      keyboard.send([0x91, 67, 30]);
      keyboard.send([0x80, 64, 0]);
      keyboard.send([0x91, 67, 0]);
      // Not notes: a controller change and a message cut short.
      keyboard.send([0xb0, 7, 100]);
      keyboard.send([0x90, 60]);
      expect(played.map((p) => [p.midi, p.velocity])).toEqual([
        [64, 100],
        [67, 30],
      ]);
      await until(() => received.length >= 4, 'four note events at the therapist');
      expect(received.map((n) => [n.event.on, n.event.midi, n.event.on ? n.event.velocity : 0])).toEqual([
        [true, 64, 100],
        [true, 67, 30],
        [false, 64, 0],
        [false, 67, 0],
      ]);
      expect(received.every((n) => n.player?.id === clientSession.user.id)).toBe(true);

      // Turned off, the keyboard plays nothing more.
      await userEvent.click(midiButton);
      await until(() => status().includes('MIDI keyboard disconnected'), 'MIDI to be off');
      keyboard.send([0x90, 72, 90]);
      expect(played).toHaveLength(2);
    } finally {
      while (cleanup.length) cleanup.pop()!();
      inputs.clear();
    }
  });
});
