/**
 * Binds the element to a Session: the model over its documents, the note
 * link, and (after the user's gesture) the audio engine. Local notes sound at
 * once and are sent; remote notes sound on arrival. Every note lights a flash
 * so that those who hear little still see the music.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as Tone from 'tone';
import { CONSENT, CONTROL_MAP, FRAME, isFacilitator } from '@attune/session';
import type { Session, SessionUser } from '@attune/session';
import { MusicEngine } from './audio/engine.js';
import { OutputClock } from './audio/output-clock.js';
import { instrumentInfo } from './instruments.js';
import { InstrumentSpaceModel } from './model.js';
import type { MusicState, PlayerSettings } from './model.js';
import { NoteLink } from './note-link.js';
import { scheduleReplay } from './replay.js';
import type { ReplayEvent } from './replay.js';
import type { MusicPresence, ReceivedNote } from './note-link.js';
import { SteadyReading } from './pulse.js';
import { snapToScale } from './scales.js';
import type { ScaleName } from './scales.js';
import { TurnLink, mayPlayNow } from './turn.js';
import type { Midi, Millis, Seconds, Velocity } from './units.js';

export interface Flash {
  color: string;
  /** performance.now() when it fades. */
  until: number;
}

export interface Participant {
  user: SessionUser;
  music: MusicPresence | null;
  settings: PlayerSettings;
}

export type { ReplayEvent };

const FLASH_MS = 220;

/** What a local note needs, worked out when the state changes rather than on every key press. */
interface LocalPlay {
  me: SessionUser;
  instrument: string;
  keys: boolean;
  scale: ScaleName;
  root: number;
}

export class InstrumentSpaceController implements ReactiveController {
  model: InstrumentSpaceModel | null = null;
  link: NoteLink | null = null;
  turns: TurnLink | null = null;
  engine: MusicEngine | null = null;
  /** Flashes per MIDI note on this participant's keys. */
  readonly flashes = new Map<Midi, Flash>();
  /** When each participant last played, for the players list. */
  readonly lastPlayed = new Map<string, number>();
  beat = -1;
  /**
   * Called when a note lights a key or a player's dot, or a pulse beat is heard. The element
   * lights them in place, once a frame: rendering the whole space between two notes would hold
   * back the second one's sound.
   */
  onLight: (() => void) | null = null;
  /**
   * The latest pulse beats (at most 32): index, context time, and when the
   * beat left the speakers (local epoch ms; NaN until then).
   */
  readonly beats: { index: number; time: Seconds; heard: Millis }[] = [];

  private session: Session | null = null;
  private toneContext: Tone.Context | null = null;
  private output: OutputClock | null = null;
  private unsubscribers: (() => void)[] = [];
  private heldByMe = new Map<Midi, string>();
  private replayTimers: ReturnType<typeof setTimeout>[] = [];
  private pulseKey = '';
  /** Null when this person may not sound a note now. */
  private local: LocalPlay | null = null;
  private rule: { mode: MusicState['mode']; turn: string | null } = { mode: 'free', turn: null };
  /** The clock offset as the pulse uses it: a tenth of each change, ≤ 0.25 ms a sample, at once past 4 ms. */
  private readonly clockOffset = new SteadyReading(0.1, 0.25, 4);

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  private pendingTeardown = false;

  hostConnected(): void {
    // A move in the DOM disconnects and reconnects at once: keep sound and session.
    this.pendingTeardown = false;
  }

  hostDisconnected(): void {
    this.pendingTeardown = true;
    queueMicrotask(() => {
      if (!this.pendingTeardown) return;
      this.pendingTeardown = false;
      this.setSession(null);
      this.stopSound();
    });
  }

  get me(): SessionUser | null {
    return this.session?.user ?? null;
  }

  get state(): MusicState | null {
    return this.model?.state ?? null;
  }

  get mySettings(): PlayerSettings | null {
    return this.me && this.model ? this.model.player(this.me.id) : null;
  }

  get isFacilitator(): boolean {
    return this.me ? isFacilitator(this.me.role) : false;
  }

  /** True when this person may play now (not an observer, the room not held for them). */
  get canPlay(): boolean {
    if (!this.session || !this.session.canWrite('space')) return false;
    const hold = this.session.docs.control.getMap(CONTROL_MAP.frame).get(FRAME.hold) === true;
    return !hold || this.isFacilitator;
  }

  /** True for those who may only listen and watch (observers). */
  get listensOnly(): boolean {
    return this.session !== null && !this.session.canWrite('space');
  }

