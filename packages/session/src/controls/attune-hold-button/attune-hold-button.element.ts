import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { sessionContext } from '../../context.js';
import { isFacilitator } from '../../protocol/access.js';
import type { Session } from '../../session.js';
import { controlStyles } from '../controls.styles.js';
import { emit } from '../events.js';
import { FrameController } from '../frame-controller.js';

/**
 * @summary "Hold the room": freezes the canvas, instruments and props for
 * everyone but facilitators, who keep working. Renders nothing for others.
 *
 * @event attune-hold-change - The local facilitator held or released the room.
 * @csspart button - The toggle.
 * @csspart hint - The line that says what holding does.
 */
export class AttuneHoldButtonElement extends LitElement {
  static override styles = controlStyles;

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  private readonly ctl = new FrameController(this);

  /** True while the room is held. */
  get held(): boolean {
    return this.ctl.frame?.held ?? false;
  }

  protected override willUpdate(): void {
    this.ctl.use(this.session);
  }

  private toggle(): void {
    const frame = this.ctl.frame;
    if (!frame) return;
    const hold = !frame.held;
    frame.setHold(hold);
    emit(this, 'attune-hold-change', { hold });
  }

  protected override render(): unknown {
    if (!this.session || !this.ctl.frame || !isFacilitator(this.session.role)) return nothing;
    const held = this.ctl.frame.held;
    return html`<button part="button" class="hold" aria-pressed=${String(held)} @click=${() => this.toggle()}>
        ${held ? 'Release the room' : 'Hold the room'}
      </button>
      <p part="hint" class="muted">
        ${held ? 'Everyone else sees a calm pause screen; their tools are still.' : 'Everyone can work.'}
      </p>`;
  }
}
