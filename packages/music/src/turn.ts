/**
 * Call and response as a music therapist runs it: only the person whose turn
 * it is plays; the facilitators (therapist, assistant) always can, as the
 * anchor, and pass the turn. `turn` null is the facilitators' own turn.
 *
 * Clients cannot write the control document, so the one whose turn it is
 * hands it back with a request on an ephemeral broadcast, which every
 * facilitator's page checks against the shared turn and carries out:
 *
 *   client "Done" ─▶ broadcast 'music:turn' { clientID, turn } ─▶ facilitator's page
 *                     ─▶ still that person's turn? ─▶ control turn = null
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isFacilitator } from '@attune/session';
import type { Role, Session } from '@attune/session';
import type { InstrumentSpaceModel, MusicState } from './model.js';

export const TURN_CHANNEL = 'music:turn';
const HAND_BACK_VERSION = 1;
const MAX_HAND_BACK_BYTES = 200;

/** True when someone may sound a note under the current mode. */
export function mayPlayNow(state: Pick<MusicState, 'mode' | 'turn'>, id: string, role: Role): boolean {
  return state.mode !== 'call-response' || isFacilitator(role) || state.turn === id;
}

/** Roles that are given turns: facilitators anchor, observers only listen. */
export function takesTurns(role: Role): boolean {
  return role === 'client' || role === 'caregiver';
}

export function encodeHandBack(clientId: number, turn: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, HAND_BACK_VERSION);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarString(encoder, turn);
  return encoding.toUint8Array(encoder);
}

export function decodeHandBack(payload: Uint8Array): { clientId: number; turn: string } | null {
  if (payload.length > MAX_HAND_BACK_BYTES) return null;
  try {
    const decoder = decoding.createDecoder(payload);
    if (decoding.readUint8(decoder) !== HAND_BACK_VERSION) return null;
    const clientId = decoding.readVarUint(decoder);
    const turn = decoding.readVarString(decoder);
    return turn.length > 0 && turn.length <= 128 ? { clientId, turn } : null;
  } catch {
    return null;
  }
}

/** Sends hand-back requests, and on facilitators' pages carries out those that are still valid. */
export class TurnLink {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly session: Session,
    private readonly model: InstrumentSpaceModel,
  ) {
    this.unsubscribe = isFacilitator(session.user.role)
      ? session.onBroadcast(TURN_CHANNEL, (payload) => this.receive(payload))
      : () => {};
  }

  /** Ends this person's own turn; false when it is not their turn or it could not be sent. */
  handBack(): boolean {
    const { mode, turn } = this.model.state;
    const me = this.session.user;
    if (mode !== 'call-response' || turn !== me.id) return false;
    if (isFacilitator(me.role)) {
      this.model.setTurn(null);
      return true;
    }
    return this.session.broadcast(TURN_CHANNEL, encodeHandBack(this.session.docs.space.clientID, turn));
  }

  destroy(): void {
    this.unsubscribe();
  }

  private receive(payload: Uint8Array): void {
    const request = decodeHandBack(payload);
    if (!request) return;
    const { mode, turn } = this.model.state;
    // Only the person whose turn it is may end it, and only the turn it was sent for.
    const sender = this.session.awareness.getStates().get(request.clientId)?.['user'] as
      { id?: unknown } | undefined;
    if (mode !== 'call-response' || turn !== request.turn || sender?.id !== turn) return;
    this.model.setTurn(null);
  }
}
