/**
 * What a participant sees of the session: the modality the therapist chose,
 * video beside it, and the calm screens for waiting, pause and ending.
 * Admission and hold are read from the control document (FrameModel).
 */
import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import '@attune/session/attune-video.js';
import '@attune/session/controls/register.js';
import type { Session, SessionStatus } from '@attune/session';
import { isFacilitator, sessionContext, statusText } from '@attune/session';
import type { Modality } from '@attune/session/controls';
import { FrameModel } from '@attune/session/controls';
import { MODALITY_LABEL, loadModality } from './modalities.js';

export class AttuneDemoStageElement extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
    }
    .screen {
      display: grid;
      place-content: center;
      gap: 0.5rem;
      min-height: 50vh;
      padding: 2rem;
      text-align: center;
      border-radius: var(--attune-radius, 12px);
      background: #e3ece8;
    }
    .screen h2 {
      margin: 0;
      font-size: 1.6rem;
      font-weight: 600;
    }
    .screen p {
      margin: 0;
      max-width: 34rem;
      font-size: 1.15rem;
    }
    .layout {
      display: grid;
      gap: 1rem;
      grid-template-columns: minmax(0, 1fr);
    }
    @media (min-width: 900px) {
      .layout.with-video {
        grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
      }
    }
    .work {
      position: relative;
      min-height: 60vh;
    }
    .paused {
      position: absolute;
      inset: 0;
      min-height: 0;
      background: rgb(227 236 232 / 0.97);
      z-index: 2;
    }
    .banner {
      margin: 0 0 0.75rem;
      padding: 0.5rem 1rem;
      border-radius: var(--attune-radius, 12px);
      background: #fff4d6;
    }
    .placeholder {
      padding: 2rem;
      border: 2px dashed #9aa5ad;
      border-radius: var(--attune-radius, 12px);
      text-align: center;
    }
  `;

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** Turns the instruments' sound on by itself: the page already had the "start sound" gesture. */
  @property({ type: Boolean, attribute: false }) autoSound = false;

  @state() private version = 0;
  @state() private status: SessionStatus = { status: 'connecting' };
  @state() private available: Partial<Record<Modality, boolean>> = {};
  /** The server has no video: give the work the whole width and keep only a short note. */
  @state() private noVideo = false;
  private frame: FrameModel | null = null;
  private bound: Session | undefined;
  private readonly refresh = (): void => void this.version++;
  private readonly onStatus = (status: SessionStatus): void => void (this.status = status);

  protected override willUpdate(): void {
    if (this.session === this.bound) return;
    this.unbind();
    const session = this.session;
    this.bound = session;
    if (!session) return;
    this.frame = new FrameModel(session.docs.control);
    this.frame.on('change', this.refresh);
    session.awareness.on('change', this.refresh);
    session.on('status', this.onStatus);
    this.status = session.status;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unbind();
    this.bound = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  protected override updated(): void {
    if (!this.autoSound) return;
    const instruments = this.renderRoot.querySelector('attune-instrument-space') as
      (HTMLElement & { soundOn?: boolean; startSound?: () => Promise<void> }) | null;
    if (instruments && !instruments.soundOn && !this.soundAsked.has(instruments)) {
      this.soundAsked.add(instruments);
      void instruments.startSound?.();
    }
  }

  private readonly soundAsked = new WeakSet<Element>();

  private unbind(): void {
    this.frame?.destroy();
    this.frame = null;
    this.bound?.awareness.off('change', this.refresh);
    this.bound?.off('status', this.onStatus);
  }

  private screen(title: string, text: string, state: string): unknown {
    return html`<div class="screen" role="status" data-screen=${state}>
      <h2>${title}</h2>
      <p>${text}</p>
    </div>`;
  }

  protected override render(): unknown {
    const session = this.session;
    const frame = this.frame;
    if (!session || !frame) return this.screen('Connecting…', 'Opening your session.', 'connecting');
    if (this.status.status === 'error') {
      return this.screen('The session is closed', statusText(this.status, true), 'closed');
    }
    if (frame.ended) {
      return this.screen(
        'This session has ended',
        'Thank you for coming. You can close this page now.',
        'ended',
      );
    }
    const facilitator = isFacilitator(session.role);
    if (!frame.isAdmitted(session.user.id, session.role)) {
      return this.screen(
        'You are in the waiting room',
        'Your therapist will let you in soon. You can stay on this page; it will open by itself.',
        'waiting',
      );
    }
    const held = frame.held && !facilitator;
    const video = frame.videoBeside;
    return html`${facilitator ? nothing : html`<attune-session-timer></attune-session-timer>`}
      ${
        frame.held && facilitator
          ? html`<p class="banner" role="status">
              You are holding the room: the others see a calm pause screen and their tools are still.
            </p>`
          : nothing
      }
      <div class="layout ${video && !this.noVideo ? 'with-video' : ''}">
        <div class="work">
          <div ?inert=${held}>${this.modality(frame.modality)}</div>
          ${
            held
              ? html`<div class="screen paused" role="status" data-screen="paused">
                  <h2>Your therapist has paused the session</h2>
                  <p>This is a moment to rest and breathe. Everything you made is kept.</p>
                </div>`
              : nothing
          }
        </div>
        ${
          video
            ? html`<aside aria-label="Video">
                <attune-video @attune-video-unavailable=${() => (this.noVideo = true)}></attune-video>
              </aside>`
            : nothing
        }
      </div>`;
  }

  private modality(modality: Modality): unknown {
    const known = this.available[modality];
    if (known === undefined) {
      void loadModality(modality).then((ok) => (this.available = { ...this.available, [modality]: ok }));
      return html`<p class="placeholder">Loading the ${MODALITY_LABEL[modality].toLowerCase()}…</p>`;
    }
    if (!known) {
      return html`<p class="placeholder" data-missing=${modality}>
        The ${MODALITY_LABEL[modality].toLowerCase()} is not available on this page.
      </p>`;
    }
    switch (modality) {
      case 'canvas':
        return html`<attune-canvas></attune-canvas>`;
      case 'music':
        return html`<attune-instrument-space large></attune-instrument-space>`;
      case 'props':
        return html`<attune-prop-board board="main"></attune-prop-board>
          <attune-magic-bag board="main"></attune-magic-bag>`;
    }
  }
}

if (!customElements.get('attune-demo-stage'))
  customElements.define('attune-demo-stage', AttuneDemoStageElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-demo-stage': AttuneDemoStageElement;
  }
}
