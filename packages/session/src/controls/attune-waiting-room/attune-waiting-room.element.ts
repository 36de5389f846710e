import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { sessionContext } from '../../context.js';
import { isFacilitator } from '../../protocol/access.js';
import type { Session, SessionUser } from '../../session.js';
import { controlStyles } from '../controls.styles.js';
import { emit } from '../events.js';
import { FrameController } from '../frame-controller.js';
import { needsAdmission } from '../frame-model.js';

export const ROLE_LABEL: Record<string, string> = {
  therapist: 'Therapist',
  assistant: 'Assistant',
  client: 'Client',
  caregiver: 'Caregiver',
  observer: 'Observer',
};

/**
 * @summary The waiting room: clients, caregivers and observers who are here
 * but not admitted yet, each with an "Admit" button. For facilitators only.
 *
 * Admission is kept in `control.getMap('admission')`, and applies when the
 * session has a waiting room (`frame.waitingRoom`, on for sessions created
 * through the API unless asked otherwise). The server enforces it: someone
 * waiting gets nothing of `space` (document, presence of others, broadcasts)
 * and nothing they send there is kept; facilitators see their presence.
 *
 * @event attune-participant-admit - The local facilitator admitted someone.
 * @event attune-waiting-room-change - The local facilitator turned the waiting room on or off (`{ on }`).
 * @csspart heading - The heading with the count.
 * @csspart person - One waiting person.
 * @csspart admit - The admit button.
 * @csspart toggle - The checkbox, with its label, that turns the waiting room on or off.
 */
export class AttuneWaitingRoomElement extends LitElement {
  static override styles = [
    controlStyles,
    css`
      .toggle {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        min-height: 24px;
        margin-block: 0.25rem 0.5rem;
      }
      .toggle input {
        inline-size: 24px;
        block-size: 24px;
        margin: 0;
      }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  private readonly ctl = new FrameController(this);

  /** The people waiting now. */
  get waiting(): SessionUser[] {
    const frame = this.ctl.frame;
    if (!frame) return [];
    return this.ctl.people().filter((p) => needsAdmission(p.role) && !frame.isAdmitted(p.id, p.role));
  }

  protected override willUpdate(): void {
    this.ctl.use(this.session);
  }

  private setWaitingRoom(on: boolean): void {
    this.ctl.frame?.setWaitingRoom(on);
    emit(this, 'attune-waiting-room-change', { on });
  }

  private admit(person: SessionUser): void {
    this.ctl.frame?.admit(person.id);
    emit(this, 'attune-participant-admit', { id: person.id });
  }

  protected override render(): unknown {
    if (!this.session || !this.ctl.frame || !isFacilitator(this.session.role)) return nothing;
    const frame = this.ctl.frame;
    const waiting = this.waiting;
    const on = frame.waitingRoom;
    return html`<h2 part="heading" id="waiting">Waiting room (${waiting.length})</h2>
      <label part="toggle" class="toggle">
        <input
          type="checkbox"
          .checked=${on}
          @change=${(e: Event) => this.setWaitingRoom((e.target as HTMLInputElement).checked)}
        />
        People wait here until I let them in
      </label>
      ${
        !on
          ? html`<p class="muted">Everyone with a link comes straight in.</p>`
          : waiting.length === 0
            ? html`<p class="muted">Nobody is waiting.</p>`
            : html`<ul aria-labelledby="waiting">
                ${waiting.map(
                  (p) =>
                    html`<li part="person" data-id=${p.id}>
                      <span class="grow">${p.name || 'Guest'} · ${ROLE_LABEL[p.role] ?? p.role}</span>
                      <button part="admit" class="primary" @click=${() => this.admit(p)}>
                        Admit ${p.name || 'guest'}
                      </button>
                    </li>`,
                )}
              </ul>`
      }`;
  }
}
