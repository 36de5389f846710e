import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Participant, RemoteTrack } from 'livekit-client';
import { Room, RoomEvent, Track } from 'livekit-client';
import { sessionContext } from '../context.js';
import type { PresenceState, Session } from '../session.js';
import { styles } from './attune-video.styles.js';
import { microphoneSettings } from './audio-options.js';
import { fetchVideoToken } from './video-token.js';
import type { VideoToken } from './video-token.js';

type Phase = 'waiting' | 'checking' | 'unavailable' | 'ready' | 'connecting' | 'connected' | 'error';

/**
 * @summary Video beside the creative work, on LiveKit: grid and speaker views,
 * microphone and camera toggles, and a music-grade audio switch. When the
 * server has no video it says so, and everything else keeps working.
 *
 * @event attune-video-join - The local person joined the call.
 * @event attune-video-leave - The local person left the call.
 * @event attune-video-audio-mode - The local person switched speech or music audio.
 * @event attune-video-unavailable - The server has no video for this session.
 * @csspart base - The whole element.
 * @csspart message - The line that says why there is no video.
 * @csspart join - The join button.
 * @csspart tiles - The grid of people.
 * @csspart tile - One person's video; also `local` for oneself.
 * @csspart toolbar - The call controls.
 * @cssproperty --attune-video-tile-background - Behind a tile without a camera.
 */
export class AttuneVideoElement extends LitElement {
  static override styles = styles;

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** A bearer token for the video call other than the session's own (rarely needed). */
  @property() token = '';
  /** `grid` or `speaker`. */
  @property({ reflect: true }) view: 'grid' | 'speaker' = 'grid';
  /** Music-grade audio: no noise suppression, echo cancellation or gain control. */
  @property({ type: Boolean, reflect: true }) music = false;

  @state() private phase: Phase = 'waiting';
  @state() private micOn = true;
  @state() private cameraOn = true;
  @state() private version = 0;
  private room: Room | null = null;
  private video: VideoToken | null = null;
  private forSession: Session | undefined;
  private checkSeq = 0;

  /** Why there is no video, as the server said (for example `video-unavailable`). */
  unavailableCode = '';

