/** Who is here: the waiting room (admit) and the participant list (roles, remove). */
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { PresenceState, SessionUser } from '@attune/session';
import { needsAdmission } from '@attune/session/controls';
import { api } from '../shared/api.js';
import { ConsolePanel } from './console-panel.js';

const ROLE_LABEL: Record<string, string> = {
  therapist: 'Therapist',
  assistant: 'Assistant',
  client: 'Client',
  caregiver: 'Caregiver',
  observer: 'Observer',
};

export class AttuneConsolePeopleElement extends ConsolePanel {
  @state() private message = '';

  private people(): SessionUser[] {
    const seen = new Map<string, SessionUser>();
    for (const value of this.session?.awareness.getStates().values() ?? []) {
      const user = (value as Partial<PresenceState>).user;
      if (user && typeof user.id === 'string' && typeof user.name === 'string') seen.set(user.id, user);
    }
    return [...seen.values()];
  }

  private async removePerson(user: SessionUser): Promise<void> {
    if (
      !this.session ||
      !confirm(`Remove ${user.name || 'this person'} from the session? Their link stops working.`)
    )
      return;
    try {
      await api.remove(this.session.sid, this.token, user.id);
      this.frame?.admit(user.id, false);
      this.message = `${user.name || 'They'} left the session and their link no longer works.`;
    } catch (error) {
      this.message = `Could not remove them: ${(error as Error).message}`;
    }
  }

  protected override render(): unknown {
    const session = this.session;
    const frame = this.frame;
    if (!session || !frame) return nothing;
    const people = this.people();
    const waiting = people.filter((p) => needsAdmission(p.role) && !frame.isAdmitted(p.id, p.role));
    const inside = people.filter((p) => !waiting.includes(p));
    return html`<section aria-labelledby="waiting">
        <h2 id="waiting">Waiting room (${waiting.length})</h2>
        ${
          waiting.length === 0
            ? html`<p class="muted">Nobody is waiting.</p>`
            : html`<ul>
                ${waiting.map(
                  (p) =>
                    html`<li data-sub=${p.id}>
                      <span class="grow">${p.name || 'Guest'} · ${ROLE_LABEL[p.role] ?? p.role}</span>
                      <button class="primary" @click=${() => frame.admit(p.id)}>
                        Admit ${p.name || 'guest'}
                      </button>
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <section aria-labelledby="people" style="margin-top: 1rem">
        <h2 id="people">In the session (${inside.length})</h2>
        <ul>
          ${inside.map(
            (p) =>
              html`<li data-sub=${p.id}>
                <span class="grow"
                  >${p.name || 'Guest'}${p.id === session.user.id ? ' (you)' : ''} ·
                  ${ROLE_LABEL[p.role] ?? p.role}</span
                >
                ${
                  p.id === session.user.id
                    ? nothing
                    : html`<button class="danger" @click=${() => void this.removePerson(p)}>
                        Remove ${p.name || 'guest'}
                      </button>`
                }
              </li>`,
          )}
        </ul>
        <p role="status" class="muted">${this.message}</p>
      </section>`;
  }
}

if (!customElements.get('attune-console-people'))
  customElements.define('attune-console-people', AttuneConsolePeopleElement);
