import { consume } from '@lit/context';
import { sessionContext } from '@attune/session';
import type { Session } from '@attune/session';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Announcer } from '../controller/announcer.js';
import { PropsController } from '../controller/props-controller.js';
import { fire } from '../events.js';
import { defaultPropLibrary } from '../library/prop-library.js';
import type { PropLibrary } from '../library/prop-library.js';
import { BACKGROUNDS } from '../model/backgrounds.js';
import type { BoardItem } from '../model/board-model.js';
import { boardToSvg } from '../model/export-svg.js';
import { TRAY } from '../model/tray.js';
import { styles } from './attune-prop-board.styles.js';
import { download, svgToPng } from './board-export.js';
import { CarryController } from './carry-controller.js';
import { keyAction } from './board-keys.js';
import { renderCards, renderDrawer, renderFrameNotice, renderHands, renderLibrary } from './board-panels.js';
import { itemName, propUrl, renderItem, svgUrl } from './board-parts.js';
import {
  renderItemMore,
  renderMoreMenu,
  renderReplay,
  renderSelection,
  renderTopBar,
} from './board-tools.js';
import { LayoutController } from './board-layout.js';
import { PanelController } from './panel-controller.js';
import { PlacingController } from './placing-controller.js';
import { ItemActions } from './item-actions.js';
import { ReplayController } from './replay-controller.js';

const clamp = (v: number): number => Math.min(1, Math.max(0, v));

/**
 * @summary A shared board of symbolic props for dramatherapy: choose a prop,
 * place it by keys or by choosing a spot, move, turn, size, label, group and
 * hand it over; story and role cards; the therapist's frame; export and replay.
 *
 * The board is one tray of fixed shape (16:10) that every view draws whole,
 * as large as the element allows: the element fills its box (`height: 100%`),
 * tools sit in one compact bar, above the tray or, when the element is wide,
 * down its inline-start edge; the props library and the cards open in a
 * drawer.
 *
 * @event attune-prop-place - The local person placed a prop.
 * @event attune-prop-move - The local person moved a prop.
 * @event attune-prop-hand - The local person handed a prop to someone.
 * @event attune-prop-away - The local person put a prop away.
 * @csspart board - The tray: the whole shared board, drawn where `pageRect()` says.
 * @csspart prop - A placed prop (`data-item` its item id, `data-prop` its prop id); its box is where it is drawn.
 * @csspart prop-label - Its label.
 * @csspart drawer - The drawer with the props library or the cards.
 * @csspart palette - The list of props to choose from.
 * @csspart palette-item - One of them.
 * @csspart marker - Where a chosen prop will go.
 * @csspart selection - Tools for the selected prop.
 * @csspart item-more - The selected prop's rarer tools: layer, label, group, hand over.
 * @csspart hands - Props in someone's hands.
 * @csspart story - Story and role cards.
 * @csspart card - One card.
 * @csspart frame-tools - The facilitator's tools.
 * @csspart replay - Replay controls.
 * @csspart notice - Hold or lock notice.
 * @cssproperty --attune-prop-size - A prop's width at scale 1, as a length where `cqw` is a hundredth of the tray's width (default 12cqw).
 * @cssproperty --attune-prop-min-size - The smallest a prop is drawn on a small screen (default 36px).
 * @cssproperty --attune-stage-color - Around the tray.
 * @cssproperty --attune-tray-rim-color - The tray's rim.
 */
export class AttunePropBoardElement extends LitElement {
  static override styles = styles;

  /** Which board of the session (several can live in one session). */
  @property() board = 'main';

  /** The session: from the enclosing `<attune-session>`, or set directly. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** Where props come from; `defaultPropLibrary` holds the built-in props and registered sets. */
  @property({ attribute: false }) library: PropLibrary = defaultPropLibrary;

  @state() private query = '';
  @state() private selected: string | null = null;

  private readonly panels = new PanelController(this);
  private readonly layout = new LayoutController(this);
  private readonly placer = new PlacingController(this, {
    board: () => this.props.board,
    me: () => this.props.me,
    say: (text) => this.say(text),
    denied: () => this.denied(),
    nameOf: (propId) => this.library.get(propId)?.name ?? 'prop',
    where: (x, y, except) => this.announcer.where(this.props.board, x, y, except),
    focusBoard: () => this.boardEl()?.focus(),
    placed: (id, propId) => {
      fire(this, 'attune-prop-place', { itemId: id, propId });
      this.selected = id;
      void this.updateComplete.then(() => this.itemEl(id)?.focus());
    },
  });