  /** True while everyone has agreed that the notes played are recorded (the session's event log). */
  get recording(): boolean {
    return this.session?.docs.control.getMap(CONTROL_MAP.consent).get(CONSENT.recordEvents) === true;
  }

  /** True in call and response while someone else has the turn: this person listens. */
  get listening(): boolean {
    const me = this.me;
    return me !== null && !mayPlayNow(this.rule, me.id, me.role);
  }

  /** Now on the shared clock, ms. */
  sharedNow(): Millis {
    return this.session?.clock.now() ?? Date.now();
  }

  get soundOn(): boolean {
    return this.engine !== null;
  }

  participants(): Participant[] {
    if (!this.link || !this.model) return [];
    return [...this.link.presence().values()].map(({ user, music }) => ({
      user,
      music,
      settings: this.model!.player(user.id),
    }));
  }

  setSession(session: Session | null): void {
    if (session === this.session) return;
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
    this.turns?.destroy();
    this.link?.destroy();
    this.model?.destroy();
    this.turns = null;
    this.link = null;
    this.model = null;
    this.local = null;
    this.session = session;
    if (!session) return;
    const model = new InstrumentSpaceModel(session.docs.space, session.docs.control);
    const link = new NoteLink(session);
    this.model = model;
    this.link = link;
    this.turns = new TurnLink(session, model);
    const update = (): void => {
      this.refreshLocal();
      this.applyToEngine();
      this.host.requestUpdate();
    };
    const followClock = (): void => {
      if (session.clock.sampleCount > 0) this.clockOffset.follow(session.clock.offset);
    };
    followClock();
    model.on('change', update);
    link.on('note', this.onRemoteNote);
    session.on('clock', followClock);
    const frame = session.docs.control.getMap(CONTROL_MAP.frame);
    frame.observe(update);
    const consent = session.docs.control.getMap(CONTROL_MAP.consent);
    consent.observe(update);
    session.awareness.on('change', update);
    session.on('clock', update);
    this.unsubscribers.push(
      () => frame.unobserve(update),
      () => consent.unobserve(update),
      () => session.awareness.off('change', update),
      () => session.off('clock', update),
      () => session.off('clock', followClock),
    );
    update();
  }

  /** Must run inside a user gesture (a click on "start sound"). */
  async startSound(): Promise<void> {
    if (this.engine) return;
    // Look-ahead 0 and an interactive latency: live notes go to the audio thread at once.
    // A native context, so that getOutputTimestamp() is there to align the pulse with what is heard.
    // Tone's own clock ticks every 10 ms when the look-ahead is 0, a main-thread task each time
    // that a press can queue behind; nothing here is scheduled by it (the pulse keeps its own timer,
    // notes are timed on the audio clock), so it ticks at Tone's usual 50 ms.
    const native = new AudioContext({ latencyHint: 'interactive' });
    const context = new Tone.Context({ context: native, lookAhead: 0, updateInterval: 0.05 });
    this.toneContext = context;
    await context.resume();
    if (this.toneContext !== context) return;
    this.engine = new MusicEngine(context);
    const output = new OutputClock(context);
    this.output = output;
    this.engine.onBeat = (index, time) => {
      // A beat moved before it started replaces its first time.
      let beat = this.beats.find((b) => b.index === index);
      if (beat) Object.assign(beat, { time, heard: Number.NaN });
      else {
        beat = { index, time, heard: Number.NaN };
        this.beats.push(beat);
        if (this.beats.length > 32) this.beats.shift();
      }
      output.whenHeard(time, (heard) => {
        if (beat.time !== time || this.output !== output) return;
        beat.heard = heard;
        this.beat = index;
        this.onLight?.();
      });
    };
    this.pulseKey = '';
    this.applyToEngine();
    this.host.requestUpdate();
  }

  stopSound(): void {
    this.clearReplay();
    this.engine?.dispose();
    this.engine = null;
    void this.toneContext?.close();
    this.toneContext = null;
    this.output = null;
    this.host.requestUpdate();
  }

  /**
   * A local note: sounds at once, is sent to the others, and lights up. Returns
   * the note played, or null when this person may not play now (observer, the
   * room held, someone else's turn): then nothing sounds and nothing is sent.
   */
  noteOn(midi: Midi, velocity: Velocity): Midi | null {
    const local = this.local;
    if (!local) return null;
    const note = local.keys ? snapToScale(midi, local.scale, local.root) : midi;
    const v = Math.round(Math.min(127, Math.max(1, velocity)));
    // The sound before anything else: sending costs the others a fraction of a millisecond
    // on a path of several, while every microsecond here is heard by the player.
    this.engine?.play(local.me.id, local.instrument, note, v);
    this.link?.send(local.instrument, note, v, true);
    this.heldByMe.set(midi, local.instrument);
    this.flash(note, local.me.color, local.me.id);
    return note;
  }

