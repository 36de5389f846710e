/** Templates of the side panels: the selected prop's tools, hands, cards, the frame and replay. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Participant } from '../controller/props-controller.js';
import type { PropLibrary } from '../library/prop-library.js';
import { BACKGROUNDS, BACKGROUND_IDS } from '../model/backgrounds.js';
import type { BackgroundId } from '../model/backgrounds.js';
import type { BoardItem, RoleCard } from '../model/board-model.js';
import type { FrameState } from '../model/frame-model.js';
import type { Actor } from '../model/parse.js';
import { itemName } from './board-parts.js';

export interface SelectionActions {
  toggleCarry(): void;
  rotate(degrees: number): void;
  resize(factor: number): void;
  layer(where: 'front' | 'back'): void;
  label(text: string): void;
  group(name: string): void;
  hand(to: string): void;
  away(): void;
}

export function renderSelection(
  item: BoardItem,
  library: PropLibrary,
  carried: boolean,
  people: readonly Participant[],
  act: SelectionActions,
): TemplateResult {
  const name = itemName(item, library);
  const value = (event: Event, selector: string): string =>
    (
      (event.currentTarget as HTMLElement).parentElement?.querySelector(selector) as
        HTMLInputElement | HTMLSelectElement
    ).value;
  return html`<section part="selection" aria-label=${`The ${name}`}>
    <div class="row">
      <button @click=${act.toggleCarry} aria-pressed=${carried ? 'true' : 'false'}>
        ${carried ? 'Put down' : 'Pick up'}
      </button>
      <button @click=${() => act.rotate(-15)}>Turn left</button>
      <button @click=${() => act.rotate(15)}>Turn right</button>
      <button @click=${() => act.resize(1.25)}>Larger</button>
      <button @click=${() => act.resize(0.8)}>Smaller</button>
      <button @click=${() => act.layer('front')}>To the front</button>
      <button @click=${() => act.layer('back')}>To the back</button>
      <button @click=${act.away}>Put away</button>
    </div>
    <div class="row">
      <label>Label <input class="label" maxlength="80" .value=${item.label} /></label>
      <button @click=${(e: Event) => act.label(value(e, '.label'))}>Set label</button>
      <label>Group <input class="group" maxlength="40" .value=${item.group} /></label>
      <button @click=${(e: Event) => act.group(value(e, '.group'))}>Set group</button>
    </div>
    <div class="row">
      <label
        >Hand to
        <select class="hand">
          ${people.map((p) => html`<option value=${p.id}>${p.name || 'Someone'} (${p.role})</option>`)}
        </select></label
      >
      <button @click=${(e: Event) => act.hand(value(e, '.hand'))}>Hand over</button>
    </div>
  </section>`;
}

export function renderHands(
  items: readonly BoardItem[],
  library: PropLibrary,
  me: Actor,
  facilitator: boolean,
  people: readonly Participant[],
  act: { place(item: BoardItem): void; hand(item: BoardItem, to: string): void },
): TemplateResult | typeof nothing {
  const held = items.filter((item) => !item.onBoard);
  if (held.length === 0) return nothing;
  return html`<section part="hands" aria-label="Props in hands">
    <ul>
      ${held.map((item) => {
        const mine = item.heldBy?.id === me.id;
        const who = mine ? 'You hold' : `${item.heldBy?.name || 'Someone'} holds`;
        return html`<li>
          ${who} the ${itemName(item, library)}
          ${mine || facilitator ? handTools(item, itemName(item, library), people, act) : nothing}
        </li>`;
      })}
    </ul>
  </section>`;
}

function handTools(
  item: BoardItem,
  name: string,
  people: readonly Participant[],
  act: { place(item: BoardItem): void; hand(item: BoardItem, to: string): void },
): TemplateResult {
  const to = (event: Event): string =>
    ((event.currentTarget as HTMLElement).parentElement!.querySelector('select') as HTMLSelectElement).value;
  return html`<span class="row">
    <button @click=${() => act.place(item)}>Place the ${name}</button>
    <label
      >Hand the ${name} to
      <select>
        ${people.map((p) => html`<option value=${p.id}>${p.name || 'Someone'} (${p.role})</option>`)}
      </select></label
    >
    <button @click=${(e: Event) => act.hand(item, to(e))}>Hand over the ${name}</button>
  </span>`;
}

export function renderCards(
  cards: readonly RoleCard[],
  me: Actor,
  editable: boolean,
  /** Facilitators may give a role to anyone present. */
  people: readonly Participant[] | null,
  act: {
    add(title: string, text: string): void;
    take(id: string, take: boolean): void;
    give(id: string, to: string): void;
    remove(id: string): void;
  },
): TemplateResult {
  const to = (event: Event): string =>
    ((event.currentTarget as HTMLElement).parentElement!.querySelector('select') as HTMLSelectElement).value;
  const add = (event: Event): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const title = (form.elements.namedItem('title') as HTMLInputElement).value.trim();
    const text = (form.elements.namedItem('text') as HTMLInputElement).value.trim();
    if (title) act.add(title, text);
    form.reset();
  };
  return html`<section part="story" aria-label="Story and role cards">
    <ul part="cards">
      ${cards.map(
        (card) =>
          html`<li part="card">
            <h4>${card.title}</h4>
            <p>${card.text}</p>
            <p>
              ${card.role ? `Played by ${card.role.id === me.id ? 'you' : card.role.name || 'someone'}` : 'Nobody has this role yet'}
            </p>
            ${
              editable
                ? html`<button @click=${() => act.take(card.id, card.role?.id !== me.id)}>
                      ${card.role?.id === me.id ? `Give up the role ${card.title}` : `Take the role ${card.title}`}</button
                    ><button @click=${() => act.remove(card.id)}>Remove card ${card.title}</button>`
                : nothing
            }
            ${
              editable && people
                ? html`<div class="row">
                    <label
                      >Give the role ${card.title} to
                      <select>
                        ${people.map((p) => html`<option value=${p.id}>${p.name || 'Someone'} (${p.role})</option>`)}
                      </select></label
                    >
                    <button @click=${(e: Event) => act.give(card.id, to(e))}>
                      Give the role ${card.title}
                    </button>
                  </div>`
                : nothing
            }
          </li>`,
      )}
    </ul>
    ${
      editable
        ? html`<form class="row" @submit=${add}>
            <label>Card title <input name="title" maxlength="80" required /></label>
            <label>Card text <input name="text" maxlength="400" /></label>
            <button type="submit">Add card</button>
          </form>`
        : nothing
    }
  </section>`;
}

