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
import { styles } from './attune-prop-board.styles.js';
import { download, svgToPng } from './board-export.js';
import { CarryController } from './carry-controller.js';
import { keyAction } from './board-keys.js';
import {
  renderCards,
  renderFrameNotice,
  renderFrameTools,
  renderHands,
  renderReplay,
  renderSelection,
  renderToolbar,
} from './board-panels.js';
import { itemName, propUrl, renderItem, renderPalette, svgUrl } from './board-parts.js';
import { ReplayController } from './replay-controller.js';

const clamp = (v: number): number => Math.min(1, Math.max(0, v));

/**
 * @summary A shared board of symbolic props for dramatherapy: choose a prop,
 * place it by keys or by choosing a spot, move, turn, size, label, group and
 * hand it over; story and role cards; the therapist's frame; export and replay.
 *
 * @event attune-prop-place - The local person placed a prop.
 * @event attune-prop-move - The local person moved a prop.
 * @event attune-prop-hand - The local person handed a prop to someone.
 * @event attune-prop-away - The local person put a prop away.
 * @csspart board - The board area.
 * @csspart prop - A placed prop.
 * @csspart prop-label - Its label.
 * @csspart palette - The list of props to choose from.
 * @csspart palette-item - One of them.
 * @csspart marker - Where a chosen prop will go.
 * @csspart selection - Tools for the selected prop.
 * @csspart hands - Props in someone's hands.
 * @csspart story - Story and role cards.
 * @csspart card - One card.
 * @csspart frame-tools - The facilitator's tools.
 * @csspart replay - Replay controls.
 * @csspart notice - Hold or lock notice.
 * @cssproperty --attune-prop-size - A prop's width at scale 1, relative to the board (default 8%).
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
  @state() private placing: { propId: string; itemId: string | null; x: number; y: number } | null = null;
  @state() private selected: string | null = null;

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

  protected override willUpdate(): void {
    this.props.attach(this.session, this.board);
  }

  /** The board as a standalone SVG document. */
  toSVG(options: { width?: number; height?: number } = {}): string {
    const board = this.props.board;
    if (!board) return boardToSvg('blank', [], [], () => undefined, options);
    return boardToSvg(
      board.background,
      board.list(),
      board.cardList(),
      (id) => this.library.get(id),
      options,
    );
  }

  /** The board as a PNG picture. */
  async toPNG(options: { width?: number; height?: number } = {}): Promise<Blob> {
    const width = options.width ?? 1600;
    const height = options.height ?? 1000;
    return svgToPng(this.toSVG({ width, height }), width, height);
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
    if (this.denied()) return;
    this.placing = { propId, itemId, x: 0.5, y: 0.5 };
    const name = this.library.get(propId)?.name ?? 'prop';
    this.say(
      `Placing the ${name}. Arrow keys move it, Enter puts it down, Escape cancels. Or choose a spot on the board.`,
    );
    void this.updateComplete.then(() => this.boardEl()?.focus());
  }

  private async commitPlacing(x: number, y: number): Promise<void> {
    const placing = this.placing;
    const board = this.props.board;
    if (!placing || !board || this.denied()) return;
    this.placing = null;
    const me = this.props.me;
    let id = placing.itemId;
    if (id) board.move(id, x, y, me);
    else id = board.place(placing.propId, x, y, me);
    if (!id) {
      this.say('The board is full.');
      return;
    }
    fire(this, 'attune-prop-place', { itemId: id, propId: placing.propId });
    this.selected = id;
    await this.updateComplete;
    this.itemEl(id)?.focus();
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
    if (this.replay.active) return;
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    // detail 0: a click made by a key press, which the keydown handler has handled.
    if (event.detail === 0 || this.carry.takeDragged()) return;
    if (this.placing) {
      const { x, y } = this.spot(event);
      void this.commitPlacing(x, y);
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
    if (!id || this.placing || this.carry.carried || this.replay.active || !this.props.canEdit) return;
    this.carry.pointerDown(event, id, target!, this.boardEl()!);
  }

  private onBoardKeydown(event: KeyboardEvent): void {
    if (this.replay.active) return;
    const action = keyAction(event);
    if (!action) return;
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    if (this.placing) {
      event.preventDefault();
      const p = this.placing;
      if (action.kind === 'nudge') {
        this.placing = { ...p, x: clamp(p.x + action.dx), y: clamp(p.y + action.dy) };
        this.announcer.where(this.props.board, this.placing.x, this.placing.y, p.itemId ?? '');
      } else if (action.kind === 'toggle') void this.commitPlacing(p.x, p.y);
      else if (action.kind === 'cancel') {
        this.placing = null;
        this.say('Placing cancelled.');
      }
      return;
    }
    const id = target?.dataset['item'];
    if (!id) return;
    event.preventDefault();
    this.selected = id;
    this.act(id, action);
  }

  private act(id: string, action: NonNullable<ReturnType<typeof keyAction>>): void {
    const board = this.props.board;
    const item = board?.item(id);
    if (!board || !item || this.denied()) return;
    const name = itemName(item, this.library);
    switch (action.kind) {
      case 'nudge': {
        this.carry.nudge(id, action.dx, action.dy);
        const moved = board.item(id);
        return moved ? this.announcer.where(board, moved.x, moved.y, id) : undefined;
      }
      case 'toggle':
        return this.carry.toggle(id, name);
      case 'cancel':
        return this.carry.cancel(id, name);
      case 'rotate':
        board.rotate(id, action.degrees, this.props.me);
        return this.say(`Turned the ${name}.`);
      case 'resize':
        board.resize(id, action.factor, this.props.me);
        return this.say(action.factor > 1 ? `The ${name} is larger.` : `The ${name} is smaller.`);
      case 'away':
        return this.putAway(id);
    }
  }

  private putAway(id: string): void {
    const board = this.props.board;
    const item = board?.item(id);
    if (!board || !item || this.denied()) return;
    board.putAway(id, this.props.me);
    this.carry.forget(id);
    this.selected = null;
    fire(this, 'attune-prop-away', { itemId: id, propId: item.propId });
    this.boardEl()?.focus();
  }

  private hand(id: string, to: string): void {
    const board = this.props.board;
    const item = board?.item(id);
    const person = this.props.participants().find((p) => p.id === to);
    if (!board || !item || !person || this.denied()) return;
    board.hand(id, { id: person.id, name: person.name }, this.props.me);
    fire(this, 'attune-prop-hand', { itemId: id, propId: item.propId, to: person.id });
  }

  private items(): BoardItem[] {
    return this.replay.active ? this.replay.items() : (this.props.board?.list() ?? []);
  }

  protected override render(): unknown {
    const { board, frame } = this.props;
    const live = this.announcer.render();
    if (!board || !frame)
      return html`<p part="notice">Connecting to the board…</p>
        ${live}`;
    if (this.props.hidden)
      return html`<p part="notice">The board is hidden for now.</p>
        ${live}`;
    const editable = this.props.canEdit && !this.replay.active;
    const facilitator = this.props.facilitator;
    const frameState = frame.state;
    const items = this.items();
    const selected = this.selected ? board.item(this.selected) : null;
    const placingProp = this.placing ? this.library.get(this.placing.propId) : undefined;
    const me = this.props.me;
    const people = this.props.participants();
    const act = (fn: (id: string) => void) => () => this.selected && !this.denied() && fn(this.selected);
    return html`
      ${facilitator ? nothing : renderFrameNotice(frameState)}
      ${
        facilitator
          ? renderFrameTools(frameState, board.background, {
              background: (id) => board.setBackground(id),
              set: (key, value) => frame.set(key, value),
              clear: () => (board.clear(me), this.say('You cleared the board. Undo brings it back.')),
            })
          : nothing
      }
      ${renderToolbar(this.query, editable, {
        search: (query) => (this.query = query),
        undo: () => this.props.undo?.undo(),
        replay: () => this.replay.start(board.entries()) || this.say('Nothing has been placed yet.'),
        svg: () => download('board.svg', new Blob([this.toSVG()], { type: 'image/svg+xml' })),
        png: () => void this.toPNG().then((b) => download('board.png', b)),
      })}
      ${
        this.replay.active
          ? renderReplay(this.replay.index, this.replay.frames.length, this.replay.playing, {
              step: (d) => this.replay.step(d),
              play: () => this.replay.toggle(),
              exit: () => this.replay.exit(),
            })
          : renderPalette(this.library.search(this.query), this.placing?.propId ?? null, !editable, (p) =>
              this.choose(p.id),
            )
      }
      <div
        part="board"
        role="group"
        aria-label=${`Prop board, ${BACKGROUNDS[board.background].name}, ${items.filter((i) => i.onBoard).length} props${this.placing ? `, placing the ${placingProp?.name ?? 'prop'}` : ''}`}
        aria-describedby="board-help"
        tabindex="-1"
        class=${this.placing ? 'placing' : ''}
        @click=${this.onBoardClick}
        @keydown=${this.onBoardKeydown}
        @pointerdown=${this.onPointerDown}
        @focusout=${(e: FocusEvent) => (e.target as HTMLElement).dataset['item'] && this.carry.commitPending()}
      >
        <img class="background" src=${svgUrl(BACKGROUNDS[board.background].svg)} alt="" />
        ${items.filter((i) => i.onBoard).map((item, layer) => renderItem(item, this.library, { selected: item.id === this.selected, carried: item.id === this.carry.carried?.id, editable, layer }))}
        ${this.placing ? html`<div part="marker" style=${`left:${this.placing.x * 100}%;top:${this.placing.y * 100}%`}><img src=${propUrl(placingProp)} alt="" /></div>` : nothing}
      </div>
      <p id="board-help" class="visually-hidden">
        Choose a prop, then use the arrow keys and Enter, or choose a spot. On a placed prop: arrow keys
        nudge, Enter picks up and puts down, R turns, plus and minus resize, Delete puts it away.
      </p>
      ${
        selected && selected.onBoard && editable
          ? renderSelection(selected, this.library, this.carry.carried?.id === selected.id, people, {
              toggleCarry: act((id) => this.act(id, { kind: 'toggle' })),
              rotate: (d) => act((id) => this.act(id, { kind: 'rotate', degrees: d }))(),
              resize: (f) => act((id) => this.act(id, { kind: 'resize', factor: f }))(),
              layer: (w) => act((id) => board.layer(id, w, me))(),
              label: (t) => act((id) => board.setLabel(id, t, me))(),
              group: (g) => act((id) => board.group([id], g, me))(),
              hand: (to) => act((id) => this.hand(id, to))(),
              away: act((id) => this.putAway(id)),
            })
          : nothing
      }
      ${renderHands(items, this.library, me, facilitator && editable, people, {
        place: (item) => this.choose(item.propId, item.id),
        hand: (item, to) => this.hand(item.id, to),
      })}
      ${renderCards(board.cardList(), me, editable, facilitator ? people : null, {
        add: (title, text) => board.addCard(title, text, 0.5, 0.15, me),
        take: (id, take) => board.takeRole(id, take ? me : null),
        give: (id, to) => {
          const person = people.find((p) => p.id === to);
          if (person) board.takeRole(id, { id: person.id, name: person.name });
        },
        remove: (id) => board.removeCard(id),
      })}
      ${live}
    `;
  }
}
