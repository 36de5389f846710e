/**
 * The client's room: a slim bar (where they are, the connection and save
 * state, larger controls, leave) and the work filling the rest of the window.
 * Loaded when the person leaves the welcome step: it brings the session
 * (Yjs, providers) and the stage, which loads each modality when shown.
 */
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { LogOut } from 'lucide';
import '@attune/session/attune-session.js';
import { icon } from '@attune/session/ui';
import '../shared/attune-demo-stage.js';
import '../shared/attune-large-controls.js';
import { chromeStyles } from '../shared/chrome.styles.js';
import { roomStyles } from '../shared/room.styles.js';
import { leaveConfirm } from '../shared/leave-confirm.js';

export class AttuneJoinRoomElement extends LitElement {
  static override styles = [
    chromeStyles,
    roomStyles,
    css`
      :host {
        display: block;
      }
      main {
        block-size: 100%;
      }
    `,
  ];

  @property({ attribute: false }) token = '';
  @property({ attribute: false }) sid = '';
  /** The join page already had the "start sound" gesture. */
  @property({ type: Boolean, attribute: false }) autoSound = false;

  private leave(): void {
    this.renderRoot.querySelector<HTMLElement>('#leave-confirm')?.hidePopover();
    this.dispatchEvent(new CustomEvent('attune-room-leave', { bubbles: true, composed: true }));
  }

  protected override render(): unknown {
    return html`<attune-session class="room" session=${this.sid} .token=${this.token}>
      <header class="bar">
        <div class="title">
          <img src="/favicon.svg" alt="" />
          <h1 tabindex="-1">Your session</h1>
        </div>
        <div class="actions">
          <attune-large-controls compact></attune-large-controls>
          <button class="chip compact" type="button" popovertarget="leave-confirm">
            ${icon(LogOut)}<span class="label">Leave</span>
          </button>
        </div>
      </header>
      <main class="body" aria-label="Your session">
        <attune-demo-stage .autoSound=${this.autoSound}></attune-demo-stage>
      </main>
      ${leaveConfirm('Leave the session?', 'Your work stays here. You can come back while the session is on.', () => this.leave())}
    </attune-session>`;
  }
}

if (!customElements.get('attune-join-room')) customElements.define('attune-join-room', AttuneJoinRoomElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-join-room': AttuneJoinRoomElement;
  }
}
