/** Call and response: whose turn it is, said politely, and the one-press controls to pass it on or back. */
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { InstrumentSpaceController } from '../controller.js';
import type { MusicState } from '../model.js';
import { takesTurns } from '../turn.js';

/** The name of whoever has the turn ("the therapist" for the facilitators' own). */
function turnHolderName(c: InstrumentSpaceController, s: MusicState): string {
  if (s.turn === null) return 'the therapist';
  if (s.turn === c.me?.id) return 'you';
  return c.link?.presence().get(s.turn)?.user.name || 'someone else';
}

/** Why this person's keys rest now, in words a screen reader can say; null when they can play. */
export function inactiveReason(c: InstrumentSpaceController, s: MusicState): string | null {
  if (!c.me) return null;
  if (c.listensOnly) return 'Observers listen and watch';
  if (!c.canPlay) return 'Playing is paused by the therapist';
  if (c.listening) return `Listening: it is ${turnHolderName(c, s)}'s turn`;
  return null;
}

function turnMessage(c: InstrumentSpaceController, s: MusicState): string {
  const mine = s.turn !== null && s.turn === c.me?.id;
  if (c.isFacilitator) {
    return s.turn === null
      ? 'Your turn to call: play, then pass the turn.'
      : `${turnHolderName(c, s)}'s turn to answer. You can play along.`;
  }
  if (mine) return 'Your turn: play, then hand back.';
  return `${inactiveReason(c, s) ?? `Listening: it is ${turnHolderName(c, s)}'s turn`}.`;
}

export function renderTurn(c: InstrumentSpaceController, s: MusicState, onHandBack: () => void): unknown {
  if (s.mode !== 'call-response' || !c.me) return nothing;
  const me = c.me;
  const mine = s.turn === me.id;
  const others = c.participants().filter(({ user }) => user.id !== me.id && takesTurns(user.role));
  return html`<div part="turn" ?data-mine=${mine || (c.isFacilitator && s.turn === null)}>
    ${keyed(s.turn ?? '', html`<span class="turn-mark" aria-hidden="true"></span>`)}
    <p role="status">${turnMessage(c, s)}</p>
    ${
      c.isFacilitator
        ? html`<div role="group" aria-labelledby="pass-label" class="pass">
            <span id="pass-label">Pass the turn to</span>
            ${others.map(
              ({ user }) =>
                html`<button
                  aria-pressed=${s.turn === user.id ? 'true' : 'false'}
                  @click=${() => c.model!.setTurn(user.id)}
                >
                  ${user.name || 'Participant'}
                </button>`,
            )}
            <button aria-pressed=${s.turn === null ? 'true' : 'false'} @click=${() => c.model!.setTurn(null)}>
              Back to me
            </button>
          </div>`
        : mine
          ? html`<button part="hand-back" @click=${onHandBack}>Done, back to the therapist</button>`
          : nothing
    }
  </div>`;
}
