/**
 * The client's page: one link, at most a name, a camera and microphone check,
 * a "start sound" step, then the session in a calm layout.
 */
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import '@attune/session/attune-session.js';
import { MAX_NAME_LENGTH } from '@attune/session/protocol';
import type { TokenClaims } from '@attune/session/protocol';
import '../shared/attune-demo-stage.js';
import { claimsOf, takeToken } from '../shared/links.js';
import './device-check.js';
import type { AttuneDeviceCheckElement } from './device-check.js';

type Step = 'name' | 'devices' | 'sound' | 'session';
const STEPS: Step[] = ['name', 'devices', 'sound', 'session'];
const TOKEN_KEY = 'attune.joinToken';

export class AttuneJoinAppElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
      max-width: 72rem;
      margin: 0 auto;
      padding: clamp(0.75rem, 3vw, 2rem);
    }
    .card {
      display: grid;
      gap: 1.25rem;
      max-width: 36rem;
      margin: 6vh auto 0;
      padding: clamp(1.25rem, 4vw, 2.5rem);
      border-radius: 16px;
      background: #fff;
      box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
    }
    h1 {
      margin: 0;
      font-size: clamp(1.5rem, 5vw, 2rem);
      font-weight: 600;
    }
    h1:focus {
      outline: none;
    }
    p {
      margin: 0;
    }
    .progress {
      color: #4a5763;
    }
    label {
      display: grid;
      gap: 0.5rem;
      font-weight: 600;
    }
    input {
      min-height: 48px;
      padding: 0.5rem 0.75rem;
      border: 2px solid #4a5763;
      border-radius: 10px;
      font: inherit;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    button {
      min-height: 48px;
      padding: 0.5rem 1.5rem;
      border: 2px solid #2f6b5f;
      border-radius: 10px;
      background: #fff;
      color: #1f4a42;
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    button.primary {
      background: #2f6b5f;
      color: #fff;
    }
    :is(button, input):focus-visible {
      outline: 3px solid #1a5fb4;
      outline-offset: 2px;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      margin-bottom: 1rem;
    }
    header h1 {
      font-size: 1.4rem;
    }
  `;

  @state() private step: Step = 'name';
  @state() private name = '';
  @state() private heard = false;
  @state() private token = takeToken(TOKEN_KEY);
  @state() private claims: TokenClaims | null = claimsOf(this.token);
  @state() private renameError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.name = this.claims?.name ?? '';
  }

  private async go(step: Step): Promise<void> {
    if (this.step === 'devices')
      this.renderRoot.querySelector<AttuneDeviceCheckElement>('attune-device-check')?.stop();
    this.step = step;
    await this.updateComplete;
    // Move focus to the new step's heading so keyboard and screen reader users start there.
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private startSound(): void {
    // A short, soft tone: proof that sound works, and the gesture browsers need.
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 523.25;
    gain.gain.setValueAtTime(0, ctx.currentTime);
    gain.gain.linearRampToValueAtTime(0.2, ctx.currentTime + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 1.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 1.3);
    osc.onended = () => void ctx.close();
    void ctx.resume();
    this.heard = true;
  }

  private enter(): void {
    void this.go('session');
  }

  /**
   * Everyone sees the name in the participant's token (the server writes it
   * into their presence), so a new name is a new token from the server.
   */
  private async chooseName(): Promise<boolean> {
    const name = this.name.trim().slice(0, MAX_NAME_LENGTH);
    if (!this.claims || !this.token || !name || name === this.claims.name) return true;
    try {
      const res = await fetch(`/api/sessions/${encodeURIComponent(this.claims.sid)}/me/name`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      if (!res.ok) throw new Error(String(res.status));
      const { token } = (await res.json()) as { token: string };
      sessionStorage.setItem(TOKEN_KEY, token);
      this.token = token;
      this.claims = claimsOf(token);
      this.renameError = '';
      return true;
    } catch {
      this.renameError =
        'That name could not be saved. Please try again, or continue with the name you were given.';
      this.name = this.claims?.name ?? '';
      return false;
    }
  }

  protected override render(): unknown {
    if (!this.claims || !this.token) {
      return html`<main class="card">
        <h1 tabindex="-1">This link does not open a session</h1>
        <p>Please use the whole link your therapist sent you, or ask them for a new one.</p>
      </main>`;
    }
    const n = STEPS.indexOf(this.step) + 1;
    const progress = html`<p class="progress">Step ${n} of 3</p>`;
    switch (this.step) {
      case 'name':
        return html`<main class="card">
          ${progress}
          <h1 tabindex="-1">Welcome</h1>
          <form
            @submit=${(e: Event) => {
              e.preventDefault();
              void this.chooseName().then((ok) => {
                // Observers only watch and listen: they skip the camera and microphone check.
                if (ok) void this.go(this.claims?.role === 'observer' ? 'sound' : 'devices');
              });
            }}
          >
            <label
              >What should we call you?
              <input
                name="name"
                autocomplete="given-name"
                maxlength=${MAX_NAME_LENGTH}
                .value=${this.name}
                @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
              />
            </label>
            ${this.renameError ? html`<p role="alert">${this.renameError}</p>` : null}
            <div class="actions" style="margin-top: 1.25rem">
              <button class="primary" type="submit">Continue</button>
            </div>
          </form>
        </main>`;
      case 'devices':
        return html`<main class="card">
          ${progress}
          <h1 tabindex="-1">Camera and microphone</h1>
          <p>Let's check that others can see and hear you. Nothing is recorded.</p>
          <attune-device-check></attune-device-check>
          <div class="actions">
            <button
              @click=${() => void this.renderRoot.querySelector<AttuneDeviceCheckElement>('attune-device-check')?.check()}
            >
              Check camera and microphone
            </button>
            <button class="primary" @click=${() => void this.go('sound')}>Continue</button>
          </div>
        </main>`;
      case 'sound':
        return html`<main class="card">
          ${progress}
          <h1 tabindex="-1">Sound</h1>
          <p>Press "Start sound". You should hear a soft tone.</p>
          <div class="actions">
            <button class="primary" @click=${() => this.startSound()}>Start sound</button>
            <button @click=${() => this.enter()}>Join the session</button>
          </div>
          ${
            this.heard
              ? html`<p role="status">
                  If you heard it, sound works. If not, turn up the volume and try again.
                </p>`
              : nothing
          }
        </main>`;
      case 'session':
        return html`<header>
            <h1 tabindex="-1">Your session</h1>
          </header>
          <main>
            <attune-session session=${this.claims.sid} .token=${this.token}>
              <attune-demo-stage .autoSound=${this.heard}></attune-demo-stage>
            </attune-session>
          </main>`;
    }
  }
}

if (!customElements.get('attune-join-app')) customElements.define('attune-join-app', AttuneJoinAppElement);
