/**
 * Binds a control element to the session's frame: the FrameModel on the
 * control document, presence, and (when asked) a once-a-second shared clock.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PresenceState, Session, SessionUser } from '../session.js';
import { FrameModel } from './frame-model.js';

export class FrameController implements ReactiveController {
  frame: FrameModel | null = null;
  /** Shared-clock time, refreshed every second when `ticking`. */
  now = 0;
  private session: Session | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly refresh = (): void => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ticking = false,
  ) {
    host.addController(this);
  }

  /** Call from the host's `willUpdate` with its current session. */
  use(session: Session | undefined): void {
    if (session === this.session) return;
    this.unbind();
    this.session = session;
    if (this.host instanceof HTMLElement && !this.host.isConnected) return;
    this.bind();
  }

  /** Everyone present, once each (a person may have several tabs). */
  people(): SessionUser[] {
    const seen = new Map<string, SessionUser>();
    for (const value of this.session?.awareness.getStates().values() ?? []) {
      const user = (value as Partial<PresenceState>).user;
      if (
        user &&
        typeof user.id === 'string' &&
        typeof user.name === 'string' &&
        typeof user.role === 'string'
      )
        seen.set(user.id, user);
    }
    return [...seen.values()];
  }

  hostConnected(): void {
    if (this.session && !this.frame) this.bind();
  }

  hostDisconnected(): void {
    this.unbind();
  }

  private bind(): void {
    const session = this.session;
    if (!session || this.frame) return;
    this.frame = new FrameModel(session.docs.control);
    this.frame.on('change', this.refresh);
    session.awareness.on('change', this.refresh);
    if (this.ticking) {
      this.now = session.clock.now();
      this.ticker = setInterval(() => {
        this.now = session.clock.now();
        this.host.requestUpdate();
      }, 1000);
    }
    this.host.requestUpdate();
  }

  private unbind(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.frame?.destroy();
    this.frame = null;
    this.session?.awareness.off('change', this.refresh);
  }
}
