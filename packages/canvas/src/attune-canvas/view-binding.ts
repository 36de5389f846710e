/**
 * Keeps the fabric view of one page in step with the model: the whole page
 * when it is opened, then object by object as the document changes. The
 * person's own moves are already on screen, so they are not applied again.
 */
import type { FabricObject } from 'fabric';
import type { CanvasChange, Refusal } from '../model/canvas-model.js';
import { DEFAULT_SHEET } from '../model/page-rect.js';
import type { FabricView } from '../render/fabric-view.js';
import type { CanvasController } from './canvas-controller.js';

export interface ViewBindingHost {
  readonly view: FabricView | null;
  readonly controller: CanvasController;
  readonly page: string;
  /** True when fabric may select and move objects (the select tool, no replay). */
  readonly selecting: boolean;
  select(id: string | null): void;
  refused(reason: Refusal): void;
  /** Opens the text field to change the words of a text object. */
  editText(id: string): void;
}

export class ViewBinding {
  constructor(private readonly host: ViewBindingHost) {}

  /** Shows the host's page from scratch. */
  show(): Promise<void> {
    const { view, controller, page } = this.host;
    const model = controller.model;
    if (!view) return Promise.resolve();
    const objects = model ? model.objects(page) : [];
    const background = model?.pages.get(page)?.background ?? '#ffffff';
    const sheet = model ? model.pageRect(page) : DEFAULT_SHEET;
    return view.showPage(objects, background, sheet).then(() => this.interactivity());
  }

  change(change: CanvasChange): void {
    const { view, controller, page } = this.host;
    const model = controller.model;
    if (!view || !model) return;
    const info = model.pages.get(page);
    // A page from before sheets grows with its content: follow it.
    if (change.pages || !info?.sheet) view.setSheet(model.pageRect(page), info?.background ?? '#ffffff');
    let touched = false;
    // Removing the selected object clears fabric's selection, which tells the host.
    for (const id of change.removed) view.remove(id);
    for (const id of [...change.added, ...change.updated]) {
      const object = model.object(id);
      if (!object || object.page !== page) {
        view.remove(id);
        continue;
      }
      touched = true;
      // fabric already shows this person's own moves: skip them, no echo.
      if (change.local && view.object(id) && change.placed.includes(id)) continue;
      void view.put(object).then(() => {
        this.restack();
        this.interactivity();
      });
    }
    if (touched) this.restack();
  }

  /** Lets fabric select only what this person may change now. */
  interactivity(): void {
    const { view, controller, selecting } = this.host;
    const model = controller.model;
    if (!view) return;
    let changed = false;
    for (const object of view.canvas.getObjects()) {
      const id = view.idOf(object);
      const movable = selecting && !!model && !!id && model.objectRefusal(id) === null;
      if (object.selectable !== movable || object.evented !== movable) {
        object.selectable = movable;
        object.evented = movable;
        changed = true;
      }
    }
    if (!selecting && view.canvas.getActiveObject()) {
      view.canvas.discardActiveObject();
      changed = true;
    }
    if (changed) view.canvas.requestRenderAll();
  }

  /** Wires fabric's selection and transform events to the model. */
  listen(view: FabricView): void {
    const onSelect = (): void => {
      const active = view.canvas.getActiveObject();
      this.host.select(active ? view.idOf(active) : null);
    };
    view.canvas.on('selection:created', onSelect);
    view.canvas.on('selection:updated', onSelect);
    view.canvas.on('selection:cleared', onSelect);
    view.canvas.on('object:modified', ({ target }) => this.modified(view, target));
    view.canvas.on('mouse:dblclick', ({ target }) => {
      const id = target ? view.idOf(target) : null;
      if (id && this.host.controller.model?.object(id)?.kind === 'text') this.host.editText(id);
    });
  }

  private modified(view: FabricView, target: FabricObject | undefined): void {
    const model = this.host.controller.model;
    const id = target && view.idOf(target);
    if (!model || !target || !id) return;
    const { left, top, scaleX, scaleY, angle } = target;
    if (!model.place(id, { left, top, scaleX, scaleY, angle })) {
      this.host.refused(model.objectRefusal(id) ?? 'forbidden');
      const object = model.object(id);
      if (object) void view.put(object);
    }
  }

  private restack(): void {
    const { view, controller, page } = this.host;
    const model = controller.model;
    if (model) view?.restack(model.objects(page).map((o) => o.id));
  }
}
