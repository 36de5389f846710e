/**
 * Plays the page back in the order it was made, on the element's own view:
 * while it plays, only what was made so far is shown and nothing can be
 * picked up; closing shows everything again.
 */
import type { FabricView } from '../render/fabric-view.js';
import type { CanvasController } from './canvas-controller.js';
import { Replay } from './replay.js';

export interface ReplayHost {
  readonly view: FabricView | null;
  readonly controller: CanvasController;
  readonly page: string;
  requestUpdate(): void;
}

export class ReplayPlayer {
  replay: Replay | null = null;

  /** `interactivity` lets fabric select again (or not) once the replay starts or ends. */
  constructor(
    private readonly host: ReplayHost,
    private readonly interactivity: () => void,
  ) {}

  get playing(): boolean {
    return this.replay !== null;
  }

  start(): void {
    const { controller, view, page } = this.host;
    const model = controller.model;
    if (!model || !view) return;
    this.replay?.stop();
    const replay = new Replay(model.objects(page), () => {
      if (this.replay !== replay) return;
      this.host.view?.showOnly(replay.visible());
      this.host.requestUpdate();
    });
    this.replay = replay;
    this.interactivity();
    replay.seek(0);
    replay.play();
  }

  /** Stops without showing everything again (the page is about to be shown afresh). */
  stop(): void {
    this.replay?.stop();
    this.replay = null;
  }

  readonly actions = {
    play: (): void => this.replay?.play(),
    pause: (): void => this.replay?.pause(),
    seek: (index: number): void => {
      this.replay?.pause();
      this.replay?.seek(index);
    },
    close: (): void => {
      this.stop();
      this.host.view?.showOnly(null);
      this.interactivity();
      this.host.requestUpdate();
    },
  };
}
