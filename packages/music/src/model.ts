/**
 * The instrument space's shared state, over two Yjs maps:
 *
 *   space.getMap('music')     what the players set: tempo, scale, root,
 *                             `player/<id>/instrument|volume|muted`
 *   control.getMap('music')   the therapist's frame and overrides: mode, pulse,
 *                             turn, master volume, mute all, `assign/<id>`,
 *                             `mute/<id>`, `volume/<id>`,
 *                             and tempo/scale/root that win over space's
 *
 * Keys are flat so that two people changing different fields of one player
 * never overwrite each other. Everything read back is validated: a document
 * is outside input.
 */
import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import { DEFAULT_INSTRUMENT, instrumentInfo } from './instruments.js';
import { MUSIC_ORIGIN } from './origin.js';
import { DEFAULT_TEMPO, MAX_TEMPO, MIN_TEMPO } from './pulse.js';
import { isScaleName } from './scales.js';
import type { ScaleName } from './scales.js';
import { bounded } from './units.js';
import type { Gain, Millis } from './units.js';

export const MUSIC_MAP = 'music';
export const MODES = ['free', 'pulse', 'call-response'] as const;
export type Mode = (typeof MODES)[number];
export const PULSE_SOUNDS = ['click', 'drone'] as const;
export type PulseSound = (typeof PULSE_SOUNDS)[number];
const MAX_ID_LENGTH = 128;

export interface PulseState {
  on: boolean;
  /** The first beat, on the shared clock. */
  startAt: Millis;
  sound: PulseSound;
}

export interface PlayerSettings {
  instrument: string;
  volume: Gain;
  muted: boolean;
  /** True when the therapist assigned the instrument. */
  assigned: boolean;
  /** True when the therapist set the volume. */
  volumeFixed: boolean;
}

export interface MusicState {
  mode: Mode;
  tempo: number;
  scale: ScaleName;
  /** Pitch class of the scale's root, 0 (C) to 11. */
  root: number;
  pulse: PulseState;
  /** Whose turn it is in call and response, by participant id. */
  turn: string | null;
  masterVolume: Gain;
  muteAll: boolean;
}

export interface MusicModelEvents {
  /** `local` is true when this model's own write caused it. */
  change: (local: boolean) => void;
}

function isId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH && !id.includes('/');
}

function pick<T extends string>(value: unknown, options: readonly T[], fallback: T): T {
  return options.includes(value as T) ? (value as T) : fallback;
}

export class InstrumentSpaceModel extends ObservableV2<MusicModelEvents> {
  readonly space: Y.Map<unknown>;
  readonly control: Y.Map<unknown>;
  /** Undo for this person's own changes to the shared setup only. */
  readonly undoManager: Y.UndoManager;

  constructor(spaceDoc: Y.Doc, controlDoc: Y.Doc) {
    super();
    this.space = spaceDoc.getMap(MUSIC_MAP);
    this.control = controlDoc.getMap(MUSIC_MAP);
    this.undoManager = new Y.UndoManager(this.space, { trackedOrigins: new Set([MUSIC_ORIGIN]) });
    this.space.observe(this.onChange);
    this.control.observe(this.onChange);
  }

  private readonly onChange = (event: Y.YMapEvent<unknown>): void => {
    this.emit('change', [event.transaction.origin === MUSIC_ORIGIN]);
  };

  get state(): MusicState {
    const c = this.control;
    const s = this.space;
    const scale = c.get('scale') ?? s.get('scale');
    const root = c.get('root') ?? s.get('root');
    return {
      mode: pick(c.get('mode'), MODES, 'free'),
      tempo: Math.round(bounded(c.get('tempo') ?? s.get('tempo'), MIN_TEMPO, MAX_TEMPO, DEFAULT_TEMPO)),
      scale: isScaleName(scale) ? scale : 'pentatonic',
      root: Math.round(bounded(root, 0, 11, 0)),
      pulse: {
        on: c.get('pulseOn') === true,
        startAt: bounded(c.get('pulseStart'), 0, Number.MAX_SAFE_INTEGER, 0),
        sound: pick(c.get('pulseSound'), PULSE_SOUNDS, 'click'),
      },
      turn: isId(c.get('turn')) ? (c.get('turn') as string) : null,
      masterVolume: bounded(c.get('masterVolume'), 0, 1, 0.8),
      muteAll: c.get('muteAll') === true,
    };
  }

  /** True when the therapist fixed the value in `control`, so players cannot change it. */
  isOverridden(key: 'tempo' | 'scale' | 'root'): boolean {
    return this.control.has(key);
  }

  player(id: string): PlayerSettings {
    const assigned = this.control.get(`assign/${id}`);
    const chosen = this.space.get(`player/${id}/instrument`);
    const valid = (v: unknown): v is string => typeof v === 'string' && instrumentInfo(v) !== undefined;
    return {
      instrument: valid(assigned) ? assigned : valid(chosen) ? chosen : DEFAULT_INSTRUMENT,
      assigned: valid(assigned),
      volume: bounded(this.control.get(`volume/${id}`) ?? this.space.get(`player/${id}/volume`), 0, 1, 0.8),
      volumeFixed: typeof this.control.get(`volume/${id}`) === 'number',
      muted: this.space.get(`player/${id}/muted`) === true || this.control.get(`mute/${id}`) === true,
    };
  }

