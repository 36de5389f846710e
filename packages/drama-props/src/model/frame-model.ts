/**
 * The therapist's frame for the boards, in the `control` document (which
 * only facilitators can write): the shared `frame.hold`, plus this package's
 * own `props` map with `locked` and `hidden`.
 */
import { CONTROL_MAP, FRAME } from '@attune/session/protocol';
import type * as Y from 'yjs';
import { PROPS_ORIGIN } from './origin.js';

export const PROPS_CONTROL = { map: 'props', locked: 'locked', hidden: 'hidden' } as const;

export interface FrameState {
  /** The therapist holds the room: everything freezes for non-facilitators. */
  hold: boolean;
  /** The board cannot be changed by non-facilitators. */
  locked: boolean;
  /** The board is hidden from non-facilitators. */
  hidden: boolean;
}

export class FrameModel {
  readonly frame: Y.Map<unknown>;
  readonly props: Y.Map<unknown>;
  private readonly doc: Y.Doc;

  constructor(control: Y.Doc) {
    this.doc = control;
    this.frame = control.getMap(CONTROL_MAP.frame);
    this.props = control.getMap(PROPS_CONTROL.map);
  }

  get state(): FrameState {
    return {
      hold: this.frame.get(FRAME.hold) === true,
      locked: this.props.get(PROPS_CONTROL.locked) === true,
      hidden: this.props.get(PROPS_CONTROL.hidden) === true,
    };
  }

  /** Whether someone who is not a facilitator may change the board now. */
  get frozen(): boolean {
    const { hold, locked } = this.state;
    return hold || locked;
  }

  set(key: 'locked' | 'hidden', value: boolean): void {
    this.doc.transact(() => this.props.set(PROPS_CONTROL[key], value), PROPS_ORIGIN);
  }

  setHold(value: boolean): void {
    this.doc.transact(() => this.frame.set(FRAME.hold, value), PROPS_ORIGIN);
  }

  observe(fn: () => void): () => void {
    this.frame.observe(fn);
    this.props.observe(fn);
    return () => {
      this.frame.unobserve(fn);
      this.props.unobserve(fn);
    };
  }
}