  private readonly carry = new CarryController(this, {
    board: () => this.props.board,
    me: () => this.props.me,
    say: (text) => this.say(text),
  });
  private readonly props = new PropsController(this, (entries) => this.announcer.entries(entries));
  private readonly announcer = new Announcer(
    this,
    () => this.library,
    () => this.props.me.id,
  );
  private readonly replay = new ReplayController(this, (entry) => this.announcer.entries([entry]));
  private readonly actions = new ItemActions({
    host: this,
    board: () => this.props.board,
    me: () => this.props.me,
    library: () => this.library,
    participants: () => this.props.participants(),
    carry: this.carry,
    say: (text) => this.say(text),
    denied: () => this.denied(),
    where: (x, y, except) => this.announcer.where(this.props.board, x, y, except),
    gone: () => {
      this.selected = null;
      if (this.panels.open === 'item') this.panels.close(false);
      this.boardEl()?.focus();
    },
  });

  protected override willUpdate(): void {
    this.props.attach(this.session, this.board);
  }

  /** The board as a standalone SVG document. */
  toSVG(options: { width?: number; height?: number } = {}): string {
    const board = this.props.board;
    const lookup = (id: string) => this.library.get(id);
    if (!board) return boardToSvg('blank', [], [], lookup, options);
    return boardToSvg(board.background, board.list(), board.cardList(), lookup, options);
  }

  /** The board as a PNG picture. */
  async toPNG(options: { width?: number; height?: number } = {}): Promise<Blob> {
    const width = options.width ?? TRAY.width * 20;
    const height = options.height ?? TRAY.height * 20;
    return svgToPng(this.toSVG({ width, height }), width, height);
  }

  /**
   * Where the tray is drawn now, in client (viewport) CSS pixels as
   * `getBoundingClientRect` gives them; null while the board is not shown.
   * An item at `x, y` is drawn centred on `left + x * width, top + y * height`,
   * moved in just enough to stay wholly inside the tray.
   */
  pageRect(): DOMRect | null {
    return this.boardEl()?.getBoundingClientRect() ?? null;
  }

  private say(text: string): void {
    this.announcer.say(text);
  }

  private denied(): boolean {
    if (this.props.canEdit) return false;
    this.say(
      this.props.session?.canWrite('space')
        ? 'The board is on hold for now.'
        : 'You can watch this board but not change it.',
    );
    return true;
  }

  private choose(propId: string, itemId: string | null = null): void {
    if (!this.denied()) this.panels.close(false);
    this.placer.start(propId, itemId);
  }

  private field(name: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#item-${name}`)?.value ?? '';
  }

  private boardEl(): HTMLElement | null {
    return this.renderRoot.querySelector('[part="board"]');
  }

  private itemEl(id: string): HTMLElement | null {
    return this.renderRoot.querySelector(`[data-item="${CSS.escape(id)}"]`);
  }

  private spot(event: MouseEvent): { x: number; y: number } {
    const rect = this.boardEl()!.getBoundingClientRect();
    return {
      x: clamp((event.clientX - rect.left) / rect.width),
      y: clamp((event.clientY - rect.top) / rect.height),
    };
  }

  private onBoardClick(event: MouseEvent): void {
    if (this.panels.open) this.panels.close(false);
    if (this.replay.active) return;
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    // detail 0: a click made by a key press, which the keydown handler has handled.
    if (event.detail === 0 || this.carry.takeDragged()) return;
    if (this.placer.placing) {
      const { x, y } = this.spot(event);
      this.placer.commit(x, y);
    } else if (this.carry.carried) {
      const { x, y } = this.spot(event);
      this.carry.dropAt(x, y);
    } else if (target) {
      this.selected = target.dataset['item'] ?? null;
    }
  }

  private onPointerDown(event: PointerEvent): void {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    const id = target?.dataset['item'];
    if (!id || this.placer.placing || this.carry.carried || this.replay.active || !this.props.canEdit) return;
    this.carry.pointerDown(event, id, target!, this.boardEl()!);
  }

  private onBoardKeydown(event: KeyboardEvent): void {
    if (this.replay.active) return;
    const action = keyAction(event);
    if (!action) return;
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    if (this.placer.placing) {
      event.preventDefault();
      return this.placer.key(action);
    }
    const id = target?.dataset['item'];
    if (!id) return;
    event.preventDefault();
    this.selected = id;
    this.actions.act(id, action);
  }

  private items(): BoardItem[] {
    return this.replay.active ? this.replay.items() : (this.props.board?.list() ?? []);
  }

