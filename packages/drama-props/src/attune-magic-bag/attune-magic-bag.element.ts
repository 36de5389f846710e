import { consume } from '@lit/context';
import { sessionContext } from '@attune/session';
import type { Session } from '@attune/session';
import { icon } from '@attune/session/ui';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ArchiveRestore, PackagePlus, Shuffle, X } from 'lucide';
import { propUrl } from '../attune-prop-board/board-parts.js';
import { Announcer } from '../controller/announcer.js';
import { PropsController } from '../controller/props-controller.js';
import { fire } from '../events.js';
import { defaultPropLibrary } from '../library/prop-library.js';
import type { PropLibrary } from '../library/prop-library.js';
import { styles } from './attune-magic-bag.styles.js';

/**
 * @summary The magic bag: the therapist fills it from the prop library in
 * secret (its contents never reach a client's connection); a participant
 * draws blind, at random or by reaching into the closed bag; the prop is
 * revealed in their hands, to be placed on the board or handed on.
 *
 * A compact strip: the count and a Draw tool, the closed bag to reach into,
 * the revealed prop; a facilitator fills the bag in a popover.
 *
 * The element sets the attribute `empty` on itself while the bag holds nothing
 * and no draw of the local person is showing, so a page can hide the bag from
 * clients until a therapist fills it: `attune-magic-bag[empty] { display: none }`.
 *
 * @event attune-bag-draw - The local person reached into the bag.
 * @event attune-bag-reveal - The local person's draw was revealed.
 * @csspart bag - The closed bag with its slots.
 * @csspart slot - One place to reach into.
 * @csspart reveal - The revealed prop.
 * @csspart fill - The popover where a facilitator fills the bag.
 * @csspart contents - What is in the bag (facilitators).
 * @csspart library - Props to put in the bag (facilitators).
 * @cssproperty --attune-bag-color - The bag's colour.
 */
export class AttuneMagicBagElement extends LitElement {
  static override styles = styles;

  /** The board the drawn props go to. */
  @property() board = 'main';

  /** The session: from the enclosing `<attune-session>`, or set directly. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session?: Session;

  /** Where props come from; `defaultPropLibrary` holds the built-in props and registered sets. */
  @property({ attribute: false }) library: PropLibrary = defaultPropLibrary;

  @state() private requestId: string | null = null;
  @state() private query = '';

  private readonly props = new PropsController(this);
  private readonly announcer = new Announcer(
    this,
    () => this.library,
    () => this.props.me.id,
  );
  private revealed = new Set<string>();

  protected override willUpdate(): void {
    this.props.attach(this.session, this.board);
    // A page may hide an empty bag from those who cannot fill it (see the `empty` attribute).
    this.toggleAttribute('empty', (this.props.bag?.count ?? 0) === 0 && this.requestId === null);
    const draw = this.requestId ? this.props.bag?.request(this.requestId) : null;
    if (draw && draw.state !== 'pending' && !this.revealed.has(draw.id)) {
      this.revealed.add(draw.id);
      const item = this.props.board?.item(draw.itemId);
      if (draw.state === 'done' && item) {
        this.say(`You drew the ${this.nameOf(item.propId)}. It is in your hands.`);
        fire(this, 'attune-bag-reveal', { requestId: draw.id, itemId: item.id, propId: item.propId });
      } else this.say('The bag was empty.');
    }
  }

  private nameOf(propId: string): string {
    return this.announcer.nameOf(propId);
  }

  private say(text: string): void {
    this.announcer.say(text);
  }

  /** Reaches into the bag: at random, or for one place in the closed bag. */
  draw(slot: number | null = null): string | null {
    const bag = this.props.bag;
    if (!bag || !this.props.canEdit) return null;
    const id = this.props.requestDraw(slot);
    if (!id) {
      this.say(bag.count === 0 ? 'The bag is empty.' : 'Your hand is already in the bag.');
      return null;
    }
    this.requestId = id;
    this.say('You reach into the bag…');
    fire(this, 'attune-bag-draw', { requestId: id, slot });
    return id;
  }

  private renderReveal(): unknown {
    const draw = this.requestId ? this.props.bag?.request(this.requestId) : null;
    if (!draw) return nothing;
    if (draw.state === 'pending')
      return html`<p part="reveal">Reaching into the bag… (a facilitator's bag answers)</p>`;
    const item = this.props.board?.item(draw.itemId);
    if (draw.state === 'empty' || !item) return html`<p part="reveal">The bag was empty.</p>`;
    const prop = this.library.get(item.propId);
    return html`<div part="reveal">
      <img src=${propUrl(prop)} alt=${prop?.alt ?? 'a prop'} />
      <p>
        You drew the <strong>${this.nameOf(item.propId)}</strong>. Place it on the board or hand it on from
        there.
      </p>
    </div>`;
  }

