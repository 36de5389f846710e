/** DOM events of the prop board and the magic bag: the local person's own actions only. */

export interface PropEventDetail {
  itemId: string;
  propId: string;
}

export interface PropHandDetail extends PropEventDetail {
  /** The participant id the prop was handed to. */
  to: string;
}

export interface BagDrawDetail {
  requestId: string;
  /** The slot reached for, or null for a random draw. */
  slot: number | null;
}

export interface BagRevealDetail {
  requestId: string;
  itemId: string;
  propId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A prop was put on the board. */
    'attune-prop-place': CustomEvent<PropEventDetail>;
    /** A prop was moved (put down after carrying or nudging). */
    'attune-prop-move': CustomEvent<PropEventDetail>;
    /** A prop was handed to another participant. */
    'attune-prop-hand': CustomEvent<PropHandDetail>;
    /** A prop was put away. */
    'attune-prop-away': CustomEvent<PropEventDetail>;
    /** The local participant reached into the magic bag. */
    'attune-bag-draw': CustomEvent<BagDrawDetail>;
    /** The local participant's draw was revealed. */
    'attune-bag-reveal': CustomEvent<BagRevealDetail>;
  }
}

export function fire<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
