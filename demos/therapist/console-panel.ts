/** The base of the console's panels: the session, its frame model, and re-rendering on change. */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Session } from '@attune/session';
import { sessionContext } from '@attune/session';
import { FrameModel } from '@attune/session/controls';
import { panelStyles } from './console.styles.js';

export class ConsolePanel extends LitElement {
  static override styles = [panelStyles];

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** The therapist's bearer token, for the HTTP API. */
  @property({ attribute: false }) token = '';

  @state() protected version = 0;
  protected frame: FrameModel | null = null;
  private bound: Session | undefined;
  private readonly refresh = (): void => void this.version++;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (this.session === this.bound) return;
    this.unbind();
    this.bound = this.session;
    if (!this.session) return;
    this.frame = new FrameModel(this.session.docs.control);
    this.frame.on('change', this.refresh);
    this.session.awareness.on('change', this.refresh);
    this.session.on('status', this.refresh);
    this.bind(this.session);
  }

  /** For subclasses that observe more. */
  protected bind(_session: Session): void {}
  protected unbindMore(_session: Session): void {}

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unbind();
    this.bound = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  private unbind(): void {
    this.frame?.destroy();
    this.frame = null;
    if (this.bound) {
      this.bound.awareness.off('change', this.refresh);
      this.bound.off('status', this.refresh);
      this.unbindMore(this.bound);
    }
  }
}
