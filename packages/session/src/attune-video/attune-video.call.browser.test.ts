/**
 * The call itself. No LiveKit server can run here, so the room is a small
 * stand-in behind the element's `createRoom()` seam and the video token comes
 * from a stubbed answer; the session, presence and server are real.
 */
import { AudioPresets } from 'livekit-client';
import type { Room } from 'livekit-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestSession } from '../../../../test/support/browser-session.js';
import { Session } from '../session.js';
import { AttuneVideoElement } from './attune-video.element.js';

type Handler = (...args: unknown[]) => void;

class FakeParticipant {
  readonly tracks = new Map<string, { track: { id: string } }>();
  constructor(readonly identity: string) {}
  getTrackPublication(source: string) {
    return this.tracks.get(source);
  }
}

class FakeLocal extends FakeParticipant {
  readonly calls: unknown[][] = [];
  async setMicrophoneEnabled(on: boolean, capture?: unknown, publish?: unknown) {
    this.calls.push(['mic', on, capture, publish]);
    if (on) this.tracks.set('microphone', { track: { id: 'mic' } });
  }
  async setCameraEnabled(on: boolean) {
    this.calls.push(['camera', on]);
  }
  async unpublishTrack() {
    this.calls.push(['unpublish']);
    this.tracks.delete('microphone');
  }
}

class FakeRoom {
  readonly handlers = new Map<string, Handler[]>();
  readonly localParticipant = new FakeLocal('me');
  readonly remoteParticipants = new Map<string, FakeParticipant>();
  activeSpeakers: FakeParticipant[] = [];
  connectedWith: string[] = [];
  disconnected = false;
  on(event: string, fn: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
  async connect(url: string, token: string) {
    this.connectedWith = [url, token];
  }
  async startAudio() {}
  getParticipantByIdentity(identity: string) {
    return this.remoteParticipants.get(identity);
  }
  async disconnect() {
    this.disconnected = true;
  }
}

const rooms: FakeRoom[] = [];
class TestVideoElement extends AttuneVideoElement {
  protected override createRoom(): Room {
    const room = new FakeRoom();
    rooms.push(room);
    return room as unknown as Room;
  }
}
customElements.define('test-attune-video', TestVideoElement);

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
  rooms.length = 0;
  vi.restoreAllMocks();
});

function stubVideoToken(): void {
  const real = globalThis.fetch.bind(globalThis);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/video-token')) return real(input, init);
    const body = { url: 'wss://video.example', token: 'lk-token', room: 'room', identity: 'me' };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
}

const shadow = (el: Element) => el.shadowRoot!;
const button = (el: Element, label: string) =>
  [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === label);

async function until(check: () => boolean, what: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error(`still waiting for ${what}`);
    },
    { timeout: 10_000, interval: 10 },
  );
}

async function mount(role: 'therapist' | 'observer') {
  stubVideoToken();
  const test = await createTestSession();
  const token = role === 'therapist' ? test.therapistToken : await test.invite('observer', 'Olu');
  const session = new Session({ server: test.sync, sid: test.sid, token });
  const el = document.createElement('test-attune-video') as TestVideoElement;
  el.token = token;
  el.session = session;
  const seen: { type: string; detail: unknown }[] = [];
  for (const type of ['attune-video-join', 'attune-video-leave', 'attune-video-audio-mode'])
    el.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
  document.body.append(el);
  cleanup.push(() => (el.remove(), session.destroy()));
  await until(() => !!button(el, 'Join video'), 'the join button');
  return { test, session, el, seen };
}

