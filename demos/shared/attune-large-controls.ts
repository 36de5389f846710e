/**
 * The "Larger controls" switch: 56 px targets and larger text on the whole
 * page, for people who find small buttons hard to see or to hit. The choice
 * is kept in this browser for next time.
 */
import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ALargeSmall } from 'lucide';
import { icon } from '@attune/session/ui';
import { chromeStyles } from './chrome.styles.js';
import { largeControls, setLargeControls } from './preferences.js';

export class AttuneLargeControlsElement extends LitElement {
  static override styles = [
    chromeStyles,
    css`
      :host {
        display: inline-block;
      }
    `,
  ];

  /** Icon only on narrow screens (in a bar); the accessible name stays. */
  @property({ type: Boolean }) compact = false;

  @state() private on = largeControls();

  protected override render(): unknown {
    return html`<button
      class="chip ${this.compact ? 'compact' : ''}"
      type="button"
      aria-pressed=${String(this.on)}
      @click=${() => {
        this.on = !this.on;
        setLargeControls(this.on);
      }}
    >
      ${icon(ALargeSmall)}<span class="label">Larger controls</span>
    </button>`;
  }
}

if (!customElements.get('attune-large-controls'))
  customElements.define('attune-large-controls', AttuneLargeControlsElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-large-controls': AttuneLargeControlsElement;
  }
}
