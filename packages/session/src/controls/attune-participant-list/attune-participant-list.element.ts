import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { sessionContext } from '../../context.js';
import { isFacilitator } from '../../protocol/access.js';
import type { Session, SessionUser } from '../../session.js';
import { ROLE_LABEL } from '../attune-waiting-room/attune-waiting-room.element.js';
import { controlStyles } from '../controls.styles.js';
import { emit } from '../events.js';
import { FrameController } from '../frame-controller.js';
import { needsAdmission } from '../frame-model.js';

/**
 * @summary Everyone in the session with their role. Facilitators get a
 * "Remove" button: the person is disconnected at once and their link is
 * refused from then on.
 *
 * @event attune-participant-remove - The local facilitator removed someone.
 * @csspart heading - The heading with the count.
 * @csspart person - One participant.
 * @csspart remove - The remove button.
 * @csspart message - What happened after a removal.
 */
export class AttuneParticipantListElement extends LitElement {
  static override styles = controlStyles;

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** A bearer token for removal other than the session's own (rarely needed). */
  @property() token = '';
  /** Ask before removing someone (default true). */
  @property({ type: Boolean, attribute: 'no-confirm' }) noConfirm = false;

  @state() private message = '';
  private readonly ctl = new FrameController(this);

  protected override willUpdate(): void {
    this.ctl.use(this.session);
  }

  /** Removes a participant through the server; resolves false when it was refused. */
  async removeParticipant(person: Pick<SessionUser, 'id' | 'name'>): Promise<boolean> {
    const session = this.session;
    if (!session || !isFacilitator(session.role) || person.id === session.user.id) return false;
    const name = person.name || 'this person';
    if (!this.noConfirm && !confirm(`Remove ${name} from the session? Their link stops working.`))
      return false;
    const response = await session
      .fetchApi(`/api/sessions/${session.sid}/participants/${encodeURIComponent(person.id)}`, {
        method: 'DELETE',
        ...(this.token ? { headers: { authorization: `Bearer ${this.token}` } } : {}),
      })
      .catch(() => null);
    if (!response?.ok) {
      this.message = `Could not remove ${name}. Please try again.`;
      return false;
    }
    this.ctl.frame?.admit(person.id, false);
    this.message = `${person.name || 'They'} left the session and their link no longer works.`;
    emit(this, 'attune-participant-remove', { id: person.id });
    return true;
  }

  protected override render(): unknown {
    const session = this.session;
    const frame = this.ctl.frame;
    if (!session || !frame) return nothing;
    const facilitator = isFacilitator(session.role);
    const inside = this.ctl.people().filter((p) => !needsAdmission(p.role) || frame.isAdmitted(p.id, p.role));
    return html`<h2 part="heading" id="people">In the session (${inside.length})</h2>
      <ul aria-labelledby="people">
        ${inside.map(
          (p) =>
            html`<li part="person" data-id=${p.id}>
              <span class="grow"
                >${p.name || 'Guest'}${p.id === session.user.id ? ' (you)' : ''} ·
                ${ROLE_LABEL[p.role] ?? p.role}</span
              >
              ${
                facilitator && p.id !== session.user.id
                  ? html`<button part="remove" class="danger" @click=${() => void this.removeParticipant(p)}>
                      Remove ${p.name || 'guest'}
                    </button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      <p part="message" role="status" class="muted">${this.message}</p>`;
  }
}