  /** Focus into the popover's search when it opens, and back to its button when it closes. */
  private onFillToggle(event: ToggleEvent): void {
    const root = this.renderRoot as ShadowRoot;
    if (event.newState === 'open') return root.querySelector<HTMLElement>('#fill input')?.focus();
    const active = root.activeElement;
    if (!active || (event.target as HTMLElement).contains(active))
      root.querySelector<HTMLElement>('[data-opens="fill"]')?.focus();
  }

  private renderKeeper(): unknown {
    const bag = this.props.bag!;
    const contents = bag.contents();
    return html`<div
      popover
      id="fill"
      part="fill"
      role="dialog"
      aria-label="Fill the bag (only facilitators see this)"
      @toggle=${this.onFillToggle}
    >
      <div class="head">
        <span class="title">In the bag (hidden from clients)</span>
        <button
          class="tool"
          popovertarget="fill"
          popovertargetaction="hide"
          aria-label="Close"
          data-tip="Close (Escape)"
        >
          ${icon(X)}
        </button>
      </div>
      ${contents.length === 0 ? html`<p>Nothing yet: choose props below.</p>` : nothing}
      <ul part="contents">
        ${contents.map(
          (entry) =>
            html`<li>
              <button
                @click=${() => bag.remove(entry.id)}
                aria-label=${`Take the ${this.nameOf(entry.propId)} out of the bag`}
              >
                <img src=${propUrl(this.library.get(entry.propId))} alt="" /> ${this.nameOf(entry.propId)}
              </button>
            </li>`,
        )}
      </ul>
      <label class="search"
        >Find a prop for the bag
        <input
          type="search"
          .value=${this.query}
          @input=${(e: Event) => (this.query = (e.currentTarget as HTMLInputElement).value)}
      /></label>
      <div part="library">
        ${this.library
          .search(this.query)
          .map(
            (prop) =>
              html`<button
                @click=${() => (bag.add([prop.id]), this.say(`The ${prop.name} is in the bag.`))}
                aria-label=${`Put the ${prop.name} in the bag`}
              >
                <img src=${propUrl(prop)} alt="" /> ${prop.name}
              </button>`,
          )}
      </div>
    </div>`;
  }

  protected override render(): unknown {
    const bag = this.props.bag;
    const live = this.announcer.render();
    if (!bag)
      return html`<p>Connecting to the bag…</p>
        ${live}`;
    const count = bag.count;
    const mine = this.requestId ? bag.request(this.requestId) : null;
    const waiting = mine?.state === 'pending';
    const disabled = !this.props.canEdit || count === 0 || waiting;
    const slots = Math.min(count, 24);
    const me = this.props.me;
    return html`
      <div class="strip">
        <div class="toolbar" role="toolbar" aria-label="The magic bag">
          <span class="count">
            ${count === 0 ? 'The bag is empty.' : `The bag holds ${count} ${count === 1 ? 'prop' : 'props'}.`}
          </span>
          <button
            class="tool"
            aria-label="Draw from the bag"
            data-tip="Draw from the bag"
            ?disabled=${disabled}
            @click=${() => this.draw(null)}
          >
            ${icon(Shuffle)}
          </button>
          ${
            bag.canKeep
              ? html`<span class="separator" aria-hidden="true"></span
                  ><button
                    class="tool"
                    popovertarget="fill"
                    data-opens="fill"
                    aria-label="Fill the bag"
                    data-tip="Fill the bag"
                  >
                    ${icon(PackagePlus)}</button
                  ><button
                    class="tool"
                    aria-label="Put everything away"
                    data-tip="Put everything away"
                    @click=${() => (bag.putAllAway(me), this.say('Everything is put away.'))}
                  >
                    ${icon(ArchiveRestore)}
                  </button>`
              : nothing
          }
        </div>
        ${
          slots > 0
            ? html`<div part="bag" role="group" aria-label="Reach into the closed bag">
                ${Array.from({ length: slots }, (_, i) => html`<button part="slot" aria-label=${`Reach in at place ${i + 1} of ${slots}`} ?disabled=${disabled} @click=${() => this.draw(i)}></button>`)}
              </div>`
            : nothing
        }
        ${this.renderReveal()}
      </div>
      ${bag.canKeep ? this.renderKeeper() : nothing} ${live}
    `;
  }
}
