import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import type { PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { sessionContext } from '@attune/session';
import type { Session } from '@attune/session';
import type { CanvasRefusedDetail } from '../events.js';
import type { Refusal } from '../model/canvas-model.js';
import { describePage } from '../model/describe.js';
import { DEFAULT_PAGE, isId } from '../model/schema.js';
import type { ShapeKind } from '../model/schema.js';
import type { LiveStyle } from '../model/live-stroke.js';
import { FabricView } from '../render/fabric-view.js';
import { CanvasController } from './canvas-controller.js';
import { DrawingInput } from './drawing.js';
import type { DrawingHost, Tool } from './drawing.js';
import { editActions } from './edit-actions.js';
import { FollowSync } from './follow.js';
import { onKey, onWheel } from './keys.js';
import { REFUSALS } from './messages.js';
import { ImageAssets } from './images.js';
import { ReplayPlayer } from './replay-player.js';
import { TextEntry } from './text-entry.js';
import { ViewBinding } from './view-binding.js';
import { BarLayout } from './bar-layout.js';
import { styles } from './attune-canvas.styles.js';
import { PALETTE, SIZES, renderReplay } from './templates.js';
import type { ControlsActions, ControlsState } from './templates.js';
import { renderBar } from './toolbar.js';
import { paperRefusals } from './paper.js';

/**
 * @summary A shared drawing canvas for art therapy: each page is one sheet
 * that every screen shows whole, strokes are seen while they are drawn,
 * pages can be passed between participants, and the therapist holds the
 * frame (lock, protect, clear, follow me).
 *
 * The element fills its box (give the host a height); the page's sheet is
 * fitted into it, beside one floating bar of tools: across the top, or down
 * the inline-start side where the stage is wide for its page (a laptop).
 *
 * @event attune-canvas-draw - The local person committed a stroke, shape or text.
 * @event attune-canvas-page-change - The local person turned to another page.
 * @event attune-canvas-refuse - Something the local person tried was refused.
 * @csspart toolbar - The floating bar of tools (and the replay bar).
 * @csspart button - Every button; tool buttons are also `tool`, popover rows `item`.
 * @csspart menu - Each popover of the bar (shapes, colour and size, more).
 * @csspart stage - The drawing surface: the sheet and the space around it.
 * @csspart status - The line that says what just happened.
 * @cssproperty --attune-canvas-toolbar-background - Background of the tool bar and its popovers.
 * @cssproperty --attune-canvas-surround - The colour around the sheet of paper.
 */
export class AttuneCanvasElement extends LitElement implements DrawingHost {
  static override styles = styles;

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** The page shown. */
  @property({ reflect: true }) page = DEFAULT_PAGE;

  @state() tool: Tool = 'pen';
  @state() private shape: ShapeKind = 'rect';
  @state() private color: string = PALETTE[0][1];
  @state() private size: number = SIZES[1][1];
  @state() private opacity = 1;
  @state() private message = '';
  @state() private messageKind: 'info' | 'refused' = 'info';
  @state() private selected: string | null = null;

  @query('.stage') private stage!: HTMLElement;

  view: FabricView | null = null;
  readonly controller = new CanvasController(this, {
    change: (change) => this.binding.change(change),
    reset: () => void this.showPage(),
    overlay: () => this.drawing.paint(),
  });
  private readonly drawing = new DrawingInput(this);
  private readonly binding = new ViewBinding(this);
  private readonly bar = new BarLayout(this);
  private readonly images = new ImageAssets(() => this.session);
  private readonly follow = new FollowSync(this);
  private readonly player = new ReplayPlayer(this, () => this.binding.interactivity());
  private readonly text = new TextEntry(this, () => ({ color: this.color, fontSize: 12 + this.size * 2 }));
  private viewReady: Promise<void> | null = null;

  get strokeStyle(): LiveStyle {
    const highlighter = this.tool === 'highlighter';
    return {
      color: this.color,
      size: highlighter ? this.size * 2.5 : this.size,
      opacity: highlighter ? Math.min(this.opacity, 0.4) : this.opacity,
      highlighter,
    };
  }

  /** Resolves once the canvas is rendered and showing the current page. */
  get ready(): Promise<void> {
    return this.updateComplete.then(() => this.viewReady ?? undefined);
  }

  /** The page as SVG: the whole sheet, with nothing about who drew it. */
  toSVG(): string {
    if (!this.view) throw new Error('The canvas is not ready');
    return this.view.toSVG();
  }

  /** The page as a PNG: the whole sheet, one pixel per scene unit. */
  toPNG(): Promise<Blob> {
    if (!this.view) return Promise.reject(new Error('The canvas is not ready'));
    return this.view.toPNG();
  }

  /**
   * Where the current page's sheet of paper is drawn now, in client (viewport
   * CSS) pixels, like `getBoundingClientRect()`; null before the canvas is
   * ready. It may reach past the element while zoomed in.
   */
  pageRect(): DOMRect | null {
    return this.view?.sheetClientRect() ?? null;
  }

  undo(): void {
    this.controller.model?.undo();
  }

  redo(): void {
    this.controller.model?.redo();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
    // Moved in the DOM: the view was released on disconnect, build it again.
    if (this.hasUpdated && !this.view) this.createView();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
    this.drawing.dispose();
    this.player.stop();
    this.follow.dispose();
    this.bar.dispose();
    const view = this.view;
    this.view = null;
    this.viewReady = null;
    void view?.dispose();
    this.images.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.controller.attach(this.session ?? null);
    this.follow.apply();
    if (changed.has('page') && !isId(this.page)) this.page = DEFAULT_PAGE;
    this.toggleAttribute('data-replaying', this.player.playing);
    this.dataset.tool = this.player.playing ? 'select' : this.tool;
  }

  protected override firstUpdated(): void {
    this.createView();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('page') && changed.get('page') !== undefined) void this.showPage();
    this.binding.interactivity();
    this.bar.apply();
  }

  private createView(): void {
    if (this.view || !this.stage) return;
    const view = new FabricView({ stage: this.stage, loadImage: (hash) => this.images.load(hash) });
    this.view = view;
    view.onRefit = () => {
      this.bar.apply();
      this.viewMoved();
    };
    const { overlay } = view;
    overlay.addEventListener('pointerdown', this.drawing.down);
    overlay.addEventListener('pointermove', this.drawing.move);
    overlay.addEventListener('pointerup', this.drawing.up);
    overlay.addEventListener('pointercancel', this.drawing.cancelGesture);
    overlay.addEventListener('pointerleave', this.drawing.leave);
    this.stage.addEventListener('wheel', this.onWheel, { passive: false });
    this.binding.listen(view);
    this.bar.apply();
    void this.showPage();
    this.follow.apply();
  }

  private showPage(): Promise<void> {
    this.player.stop();
    this.viewReady = this.binding.show().then(() => {
      // A follower turned to the leader's page shows the part the leader sees.
      this.follow.apply(true);
      this.keepSheet();
      this.drawing.paint();
    });
    return this.viewReady;
  }

  /** A facilitator keeps the sheet of a page from before sheets, once the whole document is here. */
  private keepSheet(): void {
    if (this.session?.status.status === 'synced') this.controller.model?.keepPageRect(this.page);
  }

  get selecting(): boolean {
    return this.tool === 'select' && !this.player.playing;
  }

  select(id: string | null): void {
    if (id === null || this.view?.object(id)) this.selected = id;
  }

  refused(reason: CanvasRefusedDetail['reason'], message = REFUSALS[reason as Refusal] ?? ''): void {
    this.say(message, 'refused');
    this.dispatchEvent(
      new CustomEvent('attune-canvas-refuse', { detail: { reason, message }, bubbles: true, composed: true }),
    );
  }

  committed(id: string): void {
    this.dispatchEvent(
      new CustomEvent('attune-canvas-draw', {
        detail: { id, page: this.page },
        bubbles: true,
        composed: true,
      }),
    );
  }

  textAt(x: number, y: number): void {
    this.text.open(x, y);
  }

  /** The viewport or page moved: repaint the overlay and tell followers. */
  viewChanged(): void {
    this.drawing.paint();
    this.follow.publish();
  }

  viewMoved(): void {
    this.drawing.paint();
  }

  get selectedId(): string | null {
    return this.selected;
  }

  /** The local person turns to a page. */
  turnTo(page: string): void {
    this.page = page;
    this.dispatchEvent(
      new CustomEvent('attune-canvas-page-change', { detail: { page }, bubbles: true, composed: true }),
    );
    this.viewChanged();
  }

  say(message: string, kind: 'info' | 'refused' = 'info'): void {
    this.message = message;
    this.messageKind = kind;
  }

  private async addImage(file: File): Promise<void> {
    const { model } = this.controller;
    if (!model || !this.view) return;
    const result = await this.images.add(file, model, this.view, this.page);
    if ('id' in result) this.committed(result.id);
    else this.refused(result.reason, result.message);
  }

  private readonly onKey = (event: KeyboardEvent): void => onKey(this, event);
  private readonly onWheel = (event: WheelEvent): void => onWheel(this, this.stage, event);

  removeSelected(): void {
    this.actions.remove();
  }

  /** Picks a tool as its button would; false when this person has no such tool now. */
  chooseTool(tool: Tool): boolean {
    const readonly = !this.controller.model || this.controller.model.user.role === 'observer';
    if (this.player.playing || (readonly && tool !== 'select' && tool !== 'pan')) return false;
    this.actions.tool(tool);
    return true;
  }

  escape(): void {
    this.text.close();
    this.view?.canvas.discardActiveObject();
    this.view?.canvas.requestRenderAll();
  }

  private readonly actions: ControlsActions = {
    tool: (tool) => {
      this.tool = tool;
      if (tool === 'rect' || tool === 'ellipse' || tool === 'line' || tool === 'arrow') this.shape = tool;
      this.text.close();
    },
    color: (color) => (this.color = /^#[0-9a-f]{6}$/i.test(color) ? color : this.color),
    size: (size) => (this.size = size),
    opacity: (opacity) => (this.opacity = opacity),
    undo: () => this.undo(),
    redo: () => this.redo(),
    zoom: (factor) => {
      const view = this.view;
      if (!view) return;
      // Around the middle of what is in view, so the part looked at stays put.
      const [zoom, , , , e, f] = view.viewport;
      const { x, y, width, height } = view.focus;
      view.zoomAt(factor, (x + width / 2) * zoom + e, (y + height / 2) * zoom + f);
      this.viewChanged();
    },
    resetView: () => {
      this.view?.fit();
      this.viewChanged();
    },
    page: (page) => this.turnTo(page),
    follow: () => this.follow.toggle(),
    ...editActions(this),
    image: (file) => void this.addImage(file),
    replay: () => {
      this.text.close();
      this.player.start();
    },
  };

  private controls(): ControlsState {
    const model = this.controller.model;
    const session = this.session;
    return {
      tool: this.tool,
      shape: this.shape,
      color: this.color,
      size: this.size,
      opacity: this.opacity,
      canUndo: model?.canUndo ?? false,
      canRedo: model?.canRedo ?? false,
      facilitator: model?.facilitator ?? false,
      therapist: session?.role === 'therapist',
      readonly: !model || model.user.role === 'observer',
      locked: model?.frame.locked ?? false,
      leading: this.follow.leading,
      selected: this.selected,
      selectedProtected: !!this.selected && !!model?.frame.isProtected(this.selected),
      pages: model?.pages.list() ?? [],
      page: this.page,
      background: model?.pages.get(this.page)?.background ?? '#ffffff',
      paper: model ? model.pages.paperShape(this.page) : 'landscape',
      paperRefusals: model?.facilitator ? paperRefusals(model, this.page) : {},
      people: this.controller.people(),
    };
  }

  editText(id: string): void {
    this.text.edit(id);
  }

  protected override render(): unknown {
    const model = this.controller.model;
    const state = this.controls();
    const description = model
      ? describePage(model.objects(this.page), (id) => model.nameOf(id))
      : 'Not connected';
    const refusal = model?.refusal(this.page);
    const status = this.message || (refusal && refusal !== 'read-only' ? REFUSALS[refusal] : '');
    return html`
      <div
        class="stage"
        part="stage"
        role="img"
        aria-roledescription="drawing canvas"
        aria-label=${description}
      ></div>
      <div class="top">
        ${this.player.replay ? renderReplay(this.player.replay, this.player.actions) : renderBar(state, this.actions)}
        ${this.text.render()}
      </div>
      <div part="status" role="status" aria-live="polite" data-kind=${this.messageKind}>${status}</div>
    `;
  }
}
