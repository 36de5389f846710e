import { provide } from '@lit/context';
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { sessionContext } from '../context.js';
import { FrameModel } from '../controls/frame-model.js';
import type { SessionStatusDetail } from '../events.js';
import { Session } from '../session.js';
import type { SaveStatus, SessionStatus } from '../status.js';
import { styles } from './attune-session.styles.js';
import { statusText } from './status-text.js';

/**
 * @summary The root of an Attune session: connects, and provides the session
 * to every Attune component inside it.
 *
 * @slot - The components of the session.
 * @event attune-session-status - The connection status or saved state changed.
 * @csspart status - The line that says how the connection stands.
 * @csspart indicator - The coloured dot beside it.
 * @cssproperty --attune-session-status-background - Background of the status line.
 */
export class AttuneSessionElement extends LitElement {
  static override styles = styles;

  /** `ws(s)://host/sync`; the page's own origin when absent. */
  @property() server = '';
  /** The session id. */
  @property({ attribute: 'session' }) sessionId = '';
  /** The bearer token. */
  @property() token = '';
  /** Keeps the status line for screen readers only. */
  @property({ type: Boolean, reflect: true, attribute: 'status-hidden' }) statusHidden = false;

  /** The Session it provides to the components inside it; undefined until it has a session id and a token. */
  @provide({ context: sessionContext })
  @state()
  session: Session | undefined;

  @state() private status: SessionStatus = { status: 'connecting' };
  @state() private saved = true;
  @state() private save: SaveStatus = { status: 'saving' };
  /** Connected, and in the waiting room: the control room synced and says "not admitted yet". */
  @state() private waiting = false;

  private pendingTeardown = false;
  private stopWatchingAdmission: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Moving the element in the DOM disconnects and reconnects it at once: keep the session.
    this.pendingTeardown = false;
    // Put back after its session was torn down: nothing else would ask for an update to open one.
    if (!this.session) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pendingTeardown = true;
    queueMicrotask(() => {
      if (this.pendingTeardown) this.teardown();
    });
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('server') || changed.has('sessionId') || changed.has('token')) {
      this.teardown();
    }
    if (!this.session && this.isConnected && this.sessionId && this.token) this.open();
  }

  private open(): void {
    const session = new Session({
      sid: this.sessionId,
      token: this.token,
      ...(this.server ? { server: this.server } : {}),
    });
    this.session = session;
    this.status = session.status;
    this.saved = session.saved;
    session.on('status', (status) => {
      this.status = status;
      this.announce();
    });
    session.on('saved', (saved) => {
      this.saved = saved;
      this.announce();
    });
    session.on('save-status', (save) => {
      this.save = save;
      this.announce();
    });
    this.watchAdmission(session);
    this.announce();
  }

  /**
   * A person in the waiting room receives the control document but nothing of
   * the shared work, so the session stays "connecting" until they are let in.
   * The control document says why: tell them they are connected and waiting.
   */
  private watchAdmission(session: Session): void {
    const control = session.provider('control');
    if (!control) return;
    const frame = new FrameModel(session.docs.control);
    const check = (): void => {
      const waiting = control.synced && !frame.isAdmitted(session.user.id, session.role);
      if (waiting !== this.waiting) {
        this.waiting = waiting;
        this.announce();
      }
    };
    frame.on('change', check);
    control.on('sync', check);
    this.stopWatchingAdmission = () => {
      control.off('sync', check);
      frame.destroy();
    };
    check();
  }

  private teardown(): void {
    this.pendingTeardown = false;
    this.stopWatchingAdmission?.();
    this.stopWatchingAdmission = null;
    this.waiting = false;
    this.session?.destroy();
    this.session = undefined;
    this.status = { status: 'connecting' };
    this.saved = true;
    this.save = { status: 'saving' };
  }

  private announce(): void {
    this.dispatchEvent(
      new CustomEvent<SessionStatusDetail>('attune-session-status', {
        detail: { status: this.status, saved: this.saved, save: this.save },
        bubbles: true,
        composed: true,
      }),
    );
  }

  protected override render(): unknown {
    return html`
      <div
        part="status"
        role="status"
        aria-live="polite"
        data-state=${this.waiting && this.status.status === 'connecting' ? 'waiting' : this.status.status}
        data-save=${this.save.status}
      >
        <span part="indicator" aria-hidden="true"></span>
        <span>${statusText(this.status, this.saved, this.save, this.waiting)}</span>
      </div>
      <slot></slot>
    `;
  }
}
