/**
 * The music benchmark's browser half: one participant's page. run.mjs drives
 * it with real pointer input and reads the timings it logs. Times are
 * performance.now() of this page, or epoch ms (timeOrigin + now) when they are
 * compared across pages of the same browser.
 */
import * as Tone from 'tone';
import { Session } from '@attune/session';
import '../../packages/music/src/attune-instrument-space/attune-instrument-space.js';

interface Config {
  sync: string;
  sid: string;
  token: string;
  clockInterval: number;
}

const config = JSON.parse(decodeURIComponent(location.hash.slice(1))) as Config;
const epoch = (perf: number): number => performance.timeOrigin + perf;
const session = new Session({
  server: config.sync,
  sid: config.sid,
  token: config.token,
  clockInterval: config.clockInterval,
});
await session.whenSynced();
const el = document.createElement('attune-instrument-space');
el.session = session;
document.body.append(el);
await el.updateComplete;

const log = {
  /** pointerdown on the element's keys: event.timeStamp. */
  down: [] as number[],
  /** The same events as they enter the element (a capture listener on its shadow root), page time. */
  entry: [] as number[],
  /** Local triggers: the call's time, and the trigger time it gave Tone as page time. */
  local: [] as { call: number; trigger: number; speaker: number }[],
  /** Remote notes' triggers, epoch ms. */
  remote: [] as number[],
  /** Tone's default path (look-ahead 0.1 s). */
  toneDefault: [] as { down: number; call: number; trigger: number; speaker: number }[],
  /** Doc-written notes: pointerdown epoch on the writer, observe epoch on the reader. */
  docDown: [] as number[],
  docSeen: [] as number[],
  docCall: [] as number[],
  docSent: [] as number[],
  /** Pulse start arrivals (epoch) and beats (index, heard at epoch). */
  pulseSeen: [] as { startAt: number; at: number }[],
  /** Arrival (epoch) of every frame on the space socket, by message type. */
  frames: [] as { type: number; at: number }[],
  sent: [] as number[],
  playCost: [] as number[],
};

// When notes leave this page.
const broadcast = session.broadcast.bind(session);
session.broadcast = (channel, payload, options) => {
  const ephemeral = new URLSearchParams(location.search).has('ephemeral');
  const sent = broadcast(channel, payload, ephemeral ? { ...options, record: false } : options);
  log.sent.push(performance.now());
  return sent;
};

// Frame arrivals on the space socket, before any handler runs.
const provider = session.provider('space')!;
const watch = (): void => {
  const ws = provider.ws;
  if (!ws || (ws as unknown as { watched?: boolean }).watched) return;
  (ws as unknown as { watched?: boolean }).watched = true;
  ws.addEventListener('message', (e) => {
    const data = new Uint8Array(e.data as ArrayBuffer);
    log.frames.push({ type: data[0] === 120 ? 121 : data[0]!, at: epoch(performance.now()) });
  });
};
watch();
provider.on('status', watch);

el.shadowRoot!.addEventListener(
  'pointerdown',
  (e) => {
    log.entry.push(performance.now());
    log.down.push((e as PointerEvent).timeStamp);
  },
  true,
);

/** Context time to page time of the speaker, through the output timestamp. */
function speakerTime(raw: AudioContext, time: number): number {
  const stamp = raw.getOutputTimestamp();
  return stamp.performanceTime! + (time - stamp.contextTime!) * 1000;
}

// The anchor: Tone as most apps use it, default look-ahead, no time given.
const defaultNative = new AudioContext({ latencyHint: 'interactive' });
const defaultContext = new Tone.Context({ context: defaultNative });
const defaultSynth = new Tone.Synth({ context: defaultContext }).connect(defaultContext.destination);
document.getElementById('tone-default')!.addEventListener('pointerdown', (e) => {
  const call = performance.now();
  const trigger = defaultContext.now();
  defaultSynth.triggerAttackRelease('C4', 0.05);
  log.toneDefault.push({
    down: e.timeStamp,
    call,
    trigger: call + (trigger - defaultNative.currentTime) * 1000,
    speaker: speakerTime(defaultNative, trigger),
  });
});

// The other anchor for the relay: a note written into the shared document.
const notes = session.docs.space.getMap<number>('bench-notes');
let docSeq = 0;
document.getElementById('doc-note')!.addEventListener('pointerdown', (e) => {
  log.docDown.push(epoch(e.timeStamp));
  log.docCall.push(performance.now() - e.timeStamp);
  notes.set('n', ++docSeq);
  log.docSent.push(performance.now() - e.timeStamp);
});
notes.observe((event) => {
  if (!event.transaction.local) log.docSeen.push(epoch(performance.now()));
});

let started = false;

async function start(): Promise<void> {
  if (started) return;
  started = true;
  await el.startSound();
  await defaultNative.resume();
  const music = el.music;
  if (new URLSearchParams(location.search).has('noflash'))
    (music as unknown as { flash: () => void }).flash = () => {};
  const engine = music.engine!;
  const play = engine.play.bind(engine);
  const raw = engine.context.rawContext as AudioContext;
  engine.play = (player, instrument, midi, velocity, time) => {
    const call = performance.now();
    const at = time ?? engine.context.currentTime;
    play(player, instrument, midi, velocity, time);
    log.playCost.push(performance.now() - call);
    if (player === session.user.id) {
      log.local.push({ call, trigger: call + (at - raw.currentTime) * 1000, speaker: speakerTime(raw, at) });
    } else log.remote.push(epoch(call));
  };
  // Where each beat's timing came from, for MUSIC_BENCH_DEBUG: the clock offset and the
  // output timestamp's page-minus-context time when it was scheduled.
  const onBeat = engine.onBeat;
  engine.onBeat = (index, time) => {
    const stamp = raw.getOutputTimestamp();
    scheduled.set(`${music.state!.pulse.startAt}/${index}`, {
      offset: session.clock.offset,
      stamp: stamp.performanceTime! - stamp.contextTime! * 1000,
    });
    onBeat?.(index, time);
  };
  music.model!.on('change', () => {
    const pulse = music.state!.pulse;
    if (pulse.on && !log.pulseSeen.some((p) => p.startAt === pulse.startAt)) {
      log.pulseSeen.push({ startAt: pulse.startAt, at: epoch(performance.now()) });
    }
  });
}

const scheduled = new Map<string, { offset: number; stamp: number }>();

function beats(): { index: number; heard: number; offset?: number; stamp?: number; stampNow: number }[] {
  const raw = el.music.engine!.context.rawContext as AudioContext;
  const stamp = raw.getOutputTimestamp();
  const startAt = el.music.state!.pulse.startAt;
  // Beats that have left the speakers, each timed by the output timestamp of that moment.
  return el.music.beats
    .filter((b) => Number.isFinite(b.heard))
    .map((b) => ({
      index: b.index,
      heard: b.heard,
      ...scheduled.get(`${startAt}/${b.index}`),
      stampNow: stamp.performanceTime! - stamp.contextTime! * 1000,
    }));
}

Object.assign(window, {
  bench: {
    start,
    log,
    beats,
    clock: () => ({
      samples: session.clock.sampleCount,
      offset: session.clock.offset,
      rtt: session.clock.rtt,
    }),
    ready: true,
    started: () => started && el.soundOn,
  },
});
