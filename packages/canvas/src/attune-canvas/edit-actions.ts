/**
 * What the page, frame and edit controls do: each a model call for the page
 * shown or the selected object, with the refusal told when it is refused.
 */
import type { Refusal } from '../model/canvas-model.js';
import type { CanvasController } from './canvas-controller.js';
import type { ControlsActions } from './templates.js';

export interface EditActionsHost {
  readonly controller: CanvasController;
  readonly page: string;
  readonly selectedId: string | null;
  refused(reason: Refusal): void;
  say(message: string): void;
  turnTo(page: string): void;
}

type EditActions = Pick<
  ControlsActions,
  | 'newPage'
  | 'paper'
  | 'pass'
  | 'lock'
  | 'protect'
  | 'clear'
  | 'forward'
  | 'backward'
  | 'remove'
  | 'background'
>;

export function editActions(host: EditActionsHost): EditActions {
  const model = () => host.controller.model;
  return {
    newPage: (paper) => {
      const m = model();
      const title = m?.facilitator ? 'Shared page' : `${m?.user.name || 'My'} page`;
      // Without a choice, a new page is on the same paper as the page shown.
      const shape = paper ?? m?.pages.paperShape(host.page) ?? 'landscape';
      const id = m?.pages.create(title, undefined, shape);
      if (id) host.turnTo(id);
      else host.refused(m?.refusal(host.page) ?? 'forbidden');
    },
    paper: (shape) => {
      const m = model();
      if (!m) return;
      const refusal = m.pages.paperShapeRefusal(host.page, shape);
      if (refusal) host.refused(refusal);
      else if (m.pages.paperShape(host.page) !== shape && m.pages.setPaperShape(host.page, shape))
        host.say(`The paper is ${shape} now.`);
    },
    pass: (owner) => {
      if (owner) model()?.pages.pass(host.page, owner === '-' ? null : owner);
    },
    lock: () => model()?.frame.setLocked(!model()!.frame.locked),
    protect: () => {
      const frame = model()?.frame;
      const id = host.selectedId;
      if (frame && id) frame.setProtected(id, !frame.isProtected(id));
    },
    clear: () => {
      const n = model()?.clearPage(host.page) ?? 0;
      host.say(
        n ? `Cleared ${n} ${n === 1 ? 'object' : 'objects'}. Undo brings them back.` : 'Nothing to clear.',
      );
    },
    forward: () => void (host.selectedId && model()?.bringForward(host.selectedId)),
    backward: () => void (host.selectedId && model()?.sendBackward(host.selectedId)),
    remove: () => {
      const m = model();
      const id = host.selectedId;
      if (!m || !id) return;
      const refusal = m.objectRefusal(id);
      if (refusal) host.refused(refusal);
      else m.remove([id]);
    },
    background: (color) => {
      const m = model();
      if (m && !m.setBackground(host.page, color)) host.refused(m.refusal(host.page) ?? 'forbidden');
    },
  };
}
