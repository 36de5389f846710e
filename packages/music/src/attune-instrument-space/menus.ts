/**
 * The space's one compact bar of icon tools and the small menus they open.
 * What a player uses most (start sound, instrument) is in view; the rest
 * (own volume, MIDI keyboard, large keys, the players list with their round
 * trips, the therapist's settings) opens in a native popover beside its tool:
 * Escape or a press outside closes it, and focus goes back to the tool.
 */
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { TemplateResult } from 'lit';
import {
  Bell,
  CircleDot,
  Drum,
  Ellipsis,
  Guitar,
  Hand,
  KeyboardMusic,
  Music,
  Piano,
  SlidersHorizontal,
  Sparkles,
  Users,
  Volume2,
} from 'lucide';
import { icon } from '@attune/session/ui';
import type { IconNode } from '@attune/session/ui';
import type { InstrumentSpaceController } from '../controller.js';
import { instrumentIds, instrumentInfo } from '../instruments.js';
import { latencyLevel } from '../latency.js';
import type { LatencyLevel } from '../latency.js';
import { renderPlayers, renderTherapistPanel } from './panels.js';

const INSTRUMENT_ICON: Record<string, IconNode> = {
  keys: Piano,
  marimba: KeyboardMusic,
  'chime-bars': Bell,
  guitar: Guitar,
  harp: Music,
  'drum-kit': Drum,
  'hand-drum': Hand,
  shaker: Sparkles,
};

/** The icon for an instrument (a note for ones registered without one). */
export const instrumentIcon = (id: string): IconNode => INSTRUMENT_ICON[id] ?? Music;

export const MENU = {
  instrument: 'instrument-menu',
  volume: 'volume-menu',
  players: 'players-menu',
  settings: 'settings-menu',
  more: 'more-menu',
} as const;
export type MenuId = (typeof MENU)[keyof typeof MENU];

export interface BarState {
  /** The popover open now, if any. */
  open: MenuId | null;
  midiOn: boolean;
  large: boolean;
  /** This person may not change their instrument or volume now (assigned, paused, listening). */
  disabled: boolean;
}

export interface BarActions {
  startSound(): void;
  toggleMidi(): void;
  toggleLarge(): void;
  /** A popover opened or closed. */
  toggled(id: MenuId, open: boolean): void;
}

const ORDER: Record<LatencyLevel, number> = { unknown: 0, good: 1, fair: 2, poor: 3 };
const LEVEL_WORD: Record<LatencyLevel, string> = {
  good: 'good',
  fair: 'fair',
  poor: 'poor',
  unknown: 'not measured yet',
};

/** The slowest round trip among the others, for the therapist's players tool. */
function slowest(c: InstrumentSpaceController): { level: LatencyLevel; rtt: number | null } {
  let worst: { level: LatencyLevel; rtt: number | null } = { level: 'unknown', rtt: null };
  for (const { user, music } of c.participants()) {
    if (user.id === c.me?.id) continue;
    const level = latencyLevel(music?.rtt);
    if (ORDER[level] > ORDER[worst.level]) worst = { level, rtt: music?.rtt ?? null };
  }
  return worst;
}

function tool(
  id: MenuId,
  label: string,
  tip: string,
  glyph: IconNode,
  state: BarState,
  extra: unknown = nothing,
): TemplateResult {
  return html`<button
    class="tool"
    part="tool"
    id=${`${id}-tool`}
    style=${styleMap({ 'anchor-name': `--${id}` })}
    popovertarget=${id}
    aria-label=${label}
    aria-expanded=${state.open === id ? 'true' : 'false'}
    data-tip=${tip}
  >
    ${icon(glyph)}${extra}
  </button>`;
}

/** The bar of tools: start sound (or own volume), instrument, players, therapist's settings, more. */
export function renderBar(c: InstrumentSpaceController, state: BarState, actions: BarActions): unknown {
  const settings = c.mySettings!;
  const info = instrumentInfo(settings.instrument);
  const label = info?.label ?? settings.instrument;
  const people = c.participants().length;
  const worst = c.isFacilitator ? slowest(c) : null;
  const playersLabel =
    `Players: ${people} here` +
    (worst && worst.rtt !== null
      ? `, slowest round trip ${Math.round(worst.rtt)} ms, ${LEVEL_WORD[worst.level]}`
      : '');
  return html`<div
    class="toolbar below"
    part="toolbar"
    role="toolbar"
    aria-label="Music tools"
    @keydown=${moveAlongBar}
  >
    ${
      c.soundOn
        ? tool(MENU.volume, 'My volume', 'My volume', Volume2, state)
        : html`<button part="start" class="start" @click=${actions.startSound}>
            ${icon(Volume2)}<span>Start sound</span>
          </button>`
    }
    ${tool(MENU.instrument, `Instrument: ${label}`, `Instrument: ${label}`, instrumentIcon(settings.instrument), state)}
    ${tool(
      MENU.players,
      playersLabel,
      c.isFacilitator ? 'Players and their delay' : 'Players',
      Users,
      state,
      html`<span class="count" aria-hidden="true">${people}</span>${
          worst && worst.level !== 'unknown'
            ? html`<span
                class="level"
                part="latency-level"
                data-level=${worst.level}
                aria-hidden="true"
              ></span>`
            : nothing
        }`,
    )}
    ${
      c.isFacilitator
        ? tool(MENU.settings, 'Music settings', 'Mode, pulse, scale, volume', SlidersHorizontal, state)
        : nothing
    }
    ${tool(MENU.more, 'More', 'MIDI keyboard, large keys', Ellipsis, state)}
  </div>`;
}

