/**
 * The client's page: one link, at most a name, a camera and microphone check,
 * a "start sound" step, then the session in a calm layout.
 *
 * This module is all the welcome step loads: the session itself (Yjs, the
 * providers, the stage, and later fabric, Tone or LiveKit) is imported when
 * the person moves on from the first step. The step reached is kept in this
 * tab's sessionStorage, so a reload brings the person back to it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { MAX_NAME_LENGTH } from '@attune/session/protocol';
import type { TokenClaims } from '@attune/session/protocol';
import '../shared/attune-large-controls.js';
import { chromeStyles } from '../shared/chrome.styles.js';
import { claimsOf, hasLinkToken, takeToken } from '../shared/links.js';
import { applyLargeControls } from '../shared/preferences.js';
import './device-check.js';
import type { AttuneDeviceCheckElement } from './device-check.js';

applyLargeControls();

type Step = 'name' | 'devices' | 'sound' | 'session' | 'left';
const STEPS: Step[] = ['name', 'devices', 'sound'];
const TOKEN_KEY = 'attune.joinToken';
const STEP_KEY = 'attune.joinStep';

/** The step is kept with the session and participant it belongs to (ids only, no name). */
interface SavedStep {
  sid: string;
  sub: string;
  step: Step;
}

function savedStep(claims: TokenClaims | null): Step | null {
  if (!claims) return null;
  try {
    const saved = JSON.parse(sessionStorage.getItem(STEP_KEY) ?? 'null') as SavedStep | null;
    return saved && saved.sid === claims.sid && saved.sub === claims.sub ? saved.step : null;
  } catch {
    return null;
  }
}

let room: Promise<unknown> | null = null;
/** The session's code: started when the welcome step is done, so it is ready by the last step. */
function loadRoom(): Promise<unknown> {
  room ??= import('./join-room.js');
  return room;
}

export class AttuneJoinAppElement extends LitElement {
  static override styles = [
    chromeStyles,
    css`
      :host {
        display: block;
      }
      .page {
        max-width: 72rem;
        margin: 0 auto;
        padding: clamp(0.75rem, 3vw, 2rem);
      }
      .card {
        position: relative;
        display: grid;
        gap: 1.25rem;
        max-width: 36rem;
        margin: 6vh auto 0;
        padding: clamp(1.25rem, 4vw, 2.5rem);
        border-radius: 20px;
        background: #fff;
        box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
      }
      .card-top {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.75rem;
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
        min-height: max(48px, var(--_target));
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
      .actions button {
        min-height: max(48px, var(--_target));
        padding: 0.5rem 1.5rem;
        border: 2px solid #2f6b5f;
        border-radius: 10px;
        background: #fff;
        color: #1f4a42;
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
      .actions button.primary {
        background: #2f6b5f;
        color: #fff;
      }
      :is(button, input):focus-visible {
        outline: 3px solid #1a5fb4;
        outline-offset: 2px;
      }
    `,
  ];

  @state() private step: Step = 'name';
  @state() private name = '';
  @state() private heard = false;
  @state() private token: string | null = null;
  @state() private claims: TokenClaims | null = null;
  @state() private renameError = '';
  @state() private roomReady = false;

  constructor() {
    super();
    // A new link starts at the welcome step; a reload of the same tab goes back to where it was.
    const fromLink = hasLinkToken();
    this.token = takeToken(TOKEN_KEY);
    this.claims = claimsOf(this.token);
    const saved = fromLink ? null : savedStep(this.claims);
    if (saved) this.step = saved;
    if (this.step === 'session') void this.openRoom();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.name = this.claims?.name ?? '';
  }

  private save(): void {
    if (!this.claims) return;
    const saved: SavedStep = { sid: this.claims.sid, sub: this.claims.sub, step: this.step };
    try {
      sessionStorage.setItem(STEP_KEY, JSON.stringify(saved));
    } catch {
      // Without storage a reload starts again at the welcome step, as it always did.
    }
  }

  private async openRoom(): Promise<void> {
    await loadRoom();
    this.roomReady = true;
  }

  private async go(step: Step): Promise<void> {
    if (this.step === 'devices')
      this.renderRoot.querySelector<AttuneDeviceCheckElement>('attune-device-check')?.stop();
    this.step = step;
    this.save();
    if (step !== 'name') void loadRoom();
    if (step === 'session') await this.openRoom();
    await this.updateComplete;
    // Move focus to the new step's heading so keyboard and screen reader users start there.
    const room = this.renderRoot.querySelector('attune-join-room') as
      (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    if (room) await room.updateComplete;
    const heading =
      room?.shadowRoot?.querySelector<HTMLElement>('h1') ?? this.renderRoot.querySelector<HTMLElement>('h1');
    heading?.focus();
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

  private card(body: unknown): unknown {
    const n = STEPS.indexOf(this.step) + 1;
    return html`<main class="page">
      <div class="card">
        <div class="card-top">
          ${n > 0 ? html`<p class="progress">Step ${n} of 3</p>` : html`<span></span>`}
          <attune-large-controls></attune-large-controls>
        </div>
        ${body}
      </div>
    </main>`;
  }

  protected override render(): unknown {
    if (!this.claims || !this.token) {
      return this.card(
        html`<h1 tabindex="-1">This link does not open a session</h1>
          <p>Please use the whole link your therapist sent you, or ask them for a new one.</p>`,
      );
    }
    switch (this.step) {
      case 'name':
        return this.card(
          html`<h1 tabindex="-1">Welcome</h1>
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
            </form>`,
        );
      case 'devices':
        return this.card(
          html`<h1 tabindex="-1">Camera and microphone</h1>
            <p>Let's check that others can see and hear you. Nothing is recorded.</p>
            <attune-device-check></attune-device-check>
            <div class="actions">
              <button
                @click=${() => void this.renderRoot.querySelector<AttuneDeviceCheckElement>('attune-device-check')?.check()}
              >
                Check camera and microphone
              </button>
              <button class="primary" @click=${() => void this.go('sound')}>Continue</button>
            </div>`,
        );
      case 'sound':
        return this.card(
          html`<h1 tabindex="-1">Sound</h1>
            <p>Press "Start sound". You should hear a soft tone.</p>
            <div class="actions">
              <button class="primary" @click=${() => this.startSound()}>Start sound</button>
              <button @click=${() => void this.go('session')}>Join the session</button>
            </div>
            ${
              this.heard
                ? html`<p role="status">
                    If you heard it, sound works. If not, turn up the volume and try again.
                  </p>`
                : nothing
            }`,
        );
      case 'left':
        return this.card(
          html`<h1 tabindex="-1">You have left the session</h1>
            <p>You can come back while the session is on.</p>
            <div class="actions">
              <button class="primary" @click=${() => void this.go('session')}>Join again</button>
            </div>`,
        );
      case 'session':
        if (!this.roomReady) {
          return html`<main class="page">
            <div class="card" role="status"><p>Opening your session…</p></div>
          </main>`;
        }
        return html`<attune-join-room
          .token=${this.token}
          .sid=${this.claims.sid}
          .autoSound=${this.heard}
          @attune-room-leave=${() => void this.go('left')}
        ></attune-join-room>`;
    }
  }
}

if (!customElements.get('attune-join-app')) customElements.define('attune-join-app', AttuneJoinAppElement);
