import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { sessionContext } from '@attune/session';
import type { Session } from '@attune/session';
import { InstrumentSpaceController } from '../controller.js';
import type { ReplayEvent } from '../controller.js';
import type { NotePlayDetail } from '../events.js';
import { instrumentInfo } from '../instruments.js';
import type { InstrumentInfo } from '../instruments.js';
import { chooseGrid, moveFrom } from '../key-grid.js';
import type { KeyGrid } from '../key-grid.js';
import { KEYBOARD_ROW } from '../scales.js';
import { connectMidiInput } from '../web-midi.js';
import { styles } from './attune-instrument-space.styles.js';
import { NoteLights } from './note-lights.js';
import { renderInstrument, targetsOf } from './keys.js';
import { StageSize } from './stage-size.js';
import type { KeyHandlers, Target } from './keys.js';
import { renderBar, renderMenus, renderRecording } from './menus.js';
import type { BarActions, MenuId } from './menus.js';
import { statusLine } from './panels.js';
import { inactiveReason, renderTurn } from './turn-panel.js';

/** Gap between keys, px (as in the styles). */
const GAP = 6;

/**
 * @summary A shared instrument space: everyone plays synthesized instruments
 * together with their own sound immediate, sees who plays what, and follows
 * the therapist's modes (free play, shared pulse, call and response, scale lock).
 *
 * The element fills its box: give it a height (it takes 100% of its container)
 * and the keys or pads take nearly all of it, in one row on a wide screen and
 * in stacked rows on a phone. Arrow keys move between keys, Enter or Space plays.
 *
 * @event attune-note-play - The local person played a note.
 * @event attune-sound-start - The local person turned the sound on.
 * @csspart base - The whole space.
 * @csspart bar - The bar above the stage: tools, pulse, recording mark, status.
 * @csspart toolbar - The icon tools: start sound or own volume, instrument, players, settings, more.
 * @csspart tool - One icon tool.
 * @csspart menu - A popover opened by a tool.
 * @csspart instrument-choice - An instrument in the instrument menu.
 * @csspart start - The "start sound" button.
 * @csspart status - The line saying mode and scale.
 * @csspart recording - The mark shown while notes are recorded.
 * @csspart latency-level - The therapist's mark of the slowest round trip, on the players tool.
 * @csspart turn - Call and response: whose turn it is, and passing or handing back the turn.
 * @csspart hand-back - The "Done, back to the therapist" button of the one whose turn it is.
 * @csspart beat - The visual pulse.
 * @csspart stage - The area the instrument fills.
 * @csspart instrument - The group of keys or pads.
 * @csspart key - A key (with `lit` while it sounds).
 * @csspart pad - A pad (with `lit` while it sounds).
 * @csspart note-name - The small note name on a key.
 * @csspart players - Who is here, what they play, their delay (therapist).
 * @csspart player - One participant.
 * @csspart latency - A participant's round trip, coloured by level.
 * @csspart therapist - The therapist's controls.
 * @cssproperty --attune-music-key-size - Smallest side of a key (default the target size token).
 * @cssproperty --attune-music-key-lightness - Lightness of a resting key, 0 to 1 (default 0.94).
 * @cssproperty --attune-music-key-chroma - Colourfulness of a resting key (default 0.05; 0 gives grey keys).
 * @cssproperty --attune-music-glow - How far a sounding key glows (default 18px).
 */
export class AttuneInstrumentSpaceElement extends LitElement {
  static override styles = styles;

  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** Large targets: keys and pads half again as big. */
  @property({ type: Boolean, reflect: true }) large = false;

  @state() private midiStatus = '';
  @state() private openMenu: MenuId | null = null;
  /** Which key is the group's one Tab stop (roving tabindex). */
  @state() private active = 0;

  private grid: KeyGrid = { columns: 1, rows: 1 };
  private readonly stage = new StageSize(this, '[part="stage"]', '.probe');

  private readonly controller = new InstrumentSpaceController(this);
  private readonly pointers = new Map<number, number>();
  private readonly keysDown = new Map<string, number>();
  private stopMidi: (() => void) | null = null;
  private lights: NoteLights | null = null;
  /**
   * Each key's box, read outside the press: the press itself leaves style to recompute (the key
   * takes :hover and :active), so reading layout in the handler would put a style pass before the sound.
   */
  private keyBoxes = new WeakMap<Element, DOMRect>();
  private readonly forgetKeyBoxes = (): void => {
    this.keyBoxes = new WeakMap();
  };
  /** Set when the hand-back button is pressed: it goes away with the turn, and focus moves to the keys. */
  private refocusKeys = false;

  /** True once the sound is on. */
  get soundOn(): boolean {
    return this.controller.soundOn;
  }

  /** Turns the sound on. Call it from a user gesture (a click), as browsers require. */
  async startSound(): Promise<void> {
    await this.controller.startSound();
    this.dispatchEvent(new CustomEvent('attune-sound-start', { detail: {}, bubbles: true, composed: true }));
  }