describe('<attune-video> in a call', () => {
  it('joins with speech audio, names tiles from presence, switches to music audio and speaker view, and leaves', async () => {
    const { test, el, seen } = await mount('therapist');
    const sam = new Session({ server: test.sync, sid: test.sid, token: await test.invite('client', 'Sam') });
    cleanup.push(() => sam.destroy());
    await sam.whenSynced();

    button(el, 'Join video')!.click();
    await until(() => !!button(el, 'Leave video'), 'the call');
    const room = rooms[0]!;
    expect(room.connectedWith).toEqual(['wss://video.example', 'lk-token']);
    const [mic, camera] = room.localParticipant.calls;
    expect(mic!.slice(0, 2)).toEqual(['mic', true]);
    expect(mic![2]).toMatchObject({ echoCancellation: true, noiseSuppression: true, autoGainControl: true });
    expect(camera).toEqual(['camera', true]);
    expect(seen).toEqual([{ type: 'attune-video-join', detail: { music: false } }]);

    // The toggles turn the microphone and camera off, and say so.
    button(el, 'Microphone')!.click();
    button(el, 'Camera')!.click();
    await until(() => room.localParticipant.calls.length === 4, 'both toggles');
    expect(room.localParticipant.calls.slice(2).map((c) => c.slice(0, 2))).toEqual([
      ['mic', false],
      ['camera', false],
    ]);
    await el.updateComplete;
    expect(button(el, 'Microphone')!.getAttribute('aria-pressed')).toBe('false');
    expect(button(el, 'Camera')!.getAttribute('aria-pressed')).toBe('false');
    button(el, 'Microphone')!.click();
    await until(() => room.localParticipant.calls.length === 5, 'the microphone back on');
    room.localParticipant.calls.splice(0);

    // Sam's tile is labelled from the session's presence: LiveKit only knows the opaque id.
    const remote = new FakeParticipant(sam.user.id);
    room.remoteParticipants.set(remote.identity, remote);
    room.emit('participantConnected', remote);
    await until(() => shadow(el).querySelectorAll('figure').length === 2, 'two tiles');
    expect([...shadow(el).querySelectorAll('figcaption')].map((f) => f.textContent)).toEqual(['You', 'Sam']);

    // Music: the microphone is published again, unprocessed, with the music preset.
    const music = button(el, 'Music sound')!;
    expect(music.getAttribute('aria-checked')).toBe('false');
    music.click();
    await until(() => room.localParticipant.calls.length === 2, 'the republished microphone');
    expect(room.localParticipant.calls[0]).toEqual(['unpublish']);
    const [, on, capture, publish] = room.localParticipant.calls[1]!;
    expect(on).toBe(true);
    expect(capture).toMatchObject({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    expect((publish as { audioPreset: unknown }).audioPreset).toEqual(AudioPresets.musicHighQualityStereo);
    await el.updateComplete;
    expect(button(el, 'Music sound')!.getAttribute('aria-checked')).toBe('true');

    // Speaker view puts whoever speaks first and large.
    button(el, 'Speaker view')!.click();
    room.activeSpeakers = [remote];
    room.emit('activeSpeakersChanged', [remote]);
    await until(
      () => shadow(el).querySelector('[part~=tile].main')?.getAttribute('data-identity') === sam.user.id,
      'Sam as speaker',
    );
    expect(shadow(el).querySelector('[part=tiles]')!.classList.contains('speaker')).toBe(true);
    expect(el.view).toBe('speaker');

    button(el, 'Leave video')!.click();
    await until(() => !!button(el, 'Join video'), 'back to the join button');
    expect(room.disconnected).toBe(true);
    expect(seen.map((e) => e.type)).toEqual([
      'attune-video-join',
      'attune-video-audio-mode',
      'attune-video-leave',
    ]);
  });

  it('gives its toolbar buttons large targets, a filled look when on, and a focus ring', async () => {
    const { el } = await mount('therapist');
    button(el, 'Join video')!.click();
    await until(() => !!button(el, 'Leave video'), 'the call');
    await el.updateComplete;
    const toolbar = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part=toolbar] button')];
    expect(toolbar.map((b) => b.textContent!.trim())).toEqual([
      'Microphone',
      'Camera',
      'Music sound',
      'Speaker view',
      'Leave video',
    ]);
    for (const b of toolbar) {
      const { width, height } = b.getBoundingClientRect();
      expect(Math.min(width, height), b.textContent!).toBeGreaterThanOrEqual(44);
      b.focus();
      expect(getComputedStyle(b).outline, b.textContent!).toBe('rgb(26, 95, 180) solid 3px');
    }
    const background = (label: string) => getComputedStyle(button(el, label)!).backgroundColor;
    expect(background('Microphone')).toBe('rgb(47, 111, 191)');
    expect(background('Leave video')).toBe('rgb(255, 255, 255)');
  });

  it('lets an observer watch and listen without publishing, and leaves the room when removed from the page', async () => {
    const { el } = await mount('observer');
    button(el, 'Join video')!.click();
    await until(() => !!button(el, 'Leave video'), 'the call');
    const room = rooms[0]!;
    expect(room.localParticipant.calls).toEqual([]);
    expect(button(el, 'Microphone')).toBeUndefined();
    expect(button(el, 'Camera')).toBeUndefined();
    el.remove();
    expect(room.disconnected).toBe(true);
  });
});
