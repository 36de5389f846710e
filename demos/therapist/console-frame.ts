/** The frame: hold the room, what is on screen, and the session timer with ending warnings. */
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Session } from '@attune/session';
import { ENDING_WARNINGS, MODALITIES, TIMER_LIMITS } from '@attune/session/controls';
import { MODALITY_LABEL } from '../shared/modalities.js';
import { ConsolePanel } from './console-panel.js';

function clock(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class AttuneConsoleFrameElement extends ConsolePanel {
  @state() private minutes = 50;
  @state() private now = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;

  protected override bind(session: Session): void {
    this.now = session.clock.now();
    this.ticker = setInterval(() => (this.now = session.clock.now()), 1000);
  }

  protected override unbindMore(): void {
    clearInterval(this.ticker);
  }

  private warning(left: number): string {
    if (left === 0) return 'Time is up. Time to close the session.';
    const due = [...ENDING_WARNINGS].sort((a, b) => a - b).find((m) => left <= m * 60_000);
    return due ? `${due === 1 ? 'One minute' : `${due} minutes`} or less left: time to warn the group.` : '';
  }

  protected override render(): unknown {
    const frame = this.frame;
    const session = this.session;
    if (!frame || !session) return nothing;
    const held = frame.held;
    const left = frame.remaining(this.now);
    return html`<h2>The room</h2>
      <button
        class="hold"
        aria-pressed=${String(held)}
        @click=${() => frame.setHold(!held)}
        style="min-height: 56px; width: 100%; font-size: 1.1rem"
      >
        ${held ? 'Release the room' : 'Hold the room'}
      </button>
      <p class="muted" style="margin-top: 0.5rem">
        ${held ? 'Everyone else sees a calm pause screen; their tools are still.' : 'Everyone can work.'}
      </p>

      <fieldset>
        <legend>On screen</legend>
        <div class="row">
          ${MODALITIES.map(
            (m) =>
              html`<label style="display: flex; gap: 0.4rem; font-weight: 400; align-items: center">
                <input
                  type="radio"
                  name="modality"
                  value=${m}
                  .checked=${frame.modality === m}
                  @change=${() => frame.setModality(m)}
                />${MODALITY_LABEL[m]}</label
              >`,
          )}
        </div>
        <label style="display: flex; gap: 0.4rem; font-weight: 400; align-items: center; margin-top: 0.5rem">
          <input
            type="checkbox"
            .checked=${frame.videoBeside}
            @change=${() => frame.setVideoBeside(!frame.videoBeside)}
          />
          Video beside it
        </label>
      </fieldset>

      <fieldset>
        <legend>Timer</legend>
        ${
          left === null
            ? html`<form
                class="row"
                @submit=${(e: Event) => {
                  e.preventDefault();
                  frame.startTimer(this.minutes, session.clock.now());
                }}
              >
                <label
                  >Minutes
                  <input
                    type="number"
                    min=${TIMER_LIMITS.minMinutes}
                    max=${TIMER_LIMITS.maxMinutes}
                    .value=${String(this.minutes)}
                    @input=${(e: Event) => (this.minutes = Number((e.target as HTMLInputElement).value))}
                    style="width: 6rem"
                  />
                </label>
                <button type="submit">Start timer</button>
              </form>`
            : html`<p
                  style="font-size: 1.6rem; font-variant-numeric: tabular-nums"
                  aria-live="off"
                  data-timer
                >
                  ${clock(left)}
                </p>
                <p role="status" class=${this.warning(left) ? 'warn' : ''}>${this.warning(left)}</p>
                <button @click=${() => frame.stopTimer()}>Stop timer</button>`
        }
      </fieldset>`;
  }
}

if (!customElements.get('attune-console-frame'))
  customElements.define('attune-console-frame', AttuneConsoleFrameElement);
