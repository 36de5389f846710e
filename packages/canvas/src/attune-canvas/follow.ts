/**
 * Follow me: the leading facilitator's page and viewport go to the control
 * document (at most ten times a second); clients take them as they change.
 */
import type { TMat2D } from 'fabric';
import type { FabricView } from '../render/fabric-view.js';
import type { CanvasController } from './canvas-controller.js';

export interface FollowHost {
  readonly view: FabricView | null;
  readonly controller: CanvasController;
  page: string;
  viewMoved(): void;
}

export class FollowSync {
  private applied = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: FollowHost) {}

  get leading(): boolean {
    const model = this.host.controller.model;
    return !!model && model.frame.follow?.by === model.user.id;
  }

  toggle(): void {
    const { controller, view, page } = this.host;
    const model = controller.model;
    if (!model || !view) return;
    model.frame.setFollow(this.leading ? null : { by: model.user.id, page, viewport: view.viewport });
  }

  /** The leader's page or viewport changed: publish it soon. */
  publish(): void {
    if (!this.leading || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const { controller, view, page } = this.host;
      const model = controller.model;
      if (view && model && this.leading)
        model.frame.setFollow({ by: model.user.id, page, viewport: view.viewport });
    }, 100);
  }

  /** A client takes the leader's page and viewport when they change. */
  apply(): void {
    const model = this.host.controller.model;
    const follow = model?.frame.follow;
    if (!model || !follow || follow.by === model.user.id || model.facilitator || !this.host.view) return;
    const key = JSON.stringify(follow);
    if (key === this.applied) return;
    this.applied = key;
    if (follow.page !== this.host.page) this.host.page = follow.page;
    this.host.view?.setViewport(follow.viewport as TMat2D);
    this.host.viewMoved();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