/** Left and Right move between the bar's tools (each stays a Tab stop too). */
function moveAlongBar(event: KeyboardEvent): void {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const bar = event.currentTarget as HTMLElement;
  const tools = [...bar.querySelectorAll<HTMLElement>('button')];
  const at = tools.indexOf(event.target as HTMLElement);
  const next = tools[at + (event.key === 'ArrowRight' ? 1 : -1)];
  if (at < 0 || !next) return;
  event.preventDefault();
  next.focus();
}

/** The recording mark, shown to everyone while the notes played are recorded. */
export function renderRecording(c: InstrumentSpaceController): unknown {
  return c.recording
    ? html`<span part="recording" class="recording" role="img" aria-label="Notes played are being recorded"
        >${icon(CircleDot, '1em')}<span aria-hidden="true">Recording</span></span
      >`
    : nothing;
}

/** Menus closing with focus inside them. */
const refocus = new WeakSet<HTMLElement>();

function menu(id: MenuId, label: string, actions: BarActions, body: unknown): TemplateResult {
  return html`<div
    id=${id}
    class="menu"
    part="menu"
    style=${styleMap({ 'position-anchor': `--${id}` })}
    popover
    role="dialog"
    aria-label=${label}
    @beforetoggle=${(e: ToggleEvent) => {
      // Closing with focus inside (Escape, or a choice made): focus goes back to the tool.
      const menuNode = e.currentTarget as HTMLElement;
      const root = menuNode.getRootNode() as ShadowRoot;
      if (e.newState === 'closed' && menuNode.contains(root.activeElement)) refocus.add(menuNode);
    }}
    @toggle=${(e: ToggleEvent) => {
      const menuNode = e.currentTarget as HTMLElement;
      if (e.newState === 'closed' && refocus.delete(menuNode)) {
        (menuNode.getRootNode() as ShadowRoot).getElementById(`${id}-tool`)?.focus();
      }
      actions.toggled(id, e.newState === 'open');
    }}
  >
    ${body}
  </div>`;
}

/** The popovers the bar's tools open. Closed ones are not rendered visible, so they cost no layout. */
export function renderMenus(c: InstrumentSpaceController, state: BarState, actions: BarActions): unknown {
  const me = c.me!;
  const settings = c.mySettings!;
  const model = c.model!;
  return html`
    ${menu(
      MENU.instrument,
      'Instrument',
      actions,
      html`<p class="menu-title">Instrument</p>
        ${settings.assigned ? html`<p class="note">The therapist chose this instrument for you.</p>` : nothing}
        <div class="choices" role="group" aria-label="Instruments">
          ${instrumentIds().map(
            (id) =>
              html`<button
                class="choice"
                part="instrument-choice"
                aria-pressed=${id === settings.instrument ? 'true' : 'false'}
                ?disabled=${state.disabled || settings.assigned}
                data-instrument=${id}
                @click=${() => model.setInstrument(me.id, id)}
              >
                ${icon(instrumentIcon(id))}<span>${instrumentInfo(id)!.label}</span>
              </button>`,
          )}
        </div>`,
    )}
    ${menu(
      MENU.volume,
      'My volume',
      actions,
      html`<label class="field"
        >My volume
        <input
          type="range"
          min="0"
          max="1"
          step="0.05"
          .value=${String(settings.volume)}
          ?disabled=${state.disabled || settings.volumeFixed}
          @change=${(e: Event) => model.setVolume(me.id, Number((e.target as HTMLInputElement).value))}
        />
      </label>`,
    )}
    ${menu(
      MENU.players,
      'Players',
      actions,
      html`<p class="menu-title">Players</p>
        ${renderPlayers(c)}`,
    )}
    ${c.isFacilitator ? menu(MENU.settings, 'Music settings', actions, renderTherapistPanel(c)) : nothing}
    ${menu(
      MENU.more,
      'More',
      actions,
      html`<div class="choices">
        <button class="choice" aria-pressed=${state.midiOn ? 'true' : 'false'} @click=${actions.toggleMidi}>
          ${icon(KeyboardMusic)}<span>MIDI keyboard</span>
        </button>
        <button class="choice" aria-pressed=${state.large ? 'true' : 'false'} @click=${actions.toggleLarge}>
          ${icon(Piano)}<span>Large keys</span>
        </button>
      </div>`,
    )}
  `;
}
