/**
 * What a participant sees of the session: the modality the therapist chose,
 * filling the box the page gives it, video beside it (under it on a phone)
 * and never over it, and the calm screens for waiting, pause and ending. Admission and
 * hold are read from the control document (FrameModel).
 *
 * The page gives this element a box (a grid or flex cell with `min-height: 0`);
 * the stage cell inside (`[data-stage-cell]`) takes all of it but a thin
 * margin, and the modality's element fills the cell (`height: 100%`).
 * Each modality's code, and LiveKit's, loads when it is first shown.
 */
import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ChevronDown, Video, VideoOff } from 'lucide';
import '@attune/session/controls/register.js';
import type { Session, SessionStatus } from '@attune/session';
import { isFacilitator, sessionContext, statusText } from '@attune/session';
import type { Modality } from '@attune/session/controls';
import { FrameModel } from '@attune/session/controls';
import { icon } from '@attune/session/ui';
import { chromeStyles } from './chrome.styles.js';
import { MODALITY_LABEL, loadModality, loadVideo } from './modalities.js';
import { remember, remembered } from './preferences.js';

const VIDEO_OPEN = 'attune.videoOpen';

export class AttuneDemoStageElement extends LitElement {
  static override styles = [
    chromeStyles,
    css`
      :host {
        display: block;
        position: relative;
        block-size: 100%;
        min-block-size: 0;
      }
      .stage {
        position: relative;
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        block-size: 100%;
        padding: 0.5rem;
      }
      .screen {
        display: grid;
        place-content: center;
        gap: 0.75rem;
        block-size: 100%;
        padding: 2rem;
        text-align: center;
        border-radius: 20px;
        background: #e3ece8;
      }
      .screen h2 {
        margin: 0;
        font-size: 1.6rem;
        font-weight: 600;
      }
      .screen p {
        margin: 0 auto;
        max-inline-size: 34rem;
        font-size: 1.15rem;
      }
      .work {
        position: relative;
        flex: 1 1 auto;
        min-block-size: 0;
        display: grid;
        grid-template: minmax(0, 1fr) / minmax(0, 1fr);
        border-radius: 16px;
        background: var(--_surface);
        box-shadow: 0 1px 4px rgb(31 41 51 / 0.08);
        /* Until an element fills its box itself, its content stays reachable here, not on the page. */
        overflow: auto;
      }
      .work > .content {
        display: grid;
        grid-template: minmax(0, 1fr) / minmax(0, 1fr);
        min-block-size: 0;
      }
      .content > :is(attune-canvas, attune-instrument-space, attune-prop-board) {
        inline-size: 100%;
        block-size: 100%;
        min-block-size: 0;
      }
      /* The bag is one strip above the board, so the tray keeps the whole width. */
      .content.props {
        grid-template: auto minmax(0, 1fr) / minmax(0, 1fr);
      }
      .content.props attune-magic-bag {
        grid-row: 1;
        margin-block-end: 0.5rem;
        justify-self: start;
        max-inline-size: 100%;
      }
      .content.props attune-prop-board {
        grid-row: 2;
      }
      /* A client sees the bag once the therapist has put something in it: until then the tray has the room. */
      .content.props.client attune-magic-bag[empty] {
        display: none;
      }
      .paused {
        position: absolute;
        inset: 0;
        block-size: auto;
        background: rgb(227 236 232 / 0.97);
        z-index: 2;
      }
      .banner {
        flex: none;
        margin: 0;
        padding: 0.4rem 1rem;
        border-radius: 12px;
        background: #fff4d6;
        font-size: 0.95rem;
      }
      .notice {
        position: absolute;
        inset-block-start: 1rem;
        inset-inline: 0;
        z-index: 3;
        display: flex;
        justify-content: center;
        pointer-events: none;
      }
      .notice attune-session-timer::part(warning) {
        margin: 0;
        padding: 0.35rem 1rem;
        border-radius: 999px;
        background: #fff4d6;
        box-shadow: 0 2px 8px rgb(31 41 51 / 0.12);
      }
      .placeholder {
        margin: auto;
        padding: 2rem;
        color: var(--_muted);
        text-align: center;
      }
      /*
       * The work and the video share the stage without overlapping: a page's corner is never
       * under a video tile. Wide: video is a column beside the work; narrow: a row under it.
       * Folded, only its button stays.
       */
      .main {
        flex: 1 1 auto;
        min-block-size: 0;
        display: flex;
        gap: 0.5rem;
      }
      .main > .work {
        flex: 1 1 auto;
        min-inline-size: 0;
      }
      .video {
        flex: 0 0 auto;
        display: flex;
        flex-direction: column;
        justify-content: flex-end;
        align-items: stretch;
        gap: 0.4rem;
        min-block-size: 0;
      }
      .video .panel {
        inline-size: 15rem;
        min-block-size: 0;
        overflow: auto;
        padding: 0.5rem;
        border-radius: 16px;
        background: var(--_surface);
        box-shadow: 0 1px 4px rgb(31 41 51 / 0.08);
        font-size: 0.9rem;
      }
      .video .panel[hidden] {
        display: none;
      }
      .video attune-video::part(message) {
        margin: 0;
        padding: 0.25rem 0.4rem;
      }
      .video attune-video::part(tiles) {
        gap: 0.4rem;
      }
      .video .chip {
        align-self: flex-end;
      }
      /* Folded, the button is only its icon, so the work keeps nearly all the width. */
      .video .chip.folded {
        padding: 0;
        inline-size: var(--_target);
      }
      .video .chip.folded .label {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      @media (max-width: 700px), (max-aspect-ratio: 3/4) {
        .main {
          flex-direction: column;
        }
        .video {
          flex-direction: row-reverse;
          align-items: flex-end;
        }
        .video .panel {
          flex: 1 1 auto;
          inline-size: auto;
          max-block-size: 30vh;
        }
      }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** Turns the instruments' sound on by itself: the page already had the "start sound" gesture. */
  @property({ type: Boolean, attribute: false }) autoSound = false;

  @state() private version = 0;
  @state() private status: SessionStatus = { status: 'connecting' };
  @state() private available: Partial<Record<Modality, boolean>> = {};
  /** Whether `<attune-video>` is defined: undefined while it loads. */
  @state() private videoLoaded: boolean | undefined;
  /** Open by default where there is room beside the work; a phone starts with it folded. */
  @state() private videoOpen = remembered(
    VIDEO_OPEN,
    !globalThis.matchMedia?.('(max-width: 700px), (max-aspect-ratio: 3/4)').matches,
  );
  /** The server has no video: the panel is folded to its button until someone opens the note. */
  @state() private noVideo = false;
  /** Whether the server offers video (`/api/features`); undefined until it said. */
  @state() private videoOffered: boolean | undefined;
  private featuresAsked = false;
  @state() private noteOpen = false;
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
    return html`<div class="stage">
      <div class="screen" role="status" data-screen=${state}>
        <h2>${title}</h2>
        <p>${text}</p>
      </div>
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
        'You are connected. Your therapist will let you in soon. You can stay on this page; it will open by itself.',
        'waiting',
      );
    }
    const held = frame.held && !facilitator;
    return html`<div class="stage">
      ${
        frame.held && facilitator
          ? html`<p class="banner" role="status">
              You are holding the room: the others see a calm pause screen and their tools are still.
            </p>`
          : nothing
      }
      <div class="main">
        <div class="work" part="work" data-stage-cell data-modality=${frame.modality}>
          <div class="content ${frame.modality} ${facilitator ? 'facilitator' : 'client'}" ?inert=${held}>
            ${this.modality(frame.modality)}
          </div>
          ${
            held
              ? html`<div class="screen paused" role="status" data-screen="paused">
                  <h2>Your therapist has paused the session</h2>
                  <p>This is a moment to rest and breathe. Everything you made is kept.</p>
                </div>`
              : nothing
          }
        </div>
        ${frame.videoBeside ? this.video() : nothing}
      </div>
      ${facilitator ? nothing : html`<div class="notice"><attune-session-timer></attune-session-timer></div>`}
    </div>`;
  }

  /** Asks the server once whether it offers video; LiveKit's code loads only if it does. */
  private askFeatures(session: Session): void {
    if (this.featuresAsked) return;
    this.featuresAsked = true;
    void session
      .fetchApi('/api/features')
      .then((r) => (r.ok ? (r.json() as Promise<{ video?: unknown }>) : null))
      .then(
        (body) => (this.videoOffered = body?.video !== false),
        () => (this.videoOffered = true),
      );
  }

  private video(): unknown {
    if (this.session) this.askFeatures(this.session);
    if (this.videoOffered && this.videoLoaded === undefined)
      void loadVideo().then((ok) => (this.videoLoaded = ok));
    const unavailable = this.noVideo || this.videoOffered === false || this.videoLoaded === false;
    const open = unavailable ? this.noteOpen : this.videoOpen;
    const label = unavailable
      ? open
        ? 'Hide the video note'
        : 'No video'
      : open
        ? 'Hide video'
        : 'Show video';
    return html`<div class="video">
      <div class="panel" id="video-panel" ?hidden=${!open}>
        ${
          this.videoOffered === false
            ? html`<p role="status">
                Video is not available in this session. Everything else keeps working.
              </p>`
            : this.videoLoaded
              ? html`<attune-video @attune-video-unavailable=${() => (this.noVideo = true)}></attune-video>`
              : html`<p role="status">
                  ${
                    this.videoLoaded === false
                      ? 'Video is not available on this page. Everything else keeps working.'
                      : 'Getting video ready…'
                  }
                </p>`
        }
      </div>
      <button
        class="chip compact ${open ? '' : 'folded'}"
        type="button"
        aria-expanded=${String(open)}
        aria-controls="video-panel"
        aria-label=${label}
        title=${label}
        @click=${() => {
          if (unavailable) {
            this.noteOpen = !open;
            return;
          }
          this.videoOpen = !open;
          remember(VIDEO_OPEN, this.videoOpen);
        }}
      >
        ${icon(unavailable ? VideoOff : open ? ChevronDown : Video)}<span class="label">${label}</span>
      </button>
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
        return html`<attune-instrument-space></attune-instrument-space>`;
      case 'props':
        return html`<attune-magic-bag board="main"></attune-magic-bag>
          <attune-prop-board board="main"></attune-prop-board>`;
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
