/**
 * The instrument's keys or pads on the stage: one group with a name, one Tab
 * stop (roving tabindex), each key named by its note and coloured by its
 * pitch class (`--hue`), placed in the grid the element chose.
 */
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { InstrumentInfo } from '../instruments.js';
import { cellOf, padHue, pitchHue } from '../key-grid.js';
import type { KeyGrid } from '../key-grid.js';
import { KEYBOARD_ROW, noteName, scaleKeys } from '../scales.js';
import type { ScaleName } from '../scales.js';
import type { Midi } from '../units.js';

export interface Target {
  midi: Midi;
  label: string;
  /** The computer key that plays it from the letter row. */
  hint: string | null;
  hue: number;
}

/** What an instrument offers to play: its pads, or its keys in the scale from the tonic. */
export function targetsOf(info: InstrumentInfo, scale: ScaleName, root: number): Target[] {
  if (info.layout === 'pads') {
    return (info.pads ?? []).map((pad, i, all) => ({
      midi: pad.midi,
      label: pad.label,
      hint: KEYBOARD_ROW[i] ?? null,
      hue: padHue(i, all.length),
    }));
  }
  return scaleKeys(info.low ?? 60, info.steps ?? 8, scale, root).map((midi, i) => ({
    midi,
    label: noteName(midi),
    hint: KEYBOARD_ROW[i] ?? null,
    hue: pitchHue(midi),
  }));
}

/** What the keys call back into the element for. */
export interface KeyHandlers {
  focused(index: number): void;
  pointerDown(event: PointerEvent, midi: Midi): void;
  pointerUp(event: PointerEvent): void;
  /** Arrow keys, Home, End: true when the key was used to move focus. */
  move(event: KeyboardEvent, index: number, count: number): boolean;
  /** Enter or Space on a key (`midi`), or a letter of the row anywhere on the instrument (null). */
  keyDown(event: KeyboardEvent, midi: Midi | null): void;
  keyUp(event: KeyboardEvent): void;
}

export interface InstrumentView {
  targets: readonly Target[];
  grid: KeyGrid;
  pads: boolean;
  /** This person's keys rest (listening, paused, observer): they stay focusable and say why. */
  disabled: boolean;
  /** The key that is the group's Tab stop. */
  active: number;
  label: string;
  /** Call and response: it is this person's turn. */
  turn: boolean;
  /** The side of a round pad, px, once the stage is measured. */
  padSize: number | null;
  host: KeyHandlers;
}

export function renderInstrument(view: InstrumentView): unknown {
  const { targets, grid, pads, disabled, host } = view;
  return html`<div
    part="instrument"
    role="group"
    class=${pads ? 'pads' : 'keys'}
    style=${styleMap({
      '--columns': String(grid.columns),
      '--rows': String(grid.rows),
      '--pad-size': view.padSize === null ? null : `${view.padSize}px`,
    })}
    ?data-turn=${view.turn}
    aria-label=${view.label}
    aria-describedby="play-help"
    @keydown=${(e: KeyboardEvent) => host.keyDown(e, null)}
    @keyup=${(e: KeyboardEvent) => host.keyUp(e)}
  >
    ${targets.map((t, i) => {
      const cell = cellOf(i, grid);
      // Two tracks a key; the top row, if short, is moved in by half a key per missing key.
      const shortBy = cell.row === 1 ? grid.columns * grid.rows - targets.length : 0;
      const track = (cell.column - 1) * 2 + 1 + shortBy;
      // `lit` and --flash are set in place by the note lights, not by rendering.
      return html`<button
        part=${pads ? 'pad' : 'key'}
        aria-label=${t.label}
        aria-keyshortcuts=${t.hint ?? nothing}
        aria-disabled=${disabled ? 'true' : 'false'}
        aria-describedby=${disabled ? 'inactive-reason' : nothing}
        tabindex=${i === view.active ? '0' : '-1'}
        data-midi=${t.midi}
        style=${styleMap({ '--hue': String(t.hue), gridRow: String(cell.row), gridColumn: `${track} / span 2` })}
        @focus=${() => host.focused(i)}
        @pointerdown=${(e: PointerEvent) => !disabled && host.pointerDown(e, t.midi)}
        @pointerup=${(e: PointerEvent) => host.pointerUp(e)}
        @pointercancel=${(e: PointerEvent) => host.pointerUp(e)}
        @keydown=${(e: KeyboardEvent) => {
          e.stopPropagation();
          if (host.move(e, i, targets.length)) return;
          if (!disabled) host.keyDown(e, t.midi);
        }}
        @keyup=${(e: KeyboardEvent) => host.keyUp(e)}
        @contextmenu=${(e: Event) => e.preventDefault()}
      >
        <span part="note-name" class="name">${t.label}</span>
      </button>`;
    })}
  </div>`;
}