export function renderFrameTools(
  state: FrameState,
  background: BackgroundId,
  act: {
    background(id: BackgroundId): void;
    set(key: 'locked' | 'hidden', value: boolean): void;
    clear(): void;
  },
): TemplateResult {
  return html`<div class="row" part="frame-tools">
    <label
      >Scene
      <select
        @change=${(e: Event) => act.background((e.currentTarget as HTMLSelectElement).value as BackgroundId)}
      >
        ${BACKGROUND_IDS.map((id) => html`<option value=${id} ?selected=${id === background}>${BACKGROUNDS[id].name}</option>`)}
      </select></label
    >
    <button aria-pressed=${state.locked ? 'true' : 'false'} @click=${() => act.set('locked', !state.locked)}>
      Lock the board
    </button>
    <button aria-pressed=${state.hidden ? 'true' : 'false'} @click=${() => act.set('hidden', !state.hidden)}>
      Hide the board
    </button>
    <button @click=${act.clear}>Clear the board</button>
  </div>`;
}

export function renderReplay(
  index: number,
  total: number,
  playing: boolean,
  act: { step(delta: number): void; play(): void; exit(): void },
): TemplateResult {
  return html`<div class="row" part="replay" role="group" aria-label="Replay">
    <span>Step ${index + 1} of ${total}</span>
    <button @click=${() => act.step(-1)} ?disabled=${index <= 0}>Previous step</button>
    <button @click=${() => act.step(1)} ?disabled=${index >= total - 1}>Next step</button>
    <button @click=${act.play} aria-pressed=${playing ? 'true' : 'false'}>
      ${playing ? 'Pause' : 'Play'}
    </button>
    <button @click=${act.exit}>Back to the live board</button>
  </div>`;
}

export function renderFrameNotice(state: FrameState): TemplateResult | typeof nothing {
  if (!state.hold && !state.locked) return nothing;
  return html`<p part="notice">
    ${state.hold ? 'The room is on hold.' : 'The board is locked.'} You can look but not change it.
  </p>`;
}

export function renderToolbar(
  query: string,
  editable: boolean,
  act: { search(query: string): void; undo(): void; replay(): void; svg(): void; png(): void },
): TemplateResult {
  return html`<div class="row" part="toolbar">
    <label
      >Find a prop
      <input
        type="search"
        .value=${query}
        @input=${(e: Event) => act.search((e.currentTarget as HTMLInputElement).value)}
    /></label>
    <button @click=${act.undo} ?disabled=${!editable}>Undo my last change</button>
    <button @click=${act.replay}>Replay placements</button>
    <button @click=${act.svg}>Save as SVG</button>
    <button @click=${act.png}>Save as PNG</button>
  </div>`;
}
