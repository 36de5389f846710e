/**
 * The running console: a slim bar (title, connection and save state, the
 * console switch, larger controls, leave), the stage filling the rest, and
 * the console's sections in a side panel that folds away with one button
 * (remembered in this browser). On a narrow screen the panel lies over the
 * stage. Loaded only once a session is open.
 */
import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LogOut, PanelRightClose, PanelRightOpen } from 'lucide';
import '@attune/session/attune-session.js';
import type { Session } from '@attune/session';
import { sessionContext } from '@attune/session';
import { FrameController, needsAdmission } from '@attune/session/controls';
import { icon } from '@attune/session/ui';
import '../shared/attune-demo-stage.js';
import '../shared/attune-large-controls.js';
import { chromeStyles } from '../shared/chrome.styles.js';
import { remember, remembered } from '../shared/preferences.js';
import { roomStyles } from '../shared/room.styles.js';
import './console-end.js';
import './console-frame.js';
import './console-invites.js';
import './console-notes.js';
import './console-people.js';
import { leaveConfirm } from '../shared/leave-confirm.js';

const CONSOLE_OPEN = 'attune.consoleOpen';

/** "2 waiting": shown in the bar while the console is folded away, so nobody waits unseen. */
export class AttuneConsoleWaitingElement extends LitElement {
  static override styles = [
    chromeStyles,
    css`
      :host {
        display: contents;
      }
      .badge {
        padding: 0.15rem 0.7rem;
        border-radius: 999px;
        background: #fff4d6;
        font-size: 0.85rem;
        font-weight: 600;
        white-space: nowrap;
      }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  private readonly ctl = new FrameController(this);

  protected override willUpdate(): void {
    this.ctl.use(this.session);
  }

  protected override render(): unknown {
    const frame = this.ctl.frame;
    if (!frame) return nothing;
    const waiting = this.ctl
      .people()
      .filter((p) => needsAdmission(p.role) && !frame.isAdmitted(p.id, p.role)).length;
    return waiting > 0 ? html`<span class="badge" role="status">${waiting} waiting</span>` : nothing;
  }
}

if (!customElements.get('attune-console-waiting'))
  customElements.define('attune-console-waiting', AttuneConsoleWaitingElement);

export class AttuneConsoleRoomElement extends LitElement {
  static override styles = [
    chromeStyles,
    roomStyles,
    css`
      :host {
        display: block;
      }
      .body {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
      }
      .body > main {
        min-inline-size: 0;
        min-block-size: 0;
      }
      aside {
        inline-size: clamp(17rem, 23vw, 19rem);
        min-block-size: 0;
        overflow-y: auto;
        overscroll-behavior: contain;
        display: grid;
        /* Cards take the panel's width and wrap their rows, never wider than the panel. */
        grid-template-columns: minmax(0, 1fr);
        align-content: start;
        gap: 0.75rem;
        padding: 0.5rem 0.75rem 0.75rem 0.25rem;
      }
      aside[hidden] {
        display: none;
      }
      @media (max-width: 900px) {
        .body {
          grid-template-columns: minmax(0, 1fr);
        }
        aside {
          position: absolute;
          inset-block: 0;
          inset-inline-end: 0;
          z-index: 5;
          inline-size: min(100%, 26rem);
          padding: 0.75rem;
          background: var(--demo-background, #eef3f1);
          box-shadow: -8px 0 24px rgb(31 41 51 / 0.18);
        }
      }
    `,
  ];

  @property({ attribute: false }) token = '';
  @property({ attribute: false }) sid = '';

  @state() private open = remembered(CONSOLE_OPEN, true);

  private toggle(): void {
    this.open = !this.open;
    remember(CONSOLE_OPEN, this.open);
  }

  private leave(): void {
    this.renderRoot.querySelector<HTMLElement>('#leave-confirm')?.hidePopover();
    this.dispatchEvent(new CustomEvent('attune-room-leave', { bubbles: true, composed: true }));
  }

  protected override render(): unknown {
    const open = this.open;
    return html`<attune-session class="room" session=${this.sid} .token=${this.token}>
      <header class="bar">
        <div class="title">
          <img src="/favicon.svg" alt="" />
          <h1>Session console</h1>
        </div>
        <div class="actions">
          ${open ? nothing : html`<attune-console-waiting></attune-console-waiting>`}
          <button
            class="chip compact"
            type="button"
            aria-expanded=${String(open)}
            aria-controls="console"
            @click=${() => this.toggle()}
          >
            ${icon(open ? PanelRightClose : PanelRightOpen)}<span class="label">Console</span>
          </button>
          <attune-large-controls compact></attune-large-controls>
          <button class="chip compact" type="button" popovertarget="leave-confirm">
            ${icon(LogOut)}<span class="label">Leave</span>
          </button>
        </div>
      </header>
      <div class="body">
        <main aria-label="Session stage"><attune-demo-stage></attune-demo-stage></main>
        <aside id="console" aria-label="Session controls" ?hidden=${!open}>
          <attune-console-frame .token=${this.token}></attune-console-frame>
          <attune-console-people .token=${this.token}></attune-console-people>
          <attune-console-invites .token=${this.token}></attune-console-invites>
          <attune-console-notes .token=${this.token}></attune-console-notes>
          <attune-console-end .token=${this.token}></attune-console-end>
        </aside>
      </div>
      ${leaveConfirm('Leave the console?', 'The session stays open for the others. To come back, open your therapist link again, or create a new session.', () => this.leave())}
    </attune-session>`;
  }
}

if (!customElements.get('attune-console-room'))
  customElements.define('attune-console-room', AttuneConsoleRoomElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-console-room': AttuneConsoleRoomElement;
    'attune-console-waiting': AttuneConsoleWaitingElement;
  }
}
