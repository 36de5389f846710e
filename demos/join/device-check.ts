/**
 * The camera and microphone check: a preview, a sound level bar, and plain
 * help when the browser or the device says no. Nothing is recorded or sent.
 */
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';

type Problem = 'blocked' | 'missing' | 'busy' | 'unsupported' | 'other';

const HELP: Record<Problem, string> = {
  blocked:
    'Your browser is not allowing the camera or microphone. Look for a camera symbol near the address bar, choose "Allow", then press "Check again".',
  missing:
    'No camera or microphone was found. If you use a headset or webcam, plug it in and press "Check again".',
  busy: 'Another app is using the camera. Close video apps (such as other calls), then press "Check again".',
  unsupported: 'This browser cannot use a camera here. Try a recent Chrome, Edge, Firefox or Safari.',
  other: 'The camera or microphone did not start. You can carry on without them.',
};

function problemOf(error: unknown): Problem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'blocked';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'other';
}

export class AttuneDeviceCheckElement extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 1rem;
    }
    video {
      width: min(100%, 22rem);
      aspect-ratio: 4 / 3;
      border-radius: 12px;
      background: #1f2933;
      object-fit: cover;
    }
    .meter {
      height: 16px;
      width: min(100%, 22rem);
      border-radius: 8px;
      background: #d5dfdb;
      overflow: hidden;
    }
    .meter span {
      display: block;
      height: 100%;
      background: #2f6b5f;
    }
    .help {
      margin: 0;
      padding: 0.75rem 1rem;
      border-radius: 12px;
      background: #fff4d6;
    }
    p {
      margin: 0;
    }
  `;

  @state() private problem: Problem | null = null;
  @state() private level = 0;
  @state() private running = false;
  private stream: MediaStream | null = null;
  private audio: AudioContext | null = null;
  private frame = 0;

  /** Asks for the camera and microphone; must follow a user gesture. */
  async check(): Promise<boolean> {
    this.stop();
    this.problem = null;
    if (!navigator.mediaDevices?.getUserMedia) {
      this.problem = 'unsupported';
      return false;
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    } catch (error) {
      this.problem = problemOf(error);
      return false;
    }
    this.running = true;
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video');
    if (video) video.srcObject = this.stream;
    this.audio = new AudioContext();
    const analyser = this.audio.createAnalyser();
    analyser.fftSize = 512;
    this.audio.createMediaStreamSource(this.stream).connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    const tick = (): void => {
      analyser.getByteTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128));
      this.level = Math.min(1, peak / 64);
      this.frame = requestAnimationFrame(tick);
    };
    tick();
    return true;
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    void this.audio?.close();
    this.audio = null;
    this.running = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override render(): unknown {
    return html`
      ${
        this.running
          ? html`<video autoplay playsinline muted aria-label="Your camera"></video>
              <p>Say something: the bar moves when the microphone hears you.</p>
              <div
                class="meter"
                role="meter"
                aria-label="Microphone level"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=${Math.round(this.level * 100)}
              >
                <span style="width: ${Math.round(this.level * 100)}%"></span>
              </div>`
          : nothing
      }
      ${this.problem ? html`<p class="help" role="alert">${HELP[this.problem]}</p>` : nothing}
    `;
  }
}

if (!customElements.get('attune-device-check'))
  customElements.define('attune-device-check', AttuneDeviceCheckElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-device-check': AttuneDeviceCheckElement;
  }
}
