/**
 * The therapist's frame over the canvas, from the `control` document: the
 * lock, protected objects and what the follow-me leader sees. Only facilitators can
 * write the control document; the server drops anyone else's writes.
 */
import type * as Y from 'yjs';
import type { Role } from '@attune/session';
import { CANVAS_ORIGIN } from '../origin.js';
import { DOC_NAMES, isId, isParticipant } from './schema.js';
import type { SceneRect } from './schema.js';

export interface FollowState {
  /** Who leads. */
  by: string;
  page: string;
  /**
   * The part of the page the leader sees, in scene units; each follower fits
   * it to their own screen. Null shows the whole page.
   */
  view: SceneRect | null;
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
    const { by, page, view } = value;
    if (!isParticipant(by) || !isId(page)) return null;
    // Before pages had a size, the leader's raw viewport was shared; it meant
    // nothing on another screen, so such an entry shows the whole page.
    return { by, page, view: readView(view) };
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
      this.map.set(
        'follow',
        follow ? { by: follow.by, page: follow.page, view: follow.view ? { ...follow.view } : null } : null,
      ),
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

function readView(value: unknown): SceneRect | null {
  if (!value || typeof value !== 'object') return null;
  const { x, y, width, height } = value as Partial<SceneRect>;
  const finite = (n: unknown): n is number =>
    typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= 1e7;
  if (!finite(x) || !finite(y) || !finite(width) || !finite(height)) return null;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}
