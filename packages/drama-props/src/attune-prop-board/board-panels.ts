/** Templates of the board's panels: the drawer (props or cards), props in hands, the frame notice. */
import { icon } from '@attune/session/ui';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { HandHelping, MapPin, X } from 'lucide';
import type { Participant } from '../controller/props-controller.js';
import type { PropLibrary } from '../library/prop-library.js';
import type { PropDefinition } from '../library/prop-types.js';
import type { BoardItem, BoardModel } from '../model/board-model.js';
import type { FrameState } from '../model/frame-model.js';
import type { Actor } from '../model/parse.js';
import { itemName, propUrl, renderPalette } from './board-parts.js';
import { tool } from './board-tools.js';

/** A drawer over the stage: a bottom sheet, or a side panel when the stage is wide. */
export function renderDrawer(title: string, close: () => void, body: TemplateResult): TemplateResult {
  return html`<section class="drawer" id="drawer" part="drawer" aria-label=${title}>
    <div class="drawer-head">
      <span class="title" aria-hidden="true">${title}</span>
      ${tool(X, `Close ${title.toLowerCase()}`, 'Close (Escape)', close)}
    </div>
    <div class="drawer-body">${body}</div>
  </section>`;
}

export function renderLibrary(
  query: string,
  props: readonly PropDefinition[],
  chosen: string | null,
  disabled: boolean,
  act: { search(query: string): void; choose(prop: PropDefinition): void },
): TemplateResult {
  return html`<label class="search"
      >Find a prop
      <input
        type="search"
        data-first
        .value=${query}
        @input=${(e: Event) => act.search((e.currentTarget as HTMLInputElement).value)}
    /></label>
    ${renderPalette(props, chosen, disabled, act.choose)}`;
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
  return html`<ul part="hands" aria-label="Props in hands">
    ${held.map((item) => {
      const mine = item.heldBy?.id === me.id;
      const who = mine ? 'You hold' : `${item.heldBy?.name || 'Someone'} holds`;
      const name = itemName(item, library);
      return html`<li>
        <img src=${propUrl(library.get(item.propId))} alt="" />
        <span>${who} the ${name}</span>
        ${mine || facilitator ? handTools(item, name, people, act) : nothing}
      </li>`;
    })}
  </ul>`;
}

function handTools(
  item: BoardItem,
  name: string,
  people: readonly Participant[],
  act: { place(item: BoardItem): void; hand(item: BoardItem, to: string): void },
): TemplateResult {
  const to = (event: Event): string =>
    ((event.currentTarget as HTMLElement).parentElement!.querySelector('select') as HTMLSelectElement).value;
  return html`<span class="hand-tools">
    ${tool(MapPin, `Place the ${name}`, `Place the ${name} on the board`, () => act.place(item))}
    <select aria-label=${`Hand the ${name} to`}>
      ${people.map((p) => html`<option value=${p.id}>${p.name || 'Someone'} (${p.role})</option>`)}
    </select>
    <button
      class="tool"
      aria-label=${`Hand over the ${name}`}
      data-tip="Hand over"
      @click=${(e: Event) => act.hand(item, to(e))}
    >
      ${icon(HandHelping)}
    </button>
  </span>`;
}

/** Story and role cards. Titles are not headings: the page around the board owns the outline. */
export function renderCards(
  board: BoardModel,
  me: Actor,
  editable: boolean,
  /** Facilitators may give a role to anyone present. */
  people: readonly Participant[] | null,
): TemplateResult {
  const cards = board.cardList();
  const act = {
    add: (title: string, text: string) => board.addCard(title, text, 0.5, 0.15, me),
    take: (id: string, take: boolean) => board.takeRole(id, take ? me : null),
    give: (id: string, to: string) => {
      const person = people?.find((p) => p.id === to);
      if (person) board.takeRole(id, { id: person.id, name: person.name });
    },
    remove: (id: string) => board.removeCard(id),
  };
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
  return html`<div part="story">
    ${cards.length === 0 ? html`<p>No cards yet.</p>` : nothing}
    <ul part="cards">
      ${cards.map(
        (card) =>
          html`<li part="card" aria-label=${card.title}>
            <p class="card-title">${card.title}</p>
            ${card.text ? html`<p>${card.text}</p>` : nothing}
            <p>
              ${card.role ? `Played by ${card.role.id === me.id ? 'you' : card.role.name || 'someone'}` : 'Nobody has this role yet'}
            </p>
            ${
              editable
                ? html`<div class="row">
                    <button
                      aria-label=${card.role?.id === me.id ? `Give up the role ${card.title}` : `Take the role ${card.title}`}
                      @click=${() => act.take(card.id, card.role?.id !== me.id)}
                    >
                      ${card.role?.id === me.id ? 'Give up the role' : 'Take the role'}
                    </button>
                    <button aria-label=${`Remove card ${card.title}`} @click=${() => act.remove(card.id)}>
                      Remove
                    </button>
                  </div>`
                : nothing
            }
            ${
              editable && people
                ? html`<div class="row">
                    <select aria-label=${`Give the role ${card.title} to`}>
                      ${people.map((p) => html`<option value=${p.id}>${p.name || 'Someone'} (${p.role})</option>`)}
                    </select>
                    <button
                      aria-label=${`Give the role ${card.title}`}
                      @click=${(e: Event) => act.give(card.id, to(e))}
                    >
                      Give the role
                    </button>
                  </div>`
                : nothing
            }
          </li>`,
      )}
    </ul>
    ${
      editable
        ? html`<form class="card-form" @submit=${add}>
            <label>Card title <input name="title" maxlength="80" required /></label>
            <label>Card text <input name="text" maxlength="400" /></label>
            <button type="submit">Add card</button>
          </form>`
        : nothing
    }
  </div>`;
}

export function renderFrameNotice(state: FrameState): TemplateResult | typeof nothing {
  if (!state.hold && !state.locked) return nothing;
  return html`<p part="notice" role="note">
    ${state.hold ? 'The room is on hold.' : 'The board is locked.'} You can look but not change it.
  </p>`;
}
