/**
 * The therapist console: sign in with the admin key (kept in this tab's
 * sessionStorage, never in a URL), create a session or open one from a
 * therapist link, then run it (console-room.ts, loaded only then): the
 * stage, the room, people, invites, notes and the ending.
 */
import { LitElement, css, html } from 'lit';
import { state } from 'lit/decorators.js';
import type { TokenClaims } from '@attune/session/protocol';
import { isFacilitator } from '@attune/session/protocol';
import '../shared/attune-large-controls.js';
import { api } from '../shared/api.js';
import { claimsOf, takeToken } from '../shared/links.js';
import { applyLargeControls } from '../shared/preferences.js';

applyLargeControls();

let room: Promise<unknown> | null = null;
function loadRoom(): Promise<unknown> {
  room ??= import('./console-room.js');
  return room;
}

const ADMIN_KEY = 'attune.adminKey';
const TOKEN_KEY = 'attune.therapistToken';

export class AttuneConsoleAppElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .page {
      padding: clamp(0.75rem, 2vw, 1.5rem);
    }
    .card-top {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem;
    }
    h1 {
      margin: 0;
      font-size: 1.5rem;
    }
    .card {
      display: grid;
      gap: 1rem;
      max-width: 34rem;
      margin: 8vh auto 0;
      padding: 2rem;
      border-radius: 16px;
      background: #fff;
    }
    label {
      display: grid;
      gap: 0.4rem;
      font-weight: 600;
    }
    input {
      min-height: max(48px, var(--attune-target-size, 44px));
      padding: 0.5rem 0.75rem;
      border: 2px solid #4a5763;
      border-radius: 10px;
      font: inherit;
    }
    button {
      min-height: max(48px, var(--attune-target-size, 44px));
      padding: 0.5rem 1.25rem;
      border: 2px solid #2f6b5f;
      border-radius: 10px;
      background: #2f6b5f;
      color: #fff;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    button.quiet {
      background: #fff;
      color: #1f4a42;
    }
    :is(button, input):focus-visible {
      outline: 3px solid #1a5fb4;
      outline-offset: 2px;
    }
    p {
      margin: 0;
    }
  `;

  @state() private token: string | null = takeToken(TOKEN_KEY);
  @state() private adminKey = sessionStorage.getItem(ADMIN_KEY) ?? '';
  @state() private message = '';
  @state() private roomReady = false;
  private readonly onHash = (): void => {
    this.token = takeToken(TOKEN_KEY);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const key = this.adminKey.trim();
    if (!key) {
      this.message = 'Enter the admin key first.';
      return;
    }
    try {
      const created = await api.createSession(key);
      sessionStorage.setItem(ADMIN_KEY, key);
      sessionStorage.setItem(TOKEN_KEY, created.therapistToken);
      this.token = created.therapistToken;
      this.message = '';
    } catch (error) {
      this.message =
        (error as { code?: string }).code === 'admin-key-required'
          ? 'That admin key is not right. It is in .attune-data/secrets.json, and printed when the server starts.'
          : `Could not create a session: ${(error as Error).message}`;
    }
  }

  private leave(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    this.token = null;
  }

  protected override render(): unknown {
    const claims: TokenClaims | null = claimsOf(this.token);
    if (!claims || !this.token) return this.signIn();
    if (!isFacilitator(claims.role)) {
      return html`<main class="page">
        <div class="card">
          <h1>This link opens the join page</h1>
          <p><a href="/join">Go to the join page</a> with the whole link you were given.</p>
        </div>
      </main>`;
    }
    if (!this.roomReady) {
      void loadRoom().then(() => (this.roomReady = true));
      return html`<main class="page">
        <div class="card" role="status"><p>Opening the session…</p></div>
      </main>`;
    }
    return html`<attune-console-room
      .token=${this.token}
      .sid=${claims.sid}
      @attune-room-leave=${() => this.leave()}
    ></attune-console-room>`;
  }

  private signIn(): unknown {
    return html`<main class="page">
      <div class="card">
        <div class="card-top">
          <h1>Therapist console</h1>
          <attune-large-controls></attune-large-controls>
        </div>
        <p>
          Create a new session with the server's admin key, or open the therapist link of a session you have.
        </p>
        <form style="display: grid; gap: 1rem" @submit=${(e: Event) => void this.create(e)}>
          <label
            >Admin key
            <input
              type="password"
              autocomplete="off"
              .value=${this.adminKey}
              @input=${(e: Event) => (this.adminKey = (e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit">Create a session</button>
        </form>
        <p role="status">${this.message}</p>
      </div>
    </main>`;
  }
}

if (!customElements.get('attune-console-app'))
  customElements.define('attune-console-app', AttuneConsoleAppElement);