  /** Participant ids that have any settings. */
  players(): string[] {
    const ids = new Set<string>();
    for (const key of this.space.keys()) {
      const match = /^player\/(.+)\/[a-z]+$/.exec(key);
      if (match && isId(match[1])) ids.add(match[1]);
    }
    for (const key of this.control.keys()) {
      const match = /^(?:assign|mute|volume)\/(.+)$/.exec(key);
      if (match && isId(match[1])) ids.add(match[1]);
    }
    return [...ids].sort();
  }

  // Players' own settings (space).

  setInstrument(id: string, instrument: string): void {
    this.checkId(id);
    if (!instrumentInfo(instrument)) throw new RangeError(`Unknown instrument ${instrument}`);
    this.writeSpace(`player/${id}/instrument`, instrument);
  }

  setVolume(id: string, volume: Gain): void {
    this.checkId(id);
    this.writeSpace(`player/${id}/volume`, bounded(volume, 0, 1, 0.8));
  }

  setMuted(id: string, muted: boolean): void {
    this.checkId(id);
    this.writeSpace(`player/${id}/muted`, muted);
  }

  setTempo(tempo: number): void {
    this.writeSpace('tempo', Math.round(bounded(tempo, MIN_TEMPO, MAX_TEMPO, DEFAULT_TEMPO)));
  }

  setScale(scale: ScaleName, root = this.state.root): void {
    if (!isScaleName(scale)) throw new RangeError(`Unknown scale ${String(scale)}`);
    this.space.doc!.transact(() => {
      this.space.set('scale', scale);
      this.space.set('root', Math.round(bounded(root, 0, 11, 0)));
    }, MUSIC_ORIGIN);
  }

  // The therapist's frame and overrides (control).

  setMode(mode: Mode): void {
    this.writeControl('mode', pick(mode, MODES, 'free'));
  }

  /** Starts the pulse with its first beat at `startAt` on the shared clock. */
  startPulse(startAt: Millis, sound: PulseSound = this.state.pulse.sound): void {
    this.control.doc!.transact(() => {
      this.control.set('pulseStart', bounded(startAt, 0, Number.MAX_SAFE_INTEGER, 0));
      this.control.set('pulseSound', pick(sound, PULSE_SOUNDS, 'click'));
      this.control.set('pulseOn', true);
    }, MUSIC_ORIGIN);
  }

  stopPulse(): void {
    this.writeControl('pulseOn', false);
  }

  setTurn(id: string | null): void {
    if (id !== null) this.checkId(id);
    this.writeControl('turn', id);
  }

  setMasterVolume(volume: Gain): void {
    this.writeControl('masterVolume', bounded(volume, 0, 1, 0.8));
  }

  setMuteAll(muted: boolean): void {
    this.writeControl('muteAll', muted);
  }

  /** Assigns a player's instrument (null gives the choice back). */
  assign(id: string, instrument: string | null): void {
    this.checkId(id);
    if (instrument !== null && !instrumentInfo(instrument)) {
      throw new RangeError(`Unknown instrument ${instrument}`);
    }
    this.writeControl(`assign/${id}`, instrument);
  }

  /** Mutes one player for everyone, whatever the player sets. */
  mutePlayer(id: string, muted: boolean): void {
    this.checkId(id);
    this.writeControl(`mute/${id}`, muted || null);
  }

  /** Sets a player's volume for everyone, over what the player set (null hands it back). */
  setPlayerVolume(id: string, volume: Gain | null): void {
    this.checkId(id);
    this.writeControl(`volume/${id}`, volume === null ? null : bounded(volume, 0, 1, 0.8));
  }

  /** Fixes tempo, scale and root for everyone (null values hand them back to players). */
  lockSetup(setup: { tempo?: number | null; scale?: ScaleName | null; root?: number | null }): void {
    this.control.doc!.transact(() => {
      if (setup.tempo !== undefined) {
        this.setOrDelete(
          this.control,
          'tempo',
          setup.tempo === null ? null : bounded(setup.tempo, MIN_TEMPO, MAX_TEMPO, DEFAULT_TEMPO),
        );
      }
      if (setup.scale !== undefined) {
        this.setOrDelete(
          this.control,
          'scale',
          setup.scale === null || !isScaleName(setup.scale) ? null : setup.scale,
        );
      }
      if (setup.root !== undefined) {
        this.setOrDelete(
          this.control,
          'root',
          setup.root === null ? null : Math.round(bounded(setup.root, 0, 11, 0)),
        );
      }
    }, MUSIC_ORIGIN);
  }

  override destroy(): void {
    this.space.unobserve(this.onChange);
    this.control.unobserve(this.onChange);
    this.undoManager.destroy();
    super.destroy();
  }

  private checkId(id: string): void {
    if (!isId(id)) throw new RangeError('Participant ids are 1 to 128 characters without "/"');
  }

  private writeSpace(key: string, value: unknown): void {
    this.space.doc!.transact(() => this.setOrDelete(this.space, key, value), MUSIC_ORIGIN);
  }

  private writeControl(key: string, value: unknown): void {
    this.control.doc!.transact(() => this.setOrDelete(this.control, key, value), MUSIC_ORIGIN);
  }

  private setOrDelete(map: Y.Map<unknown>, key: string, value: unknown): void {
    if (value === null) {
      if (map.has(key)) map.delete(key);
    } else if (map.get(key) !== value) map.set(key, value);
  }
}