  /** Plays a recorded note log (the export's `events`) back; returns how many notes it holds. */
  replay(events: readonly ReplayEvent[], speed = 1): number {
    return this.controller.replay(events, speed);
  }

  /** The controller, for integrations and tests that need the model or the note link. */
  get music(): InstrumentSpaceController {
    return this.controller;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.session) this.controller.setSession(this.session);
    const lights = (this.lights ??= new NoteLights(this.renderRoot, this.controller));
    this.controller.onLight = () => lights.request();
    lights.request();
    // Keys move when anything scrolls or the window resizes; their boxes are read again on the next press.
    window.addEventListener('scroll', this.forgetKeyBoxes, { capture: true, passive: true });
    window.addEventListener('resize', this.forgetKeyBoxes, { passive: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller.onLight = null;
    this.lights?.dispose();
    window.removeEventListener('scroll', this.forgetKeyBoxes, { capture: true });
    window.removeEventListener('resize', this.forgetKeyBoxes);
    this.forgetKeyBoxes();
    this.stopMidi?.();
    this.stopMidi = null;
    this.pointers.clear();
    this.keysDown.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.isConnected) this.controller.setSession(this.session ?? null);
    const info = this.currentInstrument();
    if (!info || !this.controller.state) return;
    const count = this.targets(info).length;
    this.grid = chooseGrid(count, info.layout, {
      width: this.stage.width,
      height: this.stage.height,
      gap: GAP,
      minWidth: this.stage.keyPx * 1.3,
      minHeight: this.stage.keyPx,
    });
    if (this.stage.width === 0) this.grid = { columns: count, rows: 1 };
    this.active = Math.min(this.active, Math.max(0, count - 1));
  }

  private targets(info: InstrumentInfo): Target[] {
    const s = this.controller.state!;
    return targetsOf(info, s.scale, s.root);
  }

  private play(midi: number, velocity: number): void {
    const played = this.controller.noteOn(midi, velocity);
    if (played !== null) this.announcePlayed(played, velocity);
  }

  private announcePlayed(played: number, velocity: number): void {
    const instrument = this.controller.mySettings!.instrument;
    const detail: NotePlayDetail = { instrument, midi: played, velocity: Math.round(velocity) };
    this.dispatchEvent(new CustomEvent('attune-note-play', { detail, bubbles: true, composed: true }));
  }

  /** Velocity from pen pressure when there is one, else from where the key was struck (lower is louder). */
  private velocityOf(event: PointerEvent): number {
    if (event.pointerType === 'pen' && event.pressure > 0) return 20 + event.pressure * 107;
    const rect = this.keyBox(event.currentTarget as HTMLElement, event.clientX, event.clientY);
    const y = rect.height > 0 ? (event.clientY - rect.top) / rect.height : 0.6;
    return 40 + Math.min(1, Math.max(0, y)) * 87;
  }

  /** The key's box as last read, read again when unknown or when the press lies outside it (it moved). */
  private keyBox(key: HTMLElement, x: number, y: number): DOMRect {
    const known = this.keyBoxes.get(key);
    if (known && x >= known.left && x <= known.right && y >= known.top && y <= known.bottom) return known;
    const rect = key.getBoundingClientRect();
    this.keyBoxes.set(key, rect);
    return rect;
  }

