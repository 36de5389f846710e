import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { Session } from '@attune/session';
import type { TestSession } from '../../../../test/support/browser-session.js';
import { createTestSession } from '../../../../test/support/browser-session.js';
import {
  expectNoAxeViolations,
  liveText,
  recordEvents,
  shadowButton,
  until,
  usePropElement,
} from '../../../../test/props-support.js';
import '../attune-prop-board/attune-prop-board.js';
import './attune-magic-bag.js';
import type { AttuneMagicBagElement } from './attune-magic-bag.element.js';

const bag = usePropElement<AttuneMagicBagElement>('attune-magic-bag');
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** The therapist's bag, filled from its popover, which is closed again after. */
async function filled(room: TestSession, names: string[]): Promise<AttuneMagicBagElement> {
  const { el } = await bag(room, 'therapist', 'Jo');
  await until(() => !!el.shadowRoot!.querySelector('[part="fill"]'), 'the keeper\u2019s tools');
  await userEvent.click(shadowButton(el, 'Fill the bag'));
  for (const name of names) await userEvent.click(shadowButton(el, `Put the ${name} in the bag`));
  await userEvent.keyboard('{Escape}');
  return el;
}

describe('<attune-magic-bag>', () => {
  it('has no accessibility violations, for the therapist and a client', async () => {
    const room = await createTestSession();
    const therapist = await filled(room, ['key']);
    const { el: client } = await bag(room, 'client', 'Sam');
    await until(() => text(client).includes('The bag holds 1 prop.'), 'the count');
    await expectNoAxeViolations(therapist);
    await expectNoAxeViolations(client);
    await userEvent.click(shadowButton(therapist, 'Fill the bag'));
    expect(therapist.shadowRoot!.querySelector('[part="fill"]')!.matches(':popover-open')).toBe(true);
    await expectNoAxeViolations(therapist);
  });

  it('fills the bag in a popover that opens and closes by keyboard, focus going back to its button', async () => {
    const room = await createTestSession();
    const { el } = await bag(room, 'therapist', 'Jo');
    await until(() => !!el.shadowRoot!.querySelector('[part="fill"]'), 'the keeper\u2019s tools');
    const fill = el.shadowRoot!.querySelector<HTMLElement>('[part="fill"]')!;
    const button = shadowButton(el, 'Fill the bag');
    expect(fill.matches(':popover-open')).toBe(false);
    button.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => fill.matches(':popover-open'), 'the popover');
    const search = fill.querySelector('input')!;
    await until(() => el.shadowRoot!.activeElement === search, 'focus in the search field');
    await userEvent.keyboard('shell');
    await el.updateComplete;
    shadowButton(el, 'Put the shell in the bag').focus();
    await userEvent.keyboard('{Enter}');
    await until(() => text(el).includes('The bag holds 1 prop.'), 'the shell in the bag');
    await userEvent.keyboard('{Escape}');
    await until(() => !fill.matches(':popover-open'), 'the popover to close');
    await until(() => el.shadowRoot!.activeElement === button, 'focus back on Fill the bag');
  });

  it('marks itself empty while nothing is in it, so a page can keep it from clients until it is filled', async () => {
    const room = await createTestSession();
    const { el: client } = await bag(room, 'client', 'Sam');
    await until(() => client.hasAttribute('empty'), 'the empty mark');
    await filled(room, ['key']);
    await until(() => !client.hasAttribute('empty'), 'the mark gone once the bag holds a prop');
    expect(text(client)).toContain('The bag holds 1 prop.');
  });

  it('shows a client how many props, never which, and a facilitator what is inside', async () => {
    const room = await createTestSession();
    const therapist = await filled(room, ['sunglasses', 'shell', 'feather']);
    const { el: client } = await bag(room, 'client', 'Sam');
    await until(() => text(client).includes('The bag holds 3 props.'), 'the count');
    expect(client.shadowRoot!.querySelectorAll('[part="slot"]')).toHaveLength(3);
    expect(client.shadowRoot!.querySelector('[part="contents"]')).toBeNull();
    expect(text(client)).not.toMatch(/sunglasses|shell|feather/);
    expect(therapist.shadowRoot!.querySelectorAll('[part="contents"] li')).toHaveLength(3);
  });

  it('a client draws blind by keyboard, the prop is revealed in their hands and placed on the board', async () => {
    const room = await createTestSession();
    await filled(room, ['sunglasses', 'stone']);
    const { el: client, session } = await bag(room, 'client', 'Sam');
    // The same person's board, on the same session.
    const clientBoard = document.createElement('attune-prop-board');
    clientBoard.session = session;
    document.body.append(clientBoard);
    const events = recordEvents(client, ['attune-bag-draw', 'attune-bag-reveal']);
    await until(() => client.shadowRoot!.querySelectorAll('[part="slot"]').length === 2, 'the slots');
    client.shadowRoot!.querySelector<HTMLButtonElement>('[part="slot"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => !!client.shadowRoot!.querySelector('[part="reveal"] img'), 'the reveal');
    expect(text(client)).toContain('You drew the sunglasses');
    expect(liveText(client)).toBe('You drew the sunglasses. It is in your hands.');
    expect(client.shadowRoot!.querySelector('[part="reveal"] img')!.getAttribute('alt')).toBe(
      'A pair of dark sunglasses',
    );
    expect(text(client)).toContain('The bag holds 1 prop.');
    expect(events.map((e) => e.type)).toEqual(['attune-bag-draw', 'attune-bag-reveal']);
    expect(events[0]!.detail).toMatchObject({ slot: 0 });

    await until(() => text(clientBoard).includes('You hold the sunglasses'), 'the prop in hand on the board');
    shadowButton(clientBoard, 'Place the sunglasses').focus();
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{ArrowLeft}{Enter}');
    await until(
      () => clientBoard.shadowRoot!.querySelectorAll('[part~="prop"]').length === 1,
      'the sunglasses on the board',
    );
    expect(liveText(clientBoard)).toBe('You placed the sunglasses on the board');
    clientBoard.remove();
  });

  it('a drawn prop can be handed on from the hands before it is placed', async () => {
    const room = await createTestSession();
    const therapist = await filled(room, ['feather']);
    const { el: client, session } = await bag(room, 'client', 'Sam');
    const clientBoard = document.createElement('attune-prop-board');
    clientBoard.session = session;
    document.body.append(clientBoard);
    const events = recordEvents(clientBoard, ['attune-prop-hand']);
    await until(() => text(client).includes('The bag holds 1 prop.'), 'the count');
    await userEvent.click(shadowButton(client, 'Draw from the bag'));
    await until(() => text(clientBoard).includes('You hold the feather'), 'the feather in hand');
    const select = clientBoard.shadowRoot!.querySelector<HTMLSelectElement>('[part="hands"] select')!;
    await userEvent.selectOptions(select, therapist.session!.user.id);
    await userEvent.click(shadowButton(clientBoard, 'Hand over the feather'));
    await until(
      () => text(clientBoard).includes(`${therapist.session!.user.name} holds the feather`),
      'the hand-over',
    );
    expect(events).toHaveLength(1);
    expect(liveText(clientBoard)).toBe(`You handed the feather to ${therapist.session!.user.name}`);
    clientBoard.remove();
  });

  it('the reveal animation is off with reduced motion', async () => {
    const room = await createTestSession();
    await filled(room, ['moon']);
    const { el: client } = await bag(room, 'client', 'Sam');
    await until(() => text(client).includes('The bag holds 1 prop.'), 'the count');
    await userEvent.click(shadowButton(client, 'Draw from the bag'));
    await until(() => !!client.shadowRoot!.querySelector('[part="reveal"] img'), 'the reveal');
    const img = client.shadowRoot!.querySelector('[part="reveal"] img')!;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    expect(getComputedStyle(img).animationName).toBe(reduced ? 'none' : 'reveal');
    // Whatever this browser prefers: the animation exists only under no-preference.
    const rules = client.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    const animated = (rule: CSSRule): boolean =>
      rule instanceof CSSStyleRule && rule.style.animationName !== '';
    expect(rules.some(animated)).toBe(false);
    const media = rules.filter(
      (r): r is CSSMediaRule =>
        r instanceof CSSMediaRule && r.conditionText.includes('prefers-reduced-motion: no-preference'),
    );
    expect(media.some((m) => [...m.cssRules].some(animated))).toBe(true);
  });

  it('puts everything away as a closing ritual: drawn props go back in the bag', async () => {
    const room = await createTestSession();
    const therapist = await filled(room, ['key', 'shell']);
    const { el: client } = await bag(room, 'client', 'Sam');
    await until(() => text(client).includes('The bag holds 2 props.'), 'the count');
    await userEvent.click(shadowButton(client, 'Draw from the bag'));
    await until(() => text(client).includes('The bag holds 1 prop.'), 'the draw');
    await userEvent.click(shadowButton(therapist, 'Put everything away'));
    await until(() => text(client).includes('The bag holds 2 props.'), 'the prop to go back');
  });

  it('answers draws even when other facilitators are present without the bag open', async () => {
    const room = await createTestSession();
    await filled(room, ['key']);
    const others = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const s = new Session({
          server: room.sync,
          sid: room.sid,
          token: await room.invite('assistant', `A${n}`),
        });
        await s.whenSynced();
        return s;
      }),
    );
    const { el: client } = await bag(room, 'client', 'Sam');
    await until(() => text(client).includes('The bag holds 1 prop.'), 'the count');
    await userEvent.click(shadowButton(client, 'Draw from the bag'));
    await until(() => text(client).includes('You drew the key'), 'the draw to be answered');
    for (const s of others) s.destroy();
  });

  it('an observer can look but not draw', async () => {
    const room = await createTestSession();
    await filled(room, ['key']);
    const { el } = await bag(room, 'observer', 'Ola');
    await until(() => text(el).includes('The bag holds 1 prop.'), 'the count');
    expect(shadowButton(el, 'Draw from the bag').disabled).toBe(true);
  });
});
