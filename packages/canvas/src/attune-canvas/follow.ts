/**
 * Follow me: the leading facilitator's page and the part of it they see go
 * to the control document (at most ten times a second); followers fit that
 * part of the page to their own screen, so a phone and a wide screen show
 * the same drawing, not the same pixels.
 */
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
    const { controller, view } = this.host;
    const model = controller.model;
    if (!model || !view) return;
    model.frame.setFollow(this.leading ? null : this.state());
  }

  /** The leader's page or view changed: publish it soon. */
  publish(): void {
    if (!this.leading || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const model = this.host.controller.model;
      if (model && this.host.view && this.leading) model.frame.setFollow(this.state());
    }, 100);
  }

  /** A follower takes the leader's page and view when they change (or again, with `again`). */
  apply(again = false): void {
    const model = this.host.controller.model;
    const follow = model?.frame.follow;
    const view = this.host.view;
    if (!model || !follow || follow.by === model.user.id || model.facilitator || !view) return;
    const key = JSON.stringify(follow);
    if (key === this.applied && !again) return;
    this.applied = key;
    if (follow.page !== this.host.page) this.host.page = follow.page;
    if (follow.view) view.show(follow.view);
    else view.fit();
    this.host.viewMoved();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private state() {
    const { controller, view, page } = this.host;
    const user = controller.model!.user.id;
    // The whole page is shared as "the whole page", so followers fit their own sheet.
    return { by: user, page, view: view!.showsWholePage ? null : view!.pageInView };
  }
}