  private onPointerDown(event: PointerEvent, midi: number): void {
    if (event.button > 0) return;
    // The note first: nothing else this handler does is heard, so all of it can wait until it sounds.
    const velocity = this.velocityOf(event);
    const played = this.controller.noteOn(midi, velocity);
    event.preventDefault();
    try {
      // Keeps the finger's release on this key even if it slides off.
      (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    } catch {
      // Pointers synthesized by assistive tools cannot be captured; the release still arrives.
    }
    this.pointers.set(event.pointerId, midi);
    if (played !== null) this.announcePlayed(played, velocity);
  }

  private handBack(): void {
    this.refocusKeys = this.controller.turns?.handBack() ?? false;
  }

  protected override updated(): void {
    // A render may reuse keys for other notes and move them. Their boxes are read here, where the
    // layout is due anyway for the next frame, rather than by the next press.
    this.lights?.paint();
    this.forgetKeyBoxes();
    for (const key of this.renderRoot.querySelectorAll('[data-midi]')) {
      this.keyBoxes.set(key, key.getBoundingClientRect());
    }
    const root = this.shadowRoot!;
    if (!this.refocusKeys || root.querySelector('[part="hand-back"]')) return;
    this.refocusKeys = false;
    if (!root.activeElement) root.querySelector<HTMLElement>('[data-midi][tabindex="0"]')?.focus();
  }

  private onPointerUp(event: PointerEvent): void {
    const midi = this.pointers.get(event.pointerId);
    if (midi === undefined) return;
    this.pointers.delete(event.pointerId);
    this.controller.noteOff(midi);
  }

  /** Arrow keys, Home and End move between keys (one Tab stop for the whole instrument); nothing sounds. */
  private moveFocus(event: KeyboardEvent, index: number, count: number): boolean {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
    const next = moveFrom(index, event.key, this.grid, count);
    if (next === null) {
      // At an edge the arrow still belongs to the instrument: the page must not scroll.
      if (event.key.startsWith('Arrow') || event.key === 'Home' || event.key === 'End')
        event.preventDefault();
      return event.defaultPrevented;
    }
    event.preventDefault();
    this.active = next;
    this.renderRoot.querySelectorAll<HTMLElement>('[data-midi]')[next]?.focus();
    return true;
  }

  private onKeyDown(event: KeyboardEvent, midi: number | null): void {
    if (event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    let note = midi !== null && (key === 'enter' || key === ' ') ? midi : null;
    if (note === null) {
      const index = KEYBOARD_ROW.indexOf(key);
      const info = this.currentInstrument();
      if (index < 0 || !info) return;
      note = this.targets(info)[index]?.midi ?? null;
    }
    if (note === null) return;
    event.preventDefault();
    this.keysDown.set(key, note);
    this.play(note, event.shiftKey ? 55 : 96);
  }

  private onKeyUp(event: KeyboardEvent): void {
    const key = event.key.toLowerCase();
    const note = this.keysDown.get(key);
    if (note === undefined) return;
    this.keysDown.delete(key);
    this.controller.noteOff(note);
  }

  private currentInstrument(): InstrumentInfo | undefined {
    const settings = this.controller.mySettings;
    return settings ? instrumentInfo(settings.instrument) : undefined;
  }

  private async toggleMidi(): Promise<void> {
    if (this.stopMidi) {
      this.stopMidi();
      this.stopMidi = null;
      this.midiStatus = 'MIDI keyboard disconnected';
      return;
    }
    const result = await connectMidiInput(
      {
        noteOn: (midi, velocity) => this.play(midi, velocity),
        noteOff: (midi) => this.controller.noteOff(midi),
      },
      (message) => {
        if (this.stopMidi) this.midiStatus = message;
      },
    );
    this.stopMidi = result.stop;
    this.midiStatus = result.message;
  }

  private readonly barActions: BarActions = {
    startSound: () => void this.startSound(),
    toggleMidi: () => void this.toggleMidi(),
    toggleLarge: () => {
      this.large = !this.large;
    },
    toggled: (id, open) => {
      if (open) this.openMenu = id;
      else if (this.openMenu === id) this.openMenu = null;
    },
  };

  private readonly keyHandlers: KeyHandlers = {
    focused: (index) => {
      if (this.active !== index) this.active = index;
    },
    pointerDown: (event, midi) => this.onPointerDown(event, midi),
    pointerUp: (event) => this.onPointerUp(event),
    move: (event, index, count) => this.moveFocus(event, index, count),
    keyDown: (event, midi) => this.onKeyDown(event, midi),
    keyUp: (event) => this.onKeyUp(event),
  };

  protected override render(): unknown {
    const c = this.controller;
    const s = c.state;
    const me = c.me;
    const settings = c.mySettings;
    if (!s || !me || !settings) {
      return html`<div part="base">
        <p part="status" role="status">Connecting to the instrument space…</p>
        <div part="stage"></div>
        <span class="probe" aria-hidden="true"></span>
      </div>`;
    }
    const info = instrumentInfo(settings.instrument)!;
    const reason = inactiveReason(c, s);
    const disabled = reason !== null;
    const targets = this.targets(info);
    const grid = this.grid;
    const pads = info.layout === 'pads';
    const bar = { open: this.openMenu, midiOn: this.stopMidi !== null, large: this.large, disabled };
    // Pads are round: as large as their cell's shorter side.
    const cellWidth = (this.stage.width - GAP * (grid.columns - 1)) / grid.columns;
    const cellHeight =
      this.stage.height > 0 ? (this.stage.height - GAP * (grid.rows - 1)) / grid.rows : cellWidth;
    const padSide = Math.max(0, Math.floor(Math.min(cellWidth, cellHeight)));
    return html`
      <div part="base">
        <div part="bar">
          ${renderBar(c, bar, this.barActions)}
          ${s.pulse.on ? html`<span part="beat" aria-hidden="true"></span>` : nothing} ${renderRecording(c)}
          <p part="status" role="status" aria-live="polite">
            ${statusLine(c, s)}${this.midiStatus ? ` ${this.midiStatus}.` : ''}
          </p>
        </div>
        ${renderTurn(c, s, () => this.handBack())}
        ${reason ? html`<span id="inactive-reason" hidden>${reason}</span>` : nothing}
        <span id="play-help" hidden>Arrow keys move between notes; Enter or Space plays.</span>
        <div part="stage">
          ${renderInstrument({
            targets,
            grid,
            pads,
            disabled,
            active: this.active,
            label: `${info.label}${c.listening ? ' (listening)' : disabled ? ' (paused)' : ''}`,
            turn: s.mode === 'call-response' && s.turn === me.id,
            padSize: this.stage.width > 0 ? padSide : null,
            host: this.keyHandlers,
          })}
        </div>
        <span class="probe" aria-hidden="true"></span>
        ${renderMenus(c, bar, this.barActions)}
      </div>
    `;
  }
}
