/**
 * The session's frame on the `control` document: who is admitted, whether the
 * room is held, what is on screen, the timer and how the session ended.
 * Facilitators write it; everyone else only reads it (the server drops their
 * writes to `control`).
 *
 *   control.getMap('frame')      { hold: boolean, ended: boolean, waitingRoom: boolean }
 *   control.getMap('admission')  participant id (sub) -> true
 *   control.getMap('stage')      { modality: 'canvas' | 'music' | 'props', video: boolean }
 *   control.getMap('timer')      { startedAt: shared-clock ms, minutes }
 *   control.getMap('ending')     artefact -> 'keep' | 'export' | 'destroy', plus decidedAt, decidedBy
 */
import { ObservableV2 } from 'lib0/observable';
import type * as Y from 'yjs';
import { needsAdmission } from '../protocol/access.js';
import type { Role } from '../protocol/access.js';
import { CONTROL_MAP, FRAME } from '../protocol/control.js';

export { needsAdmission };

/** The transaction origin of the session package's own writes. */
export const SESSION_ORIGIN = Symbol('attune-session');

export const MODALITIES = ['canvas', 'music', 'props'] as const;
export type Modality = (typeof MODALITIES)[number];

export const ENDING_CHOICES = ['keep', 'export', 'destroy'] as const;
export type EndingChoice = (typeof ENDING_CHOICES)[number];
export type EndingChoices = Record<Modality, EndingChoice>;

/** Top-level names in `space` that belong to each artefact. */
export const ARTEFACT_PREFIXES: Record<Modality, readonly string[]> = {
  canvas: ['canvas.', 'canvas'],
  music: ['music'],
  props: ['props:'],
};

export const TIMER_LIMITS = { minMinutes: 1, maxMinutes: 180 } as const;
/** Minutes left at which facilitators are warned that the end is near. */
export const ENDING_WARNINGS = [10, 5, 1] as const;

export interface TimerState {
  startedAt: number;
  minutes: number;
}

export interface FrameEvents {
  change: () => void;
}

export function isModality(value: unknown): value is Modality {
  return typeof value === 'string' && (MODALITIES as readonly string[]).includes(value);
}

export class FrameModel extends ObservableV2<FrameEvents> {
  private readonly frame: Y.Map<unknown>;
  private readonly admission: Y.Map<unknown>;
  private readonly stage: Y.Map<unknown>;
  private readonly timerMap: Y.Map<unknown>;
  private readonly ending: Y.Map<unknown>;
  private readonly maps: Y.Map<unknown>[];
  private readonly onChange = (): void => this.emit('change', []);

  constructor(readonly control: Y.Doc) {
    super();
    this.frame = control.getMap(CONTROL_MAP.frame);
    this.admission = control.getMap(CONTROL_MAP.admission);
    this.stage = control.getMap('stage');
    this.timerMap = control.getMap('timer');
    this.ending = control.getMap('ending');
    this.maps = [this.frame, this.admission, this.stage, this.timerMap, this.ending];
    for (const map of this.maps) map.observe(this.onChange);
  }

  get held(): boolean {
    return this.frame.get(FRAME.hold) === true;
  }

  get ended(): boolean {
    return this.frame.get('ended') === true;
  }

  get modality(): Modality {
    const value = this.stage.get('modality');
    return isModality(value) ? value : 'canvas';
  }

  get videoBeside(): boolean {
    return this.stage.get('video') !== false;
  }

