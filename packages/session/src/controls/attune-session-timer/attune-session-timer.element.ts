import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { sessionContext } from '../../context.js';
import { isFacilitator } from '../../protocol/access.js';
import type { Session } from '../../session.js';
import { controlStyles } from '../controls.styles.js';
import { emit } from '../events.js';
import { FrameController } from '../frame-controller.js';
import { ENDING_WARNINGS, TIMER_LIMITS } from '../frame-model.js';

/** `m:ss` */
export function formatRemaining(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The facilitator's ending warning for `left` ms, or '' when none is due. */
export function endingWarning(left: number): string {
  if (left === 0) return 'Time is up. Time to close the session.';
  const due = [...ENDING_WARNINGS].sort((a, b) => a - b).find((m) => left <= m * 60_000);
  if (!due) return '';
  return `${due === 1 ? 'One minute' : `${due} minutes`} or less left: time to warn the group.`;
}

/**
 * @summary The session timer on the shared clock. Facilitators start and stop
 * it and are warned at 10, 5 and 1 minutes; everyone else sees a gentle note
 * in the last five minutes only.
 *
 * @event attune-timer-start - The local facilitator started the timer.
 * @event attune-timer-stop - The local facilitator stopped it.
 * @csspart remaining - The time left, for facilitators.
 * @csspart warning - The ending warning or the gentle note.
 */
export class AttuneSessionTimerElement extends LitElement {
  static override styles = controlStyles;

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** Minutes offered when the timer is started. */
  @property({ type: Number }) minutes = 50;

  @state() private chosen = 0;
  private readonly ctl = new FrameController(this, true);

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    this.ctl.use(this.session);
    if (changed.has('minutes')) this.chosen = this.minutes;
  }

  private start(event: Event): void {
    event.preventDefault();
    const frame = this.ctl.frame;
    const session = this.session;
    const minutes = Math.round(this.chosen);
    if (!frame || !session || !(minutes >= TIMER_LIMITS.minMinutes && minutes <= TIMER_LIMITS.maxMinutes))
      return;
    frame.startTimer(minutes, session.clock.now());
    emit(this, 'attune-timer-start', { minutes });
  }

  private stop(): void {
    this.ctl.frame?.stopTimer();
    emit(this, 'attune-timer-stop', {});
  }

  protected override render(): unknown {
    const frame = this.ctl.frame;
    const session = this.session;
    if (!frame || !session) return nothing;
    const left = frame.remaining(this.ctl.now);
    if (!isFacilitator(session.role)) {
      if (left === null || left > 5 * 60_000) return nothing;
      const m = Math.max(1, Math.round(left / 60_000));
      const text =
        left === 0 ? 'Our time is up for today.' : `About ${m} ${m === 1 ? 'minute' : 'minutes'} left.`;
      return html`<p part="warning" class="warn" role="status">${text}</p>`;
    }
    if (left === null) {
      return html`<form
        @submit=${(e: Event) => this.start(e)}
        style="display: flex; gap: 0.5rem; align-items: end"
      >
        <label style="display: grid; gap: 0.25rem; font-weight: 600"
          >Minutes
          <input
            type="number"
            min=${TIMER_LIMITS.minMinutes}
            max=${TIMER_LIMITS.maxMinutes}
            .value=${String(this.chosen)}
            @input=${(e: Event) => (this.chosen = Number((e.target as HTMLInputElement).value))}
            style="inline-size: 6rem"
          />
        </label>
        <button type="submit">Start timer</button>
      </form>`;
    }
    const warning = endingWarning(left);
    return html`<p part="remaining" style="font-size: 1.6rem; font-variant-numeric: tabular-nums">
        ${formatRemaining(left)}
      </p>
      <p part="warning" role="status" class=${warning ? 'warn' : ''}>${warning}</p>
      <button @click=${() => this.stop()}>Stop timer</button>`;
  }
}
