import { consume } from '@lit/context';
import { sessionContext } from '@attune/session';
import type { Session } from '@attune/session';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PropsController } from '../controller/props-controller.js';
import { fire } from '../events.js';
import { defaultPropLibrary } from '../library/prop-library.js';
import type { PropLibrary } from '../library/prop-library.js';
import { BACKGROUNDS } from '../model/backgrounds.js';
import { describeEntry } from '../model/board-log.js';
import type { LogEntry } from '../model/board-log.js';
import type { BoardItem } from '../model/board-model.js';
import { boardToSvg } from '../model/export-svg.js';
import { replayFrames } from '../model/replay.js';
import type { ReplayFrame } from '../model/replay.js';
import { styles } from './attune-prop-board.styles.js';
import { keyAction } from './board-keys.js';
import { renderCards, renderFrameTools, renderHands, renderReplay, renderSelection } from './board-panels.js';
import { itemName, propUrl, renderItem, renderPalette } from './board-parts.js';

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
  @state() private carried: { id: string; x: number; y: number } | null = null;
  @state() private announcement = '';
  @state() private replay: { frames: ReplayFrame[]; index: number; playing: boolean } | null = null;

  private readonly props = new PropsController(this, (entries) => this.onEntries(entries));
  private pendingMove: string | null = null;
  private replayTimer: ReturnType<typeof setInterval> | null = null;

  protected override willUpdate(): void {
    this.props.attach(this.session, this.board);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopReplayTimer();
  }

  /** The board as a standalone SVG document. */
  toSVG(options: { width?: number; height?: number } = {}): string {
    const board = this.props.board;
    if (!board) return boardToSvg('blank', [], [], () => undefined, options);
    return boardToSvg(board.background, board.list(), board.cardList(), (id) => this.library.get(id), options);
  }

  /** The board as a PNG picture. */
  async toPNG(options: { width?: number; height?: number } = {}): Promise<Blob> {
    const width = options.width ?? 1600;
    const height = options.height ?? 1000;
    const image = new Image(width, height);
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(this.toSVG({ width, height }))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(image, 0, 0, width, height);
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'));
  }

  private say(text: string): void {
    // A changed string is announced again even when the words repeat.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private onEntries(entries: LogEntry[]): void {
    const nameOf = (id: string): string => this.library.get(id)?.name ?? 'prop';
    this.say(entries.slice(-3).map((e) => describeEntry(e, { nameOf, selfId: this.props.me.id })).join('. '));
  }

  private denied(): boolean {
    if (this.props.canEdit) return false;
    this.say(this.props.session?.canWrite('space') ? 'The board is on hold for now.' : 'You can watch this board but not change it.');
    return true;
  }

  private choose(propId: string, itemId: string | null = null): void {
    if (this.denied()) return;
    this.placing = { propId, itemId, x: 0.5, y: 0.5 };
    const name = this.library.get(propId)?.name ?? 'prop';
    this.say(`Placing the ${name}. Arrow keys move it, Enter puts it down, Escape cancels. Or choose a spot on the board.`);
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
    return { x: clamp((event.clientX - rect.left) / rect.width), y: clamp((event.clientY - rect.top) / rect.height) };
  }

  private onBoardClick(event: MouseEvent): void {
    if (this.replay) return;
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    // detail 0: a click made by a key press, which the keydown handler has handled.
    if (event.detail === 0) return;
    if (this.placing) {
      const { x, y } = this.spot(event);
      void this.commitPlacing(x, y);
    } else if (this.carried && this.props.board) {
      const { x, y } = this.spot(event);
      const id = this.carried.id;
      this.props.board.move(id, x, y, this.props.me, { log: false });
      this.putDown(id);
    } else if (target) {
      this.selected = target.dataset['item'] ?? null;
    }
  }

  private onBoardKeydown(event: KeyboardEvent): void {
    if (this.replay) return;
    const action = keyAction(event);
    if (!action) return;
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    if (this.placing) {
      event.preventDefault();
      const p = this.placing;
      if (action.kind === 'nudge') this.placing = { ...p, x: clamp(p.x + action.dx), y: clamp(p.y + action.dy) };
      else if (action.kind === 'toggle') void this.commitPlacing(p.x, p.y);
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
    const me = this.props.me;
    const name = itemName(item, this.library);
    switch (action.kind) {
      case 'nudge':
        board.move(id, item.x + action.dx, item.y + action.dy, me, { log: false });
        if (!this.carried) this.pendingMove = id;
        break;
      case 'toggle':
        if (this.carried?.id === id) this.putDown(id);
        else {
          this.commitPending();
          this.carried = { id, x: item.x, y: item.y };
          this.say(`Picked up the ${name}. Arrow keys move it, Enter puts it down, Escape puts it back.`);
        }
        break;
      case 'cancel':
        if (this.carried?.id === id) {
          board.move(id, this.carried.x, this.carried.y, me, { log: false });
          this.carried = null;
          this.say(`Put the ${name} back where it was.`);
        }
        break;
      case 'rotate':
        board.rotate(id, action.degrees, me);
        this.say(`Turned the ${name}.`);
        break;
      case 'resize':
        board.resize(id, action.factor, me);
        this.say(action.factor > 1 ? `The ${name} is larger.` : `The ${name} is smaller.`);
        break;
      case 'away':
        this.putAway(id);
        break;
    }
  }

  private putDown(id: string): void {
    const board = this.props.board;
    const item = board?.item(id);
    this.carried = null;
    this.pendingMove = null;
    if (!board || !item) return;
    board.putDown(id, this.props.me);
    fire(this, 'attune-prop-move', { itemId: id, propId: item.propId });
  }

  private commitPending(): void {
    if (this.pendingMove && this.carried?.id !== this.pendingMove) this.putDown(this.pendingMove);
  }

  private putAway(id: string): void {
    const board = this.props.board;
    const item = board?.item(id);
    if (!board || !item || this.denied()) return;
    board.putAway(id, this.props.me);
    if (this.carried?.id === id) this.carried = null;
    if (this.pendingMove === id) this.pendingMove = null;
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

  private startReplay(): void {
    const frames = replayFrames(this.props.board?.entries() ?? []);
    if (frames.length === 0) return this.say('Nothing has been placed yet.');
    this.replay = { frames, index: 0, playing: false };
    this.sayFrame();
  }

  private stepReplay(delta: number): void {
    const r = this.replay;
    if (!r) return;
    const index = Math.min(r.frames.length - 1, Math.max(0, r.index + delta));
    this.replay = { ...r, index, playing: r.playing && index < r.frames.length - 1 };
    if (!this.replay.playing) this.stopReplayTimer();
    this.sayFrame();
  }

  private sayFrame(): void {
    const frame = this.replay?.frames[this.replay.index];
    if (frame) this.say(describeEntry(frame.entry, { nameOf: (id) => this.library.get(id)?.name ?? 'prop', selfId: this.props.me.id }));
  }

  private togglePlay(): void {
    const r = this.replay;
    if (!r) return;
    if (r.playing) {
      this.stopReplayTimer();
      this.replay = { ...r, playing: false };
      return;
    }
    this.replay = { ...r, playing: true, index: r.index >= r.frames.length - 1 ? 0 : r.index };
    this.replayTimer = setInterval(() => this.stepReplay(1), 900);
  }

  private stopReplayTimer(): void {
    if (this.replayTimer) clearInterval(this.replayTimer);
    this.replayTimer = null;
  }

  private download(name: string, blob: Blob): void {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  private items(): BoardItem[] {
    const r = this.replay;
    if (!r) return this.props.board?.list() ?? [];
    return (r.frames[r.index]?.items ?? []).map((i, z) => ({ ...i, rotation: 0, scale: 1, z, label: '', group: '', placedBy: null, movedBy: null, fromBag: false }));
  }

  protected override render(): unknown {
    const { board, frame } = this.props;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
    if (!board || !frame) return html`<p part="notice">Connecting to the board…</p>${live}`;
    if (this.props.hidden) return html`<p part="notice">The board is hidden for now.</p>${live}`;
    const editable = this.props.canEdit && !this.replay;
    const facilitator = this.props.facilitator;
    const frameState = frame.state;
    const items = this.items();
    const selected = this.selected ? board.item(this.selected) : null;
    const placingProp = this.placing ? this.library.get(this.placing.propId) : undefined;
    const me = this.props.me;
    const act = (fn: (id: string) => void) => () => this.selected && !this.denied() && fn(this.selected);
    return html`
      ${!facilitator && (frameState.hold || frameState.locked)
        ? html`<p part="notice">${frameState.hold ? 'The room is on hold.' : 'The board is locked.'} You can look but not change it.</p>`
        : nothing}
      ${facilitator ? renderFrameTools(frameState, board.background, {
            background: (id) => board.setBackground(id),
            set: (key, value) => frame.set(key, value),
            clear: () => (board.clear(me), this.say('You cleared the board. Undo brings it back.')),
          }) : nothing}
      <div class="row" part="toolbar">
        <label>Find a prop <input type="search" .value=${this.query} @input=${(e: Event) => (this.query = (e.currentTarget as HTMLInputElement).value)} /></label>
        <button @click=${() => this.props.undo?.undo()} ?disabled=${!editable}>Undo my last change</button>
        <button @click=${() => this.startReplay()}>Replay placements</button>
        <button @click=${() => this.download('board.svg', new Blob([this.toSVG()], { type: 'image/svg+xml' }))}>Save as SVG</button>
        <button @click=${() => void this.toPNG().then((b) => this.download('board.png', b))}>Save as PNG</button>
      </div>
      ${this.replay ? renderReplay(this.replay.index, this.replay.frames.length, this.replay.playing, {
            step: (d) => this.stepReplay(d), play: () => this.togglePlay(), exit: () => ((this.replay = null), this.stopReplayTimer()),
          }) : renderPalette(this.library.search(this.query), this.placing?.propId ?? null, !editable, (p) => this.choose(p.id))}
      <div
        part="board"
        role="group"
        aria-label=${`Prop board, ${BACKGROUNDS[board.background].name}, ${items.filter((i) => i.onBoard).length} props${this.placing ? `, placing the ${placingProp?.name ?? 'prop'}` : ''}`}
        aria-describedby="board-help"
        tabindex="-1"
        class=${this.placing ? 'placing' : ''}
        @click=${this.onBoardClick}
        @keydown=${this.onBoardKeydown}
        @focusout=${(e: FocusEvent) => (e.target as HTMLElement).dataset['item'] && this.commitPending()}
      >
        <img class="background" src=${propUrl({ svg: BACKGROUNDS[board.background].svg } as never)} alt="" />
        ${items.filter((i) => i.onBoard).map((item, layer) => renderItem(item, this.library, { selected: item.id === this.selected, carried: item.id === this.carried?.id, editable, layer }))}
        ${this.placing ? html`<div part="marker" style=${`left:${this.placing.x * 100}%;top:${this.placing.y * 100}%`}><img src=${propUrl(placingProp)} alt="" /></div>` : nothing}
      </div>
      <p id="board-help" class="visually-hidden">Choose a prop, then use the arrow keys and Enter, or choose a spot. On a placed prop: arrow keys nudge, Enter picks up and puts down, R turns, plus and minus resize, Delete puts it away.</p>
      ${selected && selected.onBoard && editable ? renderSelection(selected, this.library, this.carried?.id === selected.id, this.props.participants(), {
            toggleCarry: act((id) => this.act(id, { kind: 'toggle' })),
            rotate: (d) => act((id) => this.act(id, { kind: 'rotate', degrees: d }))(),
            resize: (f) => act((id) => this.act(id, { kind: 'resize', factor: f }))(),
            layer: (w) => act((id) => board.layer(id, w, me))(),
            label: (t) => act((id) => board.setLabel(id, t, me))(),
            group: (g) => act((id) => board.group([id], g, me))(),
            hand: (to) => act((id) => this.hand(id, to))(),
            away: act((id) => this.putAway(id)),
          }) : nothing}
      ${renderHands(items, this.library, me, facilitator, (item) => this.choose(item.propId, item.id))}
      ${renderCards(board.cardList(), me, editable, {
        add: (title, text) => board.addCard(title, text, 0.5, 0.15, me),
        take: (id, take) => board.takeRole(id, take ? me : null),
        remove: (id) => board.removeCard(id),
      })}
      ${live}
    `;
  }
}
