/**
 * The therapist's frame over the canvas, from the `control` document: the
 * lock, protected objects and the follow-me viewport. Only facilitators can
 * write the control document; the server drops anyone else's writes.
 */
import type * as Y from 'yjs';
import type { Role } from '@attune/session';
import { CANVAS_ORIGIN } from '../origin.js';
import { DOC_NAMES, isId, isParticipant } from './schema.js';

export interface FollowState {
  /** Who leads. */
  by: string;
  page: string;
  /** fabric's viewport transform `[a, b, c, d, e, f]`. */
  viewport: [number, number, number, number, number, number];
}

export const isFacilitator = (role: Role): boolean => role === 'therapist' || role === 'assistant';

export class FrameModel {
  readonly map: Y.Map<unknown>;
  readonly protectedIds: Y.Map<unknown>;
  private readonly hold: Y.Map<unknown>;

  constructor(
    readonly control: Y.Doc,
    private readonly role: Role,
  ) {
    this.map = control.getMap(DOC_NAMES.control);
    this.protectedIds = control.getMap(DOC_NAMES.protected);
    this.hold = control.getMap('frame');
  }

  get canWrite(): boolean {
    return isFacilitator(this.role);
  }

  get locked(): boolean {
    return this.map.get('locked') === true;
  }

  /** The therapist is holding the room: everything freezes for non-facilitators. */
  get held(): boolean {
    return this.hold.get('hold') === true;
  }

  isProtected(id: string): boolean {
    return this.protectedIds.get(id) === true;
  }

  get follow(): FollowState | null {
    const value = this.map.get('follow') as Partial<FollowState> | null | undefined;
    if (!value || typeof value !== 'object') return null;
    const { by, page, viewport } = value;
    if (!isParticipant(by) || !isId(page) || !Array.isArray(viewport) || viewport.length !== 6) return null;
    if (!viewport.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    return { by, page, viewport: viewport as FollowState['viewport'] };
  }

  setLocked(locked: boolean): boolean {
    return this.write(() => this.map.set('locked', locked));
  }

  setProtected(id: string, value: boolean): boolean {
    if (!isId(id)) return false;
    return this.write(() => (value ? this.protectedIds.set(id, true) : this.protectedIds.delete(id)));
  }

  setFollow(follow: FollowState | null): boolean {
    return this.write(() =>
      this.map.set('follow', follow ? { ...follow, viewport: [...follow.viewport] } : null),
    );
  }

  observe(fn: () => void): () => void {
    const handler = (): void => fn();
    this.map.observe(handler);
    this.protectedIds.observe(handler);
    this.hold.observe(handler);
    return () => {
      this.map.unobserve(handler);
      this.protectedIds.unobserve(handler);
      this.hold.unobserve(handler);
    };
  }

  private write(fn: () => void): boolean {
    if (!this.canWrite) return false;
    this.control.transact(fn, CANVAS_ORIGIN);
    return true;
  }
}
