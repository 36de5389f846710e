/**
 * Measures the stage the keys are laid on, and the key size the tokens give
 * (through a hidden probe sized by `--attune-music-key-size`), and asks the
 * element to lay the keys out again when either changes.
 *
 *   host box resizes / token changes ─▶ ResizeObserver ─▶ width, height, keyPx ─▶ requestUpdate
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class StageSize implements ReactiveController {
  /** The stage's inner size, px (0 until measured). */
  width = 0;
  height = 0;
  /** The key size token, px. */
  keyPx = 44;

  private resizer: ResizeObserver | null = null;
  private observed: Element | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: ParentNode },
    private readonly stageSelector: string,
    private readonly probeSelector: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.resizer ??= new ResizeObserver(() => this.measure());
    this.observed = null;
    this.watch();
  }

  hostUpdated(): void {
    // A render may have replaced the stage (the "connecting" view gives way to the space).
    this.watch();
  }

  hostDisconnected(): void {
    this.resizer?.disconnect();
    this.observed = null;
  }

  private watch(): void {
    const stage = this.host.renderRoot.querySelector(this.stageSelector);
    if (!this.resizer || !stage || stage === this.observed) return;
    this.resizer.disconnect();
    this.observed = stage;
    this.resizer.observe(stage);
    const probe = this.host.renderRoot.querySelector(this.probeSelector);
    if (probe) this.resizer.observe(probe);
  }

  private measure(): void {
    const stage = this.observed as HTMLElement | null;
    if (!stage) return;
    const probe = this.host.renderRoot.querySelector<HTMLElement>(this.probeSelector);
    const width = Math.floor(stage.clientWidth);
    const height = Math.floor(stage.clientHeight);
    const keyPx = probe && probe.offsetWidth > 0 ? probe.offsetWidth : this.keyPx;
    if (width === this.width && height === this.height && keyPx === this.keyPx) return;
    Object.assign(this, { width, height, keyPx });
    this.host.requestUpdate();
  }
}
