/** Invite links per role, each with a copy button. */
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Role } from '@attune/session/protocol';
import { MAX_NAME_LENGTH, ROLES } from '@attune/session/protocol';
import { api } from '../shared/api.js';
import { ConsolePanel } from './console-panel.js';

interface Invite {
  role: Role;
  name: string;
  url: string;
}

export class AttuneConsoleInvitesElement extends ConsolePanel {
  @state() private inviteRole: Role = 'client';
  @state() private name = '';
  @state() private hours = 24;
  @state() private invites: Invite[] = [];
  @state() private message = '';

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.session) return;
    const name = this.name.trim() || this.inviteRole[0]!.toUpperCase() + this.inviteRole.slice(1);
    try {
      const { url } = await api.invite(
        this.session.sid,
        this.token,
        this.inviteRole,
        name,
        this.hours * 3600,
      );
      this.invites = [{ role: this.inviteRole, name, url }, ...this.invites];
      this.name = '';
      this.message = `Link for ${name} is ready.`;
    } catch (error) {
      this.message = `Could not create the link: ${(error as Error).message}`;
    }
  }

  private async copy(invite: Invite, index: number): Promise<void> {
    try {
      await navigator.clipboard.writeText(invite.url);
    } catch {
      // Without clipboard permission, select the text so that Ctrl+C copies it.
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#link-${index}`);
      input?.select();
      this.message = 'Press Ctrl+C (or Cmd+C) to copy the selected link.';
      return;
    }
    this.message = `Copied the link for ${invite.name}.`;
  }

  protected override render(): unknown {
    if (!this.session) return nothing;
    return html`<h2>Invite</h2>
      <form class="row" @submit=${(e: Event) => void this.create(e)}>
        <label
          >Role
          <select
            .value=${this.inviteRole}
            @change=${(e: Event) => (this.inviteRole = (e.target as HTMLSelectElement).value as Role)}
          >
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === this.inviteRole}>${r}</option>`)}
          </select>
        </label>
        <label class="grow"
          >Name shown to others
          <input
            maxlength=${MAX_NAME_LENGTH}
            .value=${this.name}
            @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
          />
        </label>
        <label
          >Valid for
          <select @change=${(e: Event) => (this.hours = Number((e.target as HTMLSelectElement).value))}>
            <option value="2">2 hours</option>
            <option value="24" selected>1 day</option>
            <option value="168">1 week</option>
          </select>
        </label>
        <button class="primary" type="submit">Create link</button>
      </form>
      <ul style="margin-top: 0.75rem">
        ${this.invites.map(
          (invite, i) =>
            html`<li>
              <label class="grow"
                >${invite.name} (${invite.role})
                <input id=${`link-${i}`} readonly .value=${invite.url} data-role=${invite.role} />
              </label>
              <button @click=${() => void this.copy(invite, i)}>Copy link for ${invite.name}</button>
            </li>`,
        )}
      </ul>
      <p role="status" class="muted">${this.message}</p>`;
  }
}

if (!customElements.get('attune-console-invites'))
  customElements.define('attune-console-invites', AttuneConsoleInvitesElement);