  noteOff(midi: Midi): void {
    const me = this.me;
    const instrument = this.heldByMe.get(midi);
    if (!me || instrument === undefined || !this.model) return;
    this.heldByMe.delete(midi);
    const state = this.model.state;
    const note =
      instrumentInfo(instrument)?.layout === 'keys' ? snapToScale(midi, state.scale, state.root) : midi;
    this.engine?.release(me.id, instrument, note);
    this.link?.send(instrument, note, 0, false);
  }

  /** Plays a recorded log back (the export's `events`), keeping its timing. */
  replay(events: readonly ReplayEvent[], speed = 1): number {
    this.clearReplay();
    const { count, timers } = scheduleReplay(events, speed, (note, who) => {
      const player = `replay:${who ?? note.sender}`;
      if (note.on) {
        this.engine?.play(player, note.instrument, note.midi, note.velocity);
        this.flash(note.midi, '#52606d', who ?? null);
      } else this.engine?.release(player, note.instrument, note.midi);
    });
    this.replayTimers = timers;
    return count;
  }

  clearReplay(): void {
    for (const timer of this.replayTimers) clearTimeout(timer);
    this.replayTimers = [];
  }

  private readonly onRemoteNote = ({ event, player }: ReceivedNote): void => {
    if (!this.model) return;
    const id = player?.id ?? `client:${event.sender}`;
    // In call and response a note from someone whose turn it is not (an old client, a race
    // with the turn passing) stays silent; releases always pass, so nothing is left hanging.
    if (event.on && !this.mayBeHeard(player)) return;
    // Remote notes sound on arrival, under their player's volume.
    if (event.on) {
      this.engine?.play(id, event.instrument, event.midi, event.velocity);
      this.flash(event.midi, player?.color ?? '#52606d', player?.id ?? null);
    } else this.engine?.release(id, event.instrument, event.midi);
  };

  private mayBeHeard(player: SessionUser | null): boolean {
    if (this.rule.mode !== 'call-response') return true;
    return player !== null && mayPlayNow(this.rule, player.id, player.role);
  }

  private refreshLocal(): void {
    const model = this.model;
    const me = this.me;
    if (!model || !me) {
      this.local = null;
      return;
    }
    const state = model.state;
    this.rule = { mode: state.mode, turn: state.turn };
    const settings = model.player(me.id);
    this.local =
      this.canPlay && mayPlayNow(state, me.id, me.role)
        ? {
            me,
            instrument: settings.instrument,
            keys: instrumentInfo(settings.instrument)?.layout === 'keys',
            scale: state.scale,
            root: state.root,
          }
        : null;
  }

  private flash(midi: Midi, color: string, who: string | null): void {
    const now = performance.now();
    this.flashes.set(midi, { color, until: now + FLASH_MS });
    if (who) this.lastPlayed.set(who, now);
    this.onLight?.();
  }

  private applyToEngine(): void {
    const engine = this.engine;
    const model = this.model;
    const session = this.session;
    if (!engine || !model || !session) return;
    const state = model.state;
    engine.setMaster(state.masterVolume, state.muteAll);
    for (const { user, music } of this.participants()) {
      const p = model.player(user.id);
      engine.setPlayer(user.id, p.volume, p.muted);
      engine.prepare(
        user.id,
        user.id === session.user.id ? p.instrument : (music?.instrument ?? p.instrument),
      );
    }
    this.link?.setInstrument(model.player(session.user.id).instrument);
    const pulseOn = state.pulse.on && state.pulse.startAt > 0;
    const key = pulseOn ? `${state.pulse.startAt}|${state.tempo}|${state.pulse.sound}|${state.root}` : '';
    if (key === this.pulseKey) return;
    this.pulseKey = key;
    this.beats.length = 0;
    if (!pulseOn) {
      engine.stopPulse();
      this.beat = -1;
      return;
    }
    engine.startPulse({
      startAt: state.pulse.startAt,
      tempo: state.tempo,
      sound: state.pulse.sound,
      root: 48 + state.root,
      sharedNow: () => session.clock.now(),
      toContextTime: (at) => this.toContextTime(at),
    });
  }

  /** Shared-clock time to this context's time, when the sound leaves the speakers (0 without sound). */
  toContextTime(at: Millis): Seconds {
    const session = this.session;
    if (!this.output || !session) return 0;
    const followed = this.clockOffset.value;
    return this.output.toContextTime(at, Number.isFinite(followed) ? followed : session.clock.offset);
  }
}