  protected override willUpdate(): void {
    if (this.session !== this.forSession) {
      this.forSession = this.session;
      this.leave(false);
      this.video = null;
      this.phase = 'waiting';
      if (this.session) void this.check(this.session);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.leave(false);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the DOM: ask again, the old room was left.
    if (this.forSession && this.phase === 'waiting') void this.check(this.forSession);
  }

  private async check(session: Session): Promise<void> {
    const seq = ++this.checkSeq;
    this.phase = 'checking';
    const result = await fetchVideoToken(session, this.token);
    if (seq !== this.checkSeq || session !== this.session) return;
    if (result.ok) {
      this.video = result.video;
      this.phase = 'ready';
      return;
    }
    this.unavailableCode = result.code;
    this.phase = 'unavailable';
    this.dispatchEvent(
      new CustomEvent('attune-video-unavailable', {
        detail: { code: result.code },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Joins the call; call it from a user gesture so that sound may start. */
  async join(): Promise<void> {
    if (!this.video || this.room || this.session?.role === undefined) return;
    const room = this.createRoom();
    this.room = room;
    this.phase = 'connecting';
    const refresh = (): void => void this.version++;
    // Listeners before connect(), or early tracks are missed.
    room
      .on(RoomEvent.ParticipantConnected, refresh)
      .on(RoomEvent.ParticipantDisconnected, refresh)
      .on(RoomEvent.TrackSubscribed, (track: RemoteTrack) => {
        if (track.kind === Track.Kind.Audio)
          this.renderRoot.querySelector('[part=audio]')?.append(track.attach());
        refresh();
      })
      .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack) => {
        track.detach().forEach((el) => el.remove());
        refresh();
      })
      .on(RoomEvent.LocalTrackPublished, refresh)
      .on(RoomEvent.LocalTrackUnpublished, refresh)
      .on(RoomEvent.TrackMuted, refresh)
      .on(RoomEvent.TrackUnmuted, refresh)
      .on(RoomEvent.ActiveSpeakersChanged, refresh)
      .on(RoomEvent.Disconnected, () => {
        if (this.room === room) this.leave(false);
      });
    try {
      await room.connect(this.video.url, this.video.token);
      await room.startAudio();
      if (this.room !== room) return;
      this.phase = 'connected';
      const canPublish = this.session?.role !== 'observer';
      if (canPublish) {
        const mic = microphoneSettings(this.music);
        await room.localParticipant.setMicrophoneEnabled(this.micOn, mic.capture, mic.publish);
        await room.localParticipant.setCameraEnabled(this.cameraOn);
      }
      this.emitLocal('attune-video-join', { music: this.music });
    } catch {
      if (this.room === room) {
        this.leave(false);
        this.phase = 'error';
      }
    }
  }

  /** The LiveKit room; a seam for tests, as no LiveKit server runs in them. */
  protected createRoom(): Room {
    return new Room({ adaptiveStream: true, dynacast: true });
  }

  /** Leaves the call. Idempotent. */
  leave(announce = true): void {
    const room = this.room;
    if (!room) return;
    this.room = null;
    void room.disconnect();
    if (this.phase === 'connected' || this.phase === 'connecting')
      this.phase = this.video ? 'ready' : 'waiting';
    if (announce) this.emitLocal('attune-video-leave', {});
  }

  private emitLocal(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private async toggleMic(): Promise<void> {
    this.micOn = !this.micOn;
    const mic = microphoneSettings(this.music);
    await this.room?.localParticipant.setMicrophoneEnabled(this.micOn, mic.capture, mic.publish);
  }

  private async toggleCamera(): Promise<void> {
    this.cameraOn = !this.cameraOn;
    await this.room?.localParticipant.setCameraEnabled(this.cameraOn);
  }

  private async toggleMusic(): Promise<void> {
    this.music = !this.music;
    this.emitLocal('attune-video-audio-mode', { music: this.music });
    const local = this.room?.localParticipant;
    const track = local?.getTrackPublication(Track.Source.Microphone)?.track;
    if (!local || !track || !this.micOn) return;
    // Capture constraints apply when a track is created: publish a new one.
    await local.unpublishTrack(track);
    const mic = microphoneSettings(this.music);
    await local.setMicrophoneEnabled(true, mic.capture, mic.publish);
  }

  private nameOf(identity: string): string {
    for (const state of this.session?.awareness.getStates().values() ?? []) {
      const user = (state as Partial<PresenceState>).user;
      if (user?.id === identity) return user.name || user.role;
    }
    return 'Guest';
  }

  protected override updated(): void {
    const room = this.room;
    if (!room || this.phase !== 'connected') return;
    for (const tile of this.renderRoot.querySelectorAll<HTMLElement>('[data-identity]')) {
      const identity = tile.dataset.identity ?? '';
      const who: Participant | undefined =
        identity === room.localParticipant.identity
          ? room.localParticipant
          : room.getParticipantByIdentity(identity);
      const track = who?.getTrackPublication(Track.Source.Camera)?.videoTrack;
      const el = tile.querySelector('video');
      if (track && el && !track.attachedElements.includes(el)) track.attach(el);
    }
  }

  protected override render(): unknown {
    return html`<section part="base" aria-label="Video">
      ${this.body()}
      <div part="audio"></div>
    </section>`;
  }

  private body(): unknown {
    switch (this.phase) {
      case 'waiting':
      case 'checking':
        return html`<p part="message" role="status">Getting video ready…</p>`;
      case 'unavailable':
        return html`<p part="message" role="status">
          Video is not available in this session. Everything else keeps working.
        </p>`;
      case 'error':
        return html`<p part="message" role="status">Video could not start. Everything else keeps working.</p>
          <button part="join" @click=${() => void this.join()}>Try video again</button>`;
      case 'ready':
        return html`<button part="join" @click=${() => void this.join()}>Join video</button>`;
      case 'connecting':
        return html`<p part="message" role="status">Joining video…</p>`;
      case 'connected':
        return html`${this.tiles()}${this.toolbar()}`;
    }
  }

  private tiles(): unknown {
    const room = this.room!;
    const people: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    const speaking = new Set(room.activeSpeakers.map((p) => p.identity));
    const main = this.view === 'speaker' ? (room.activeSpeakers[0] ?? people[1] ?? people[0]) : null;
    const ordered = main ? [main, ...people.filter((p) => p !== main)] : people;
    return html`<div part="tiles" class=${this.view} data-version=${this.version}>
      ${ordered.map((p) => {
        const local = p === room.localParticipant;
        const name = local ? 'You' : this.nameOf(p.identity);
        return html`<figure
          part=${local ? 'tile local' : 'tile'}
          class="${p === main ? 'main' : ''} ${speaking.has(p.identity) ? 'speaking' : ''}"
          data-identity=${p.identity}
        >
          <video playsinline autoplay .muted=${true} aria-label=${`${name}'s camera`}></video>
          <figcaption>${name}</figcaption>
        </figure>`;
      })}
    </div>`;
  }

  private toolbar(): unknown {
    const publish = this.session?.role !== 'observer';
    return html`<div part="toolbar" role="toolbar" aria-label="Video controls">
      ${
        publish
          ? html`<button aria-pressed=${String(this.micOn)} @click=${() => void this.toggleMic()}>
                Microphone
              </button>
              <button aria-pressed=${String(this.cameraOn)} @click=${() => void this.toggleCamera()}>
                Camera
              </button>
              <button
                role="switch"
                aria-checked=${String(this.music)}
                title="For playing music: no noise suppression, echo cancellation or automatic volume. Use headphones."
                @click=${() => void this.toggleMusic()}
              >
                Music sound
              </button>`
          : nothing
      }
      <button @click=${() => (this.view = this.view === 'grid' ? 'speaker' : 'grid')}>
        ${this.view === 'grid' ? 'Speaker view' : 'Grid view'}
      </button>
      <button @click=${() => this.leave()}>Leave video</button>
    </div>`;
  }
}