  protected override render(): unknown {
    const { board, frame } = this.props;
    const live = this.announcer.render();
    if (!board || !frame)
      return html`<p part="notice" class="connecting">Connecting to the board…</p>
        ${live}`;
    if (this.props.hidden)
      return html`<p part="notice" class="connecting">The board is hidden for now.</p>
        ${live}`;
    const editable = this.props.canEdit && !this.replay.active;
    const facilitator = this.props.facilitator;
    const open = this.panels.open;
    const items = this.items();
    const onBoard = items.filter((i) => i.onBoard);
    const selected = this.selected ? board.item(this.selected) : null;
    const active = selected && selected.onBoard && editable ? selected : null;
    const placing = this.placer.placing;
    const placingProp = placing ? this.library.get(placing.propId) : undefined;
    const me = this.props.me;
    const people = this.props.participants();
    const act = (fn: (id: string) => void) => () => this.selected && !this.denied() && fn(this.selected);
    const close = () => this.panels.close(true);
    const layout = this.layout.layout;
    const extras = [
      facilitator ? nothing : renderFrameNotice(frame.state),
      renderHands(items, this.library, me, facilitator && editable, people, {
        place: (item) => this.choose(item.propId, item.id),
        hand: (item, to) => this.actions.hand(item.id, to),
      }),
    ].filter((part) => part !== nothing);
    return html`<div
      class=${`layout bar-${layout.bar} band-${layout.band} drawer-${layout.drawer}`}
      @keydown=${(e: KeyboardEvent) => this.panels.keydown(e)}
    >
      <div class="top">
        <div class="bar">
          ${renderTopBar(open, editable, facilitator ? frame.state : null, layout.bar === 'start', {
            toggle: (panel) => this.panels.toggle(panel),
            undo: () => this.props.undo?.undo(),
            frame: (key, value) => frame.set(key, value),
          })}
          ${
            open === 'more'
              ? renderMoreMenu(facilitator, board.background, {
                  replay: () => (
                    this.panels.close(false),
                    this.replay.start(board.entries()) || this.say('Nothing has been placed yet.')
                  ),
                  svg: () => download('board.svg', new Blob([this.toSVG()], { type: 'image/svg+xml' })),
                  png: () => void this.toPNG().then((b) => download('board.png', b)),
                  background: (id) => board.setBackground(id),
                  clear: () => (board.clear(me), this.say('You cleared the board. Undo brings it back.')),
                })
              : nothing
          }
        </div>
        ${extras.length ? html`<div class="extras">${extras}</div>` : nothing}
      </div>
      <div class="stage">
        <div class="sizer"></div>
        <div class="fit">
          <div
            part="board"
            role="group"
            aria-label=${`Prop board, ${BACKGROUNDS[board.background].name}, ${onBoard.length} props${placing ? `, placing the ${placingProp?.name ?? 'prop'}` : ''}`}
            aria-describedby="board-help"
            tabindex="-1"
            class=${placing ? 'placing' : ''}
            @click=${this.onBoardClick}
            @keydown=${this.onBoardKeydown}
            @pointerdown=${this.onPointerDown}
            @focusout=${(e: FocusEvent) => (e.target as HTMLElement).dataset['item'] && this.carry.commitPending()}
          >
            <img class="background" src=${svgUrl(BACKGROUNDS[board.background].svg)} alt="" />
            ${onBoard.map((item, layer) => renderItem(item, this.library, { selected: item.id === this.selected, carried: item.id === this.carry.carried?.id, editable, layer }))}
            ${placing ? html`<div part="marker" style=${`--x:${placing.x};--y:${placing.y}`}><img src=${propUrl(placingProp)} alt="" /></div>` : nothing}
          </div>
          <div class="dock">
            ${
              this.replay.active
                ? renderReplay(this.replay.index, this.replay.frames.length, this.replay.playing, {
                    step: (d) => this.replay.step(d),
                    play: () => this.replay.toggle(),
                    exit: () => this.replay.exit(),
                  })
                : active
                  ? renderSelection(
                      itemName(active, this.library),
                      this.carry.carried?.id === active.id,
                      open === 'item',
                      layout.band === 'end',
                      {
                        toggleCarry: act((id) => this.actions.act(id, { kind: 'toggle' })),
                        rotate: (d) => act((id) => this.actions.act(id, { kind: 'rotate', degrees: d }))(),
                        resize: (f) => act((id) => this.actions.act(id, { kind: 'resize', factor: f }))(),
                        more: () => this.panels.toggle('item'),
                        away: act((id) => this.actions.putAway(id)),
                      },
                    )
                  : nothing
            }
          </div>
          ${
            open === 'item' && active
              ? renderItemMore(active, itemName(active, this.library), people, (f) => this.field(f), {
                  layer: (w) => act((id) => board.layer(id, w, me))(),
                  label: (t) => act((id) => board.setLabel(id, t, me))(),
                  group: (g) => act((id) => board.group([id], g, me))(),
                  hand: (to) => act((id) => this.actions.hand(id, to))(),
                })
              : nothing
          }
          ${
            open === 'props'
              ? renderDrawer(
                  'Props',
                  close,
                  renderLibrary(
                    this.query,
                    this.library.search(this.query),
                    placing?.propId ?? null,
                    !editable,
                    {
                      search: (query) => (this.query = query),
                      choose: (p) => this.choose(p.id),
                    },
                  ),
                )
              : open === 'cards'
                ? renderDrawer(
                    'Story and role cards',
                    close,
                    renderCards(board, me, editable, facilitator ? people : null),
                  )
                : nothing
          }
        </div>
      </div>
      <p id="board-help" class="visually-hidden">
        Choose a prop from Props, then use the arrow keys and Enter, or choose a spot. On a placed prop: arrow
        keys nudge, Enter picks up and puts down, R turns, plus and minus resize, Delete puts it away.
      </p>
      ${live}
    </div>`;
  }
}