  get timer(): TimerState | null {
    const startedAt = this.timerMap.get('startedAt');
    const minutes = this.timerMap.get('minutes');
    if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return null;
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) return null;
    return { startedAt, minutes };
  }

  /** Milliseconds left at shared-clock time `now`; null without a timer. */
  remaining(now: number): number | null {
    const timer = this.timer;
    if (!timer) return null;
    return Math.max(0, timer.startedAt + timer.minutes * 60_000 - now);
  }

  /** Whether clients wait to be admitted (the server enforces it on `space`). */
  get waitingRoom(): boolean {
    return this.frame.get(FRAME.waitingRoom) === true;
  }

  isAdmitted(sub: string, role: Role): boolean {
    return !needsAdmission(role) || !this.waitingRoom || this.admission.get(sub) === true;
  }

  admittedIds(): string[] {
    return [...this.admission.keys()].filter((k) => this.admission.get(k) === true);
  }

  get endingChoices(): Partial<EndingChoices> {
    const out: Partial<EndingChoices> = {};
    for (const m of MODALITIES) {
      const c = this.ending.get(m);
      if (typeof c === 'string' && (ENDING_CHOICES as readonly string[]).includes(c))
        out[m] = c as EndingChoice;
    }
    return out;
  }

  // Writes: only a facilitator's are kept by the server.

  setHold(hold: boolean): void {
    this.control.transact(() => this.frame.set(FRAME.hold, hold), SESSION_ORIGIN);
  }

  /** Turns the waiting room on or off; off lets everyone waiting in. */
  setWaitingRoom(on: boolean): void {
    this.control.transact(() => this.frame.set(FRAME.waitingRoom, on), SESSION_ORIGIN);
  }

  admit(sub: string, admitted = true): void {
    if (!sub || sub.length > 128) return;
    this.control.transact(() => {
      if (admitted) this.admission.set(sub, true);
      else this.admission.delete(sub);
    }, SESSION_ORIGIN);
  }

  setModality(modality: Modality): void {
    if (!isModality(modality)) return;
    this.control.transact(() => this.stage.set('modality', modality), SESSION_ORIGIN);
  }

  setVideoBeside(video: boolean): void {
    this.control.transact(() => this.stage.set('video', video), SESSION_ORIGIN);
  }

  startTimer(minutes: number, now: number): void {
    const m = Math.round(minutes);
    if (!(m >= TIMER_LIMITS.minMinutes && m <= TIMER_LIMITS.maxMinutes)) return;
    this.control.transact(() => {
      this.timerMap.set('startedAt', now);
      this.timerMap.set('minutes', m);
    }, SESSION_ORIGIN);
  }

  stopTimer(): void {
    this.control.transact(() => {
      this.timerMap.delete('startedAt');
      this.timerMap.delete('minutes');
    }, SESSION_ORIGIN);
  }

  /** Records the agreed ending (the consent record) and ends the session for everyone. */
  end(choices: EndingChoices, by: string, at: number): void {
    this.control.transact(() => {
      for (const m of MODALITIES) this.ending.set(m, choices[m]);
      this.ending.set('decidedAt', at);
      this.ending.set('decidedBy', by);
      this.frame.set(FRAME.hold, true);
      this.frame.set('ended', true);
    }, SESSION_ORIGIN);
  }

  override destroy(): void {
    for (const map of this.maps) map.unobserve(this.onChange);
    super.destroy();
  }
}

/** True when a top-level name of `space` belongs to the artefact. */
export function belongsTo(artefact: Modality, name: string): boolean {
  return ARTEFACT_PREFIXES[artefact].some((p) =>
    p.endsWith('.') || p.endsWith(':') ? name.startsWith(p) : name === p,
  );
}

/**
 * Deletes everything of one artefact from the `space` document, whatever
 * type its top-level names hold. Yjs keeps only tombstones of deleted content.
 */
export function destroyArtefact(space: Y.Doc, artefact: Modality): number {
  let deleted = 0;
  space.transact((tr) => {
    for (const [name, type] of space.share) {
      if (!belongsTo(artefact, name)) continue;
      type._map.forEach((item) => {
        if (!item.deleted) {
          item.delete(tr);
          deleted++;
        }
      });
      for (let item = type._start; item; item = item.right) {
        if (!item.deleted) {
          item.delete(tr);
          deleted++;
        }
      }
    }
  }, SESSION_ORIGIN);
  return deleted;
}
