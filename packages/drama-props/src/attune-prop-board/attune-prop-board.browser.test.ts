import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createTestSession } from '../../../../test/support/browser-session.js';
import {
  expectNoAxeViolations,
  liveText,
  recordEvents,
  shadowButton,
  until,
  usePropElement,
} from '../../../../test/props-support.js';
import '@attune/session/attune-session.js';
import './attune-prop-board.js';
import type { BoardModel } from '../model/board-model.js';
import type { AttunePropBoardElement } from './attune-prop-board.element.js';

type Board = AttunePropBoardElement;
const mount = usePropElement<Board>('attune-prop-board');

const props = (el: Board) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="prop"]')];
const boardArea = (el: Board) => el.shadowRoot!.querySelector<HTMLElement>('[part="board"]')!;
const paletteItem = (el: Board, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="palette-item"]')].find(
    (b) => b.textContent!.trim() === name,
  )!;
const model = (el: Board) => (el as unknown as { props: { board: BoardModel } }).props.board;
/** Opens a panel from the top bar (the props drawer, the cards, the More menu), as a click would. */
async function openPanel(el: Board, panel: 'props' | 'cards' | 'more'): Promise<void> {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-opens="${panel}"]`)!;
  if (button.getAttribute('aria-expanded') !== 'true') button.click();
  await el.updateComplete;
}

describe('<attune-prop-board>', () => {
  it('has no accessibility violations, for the therapist and a client', async () => {
    const room = await createTestSession();
    const { el: therapist } = await mount(room, 'therapist', 'Jo');
    const { el: client } = await mount(room, 'client', 'Sam');
    await openPanel(therapist, 'props');
    await expectNoAxeViolations(therapist);
    paletteItem(therapist, 'umbrella').click();
    await therapist.updateComplete;
    await userEvent.keyboard('{Enter}');
    await until(() => props(client).length === 1, 'the umbrella to reach the client');
    // Also a prop in someone's hands and a role card, so every panel is checked.
    const me = { id: client.session!.user.id, name: 'Sam' };
    model(client).place('attune/key', 0.5, 0.5, me, { heldBy: me, onBoard: false });
    model(client).addCard('The guide', 'Knows the way', 0.5, 0.5, me);
    await until(() => !!client.shadowRoot!.querySelector('[part="hands"]'), 'the hands');
    // The therapist's placed umbrella is selected: its tools and their extra panel.
    await userEvent.click(shadowButton(therapist, 'More for the umbrella'));
    expect(therapist.shadowRoot!.querySelector('[part="item-more"]')).not.toBeNull();
    await expectNoAxeViolations(therapist);
    await openPanel(therapist, 'more');
    await expectNoAxeViolations(therapist);
    await openPanel(client, 'cards');
    expect(client.shadowRoot!.querySelectorAll('[part="card"]')).toHaveLength(1);
    await expectNoAxeViolations(client);
  });

  it('starts empty on a blank scene with the whole library, and only facilitators get the frame tools', async () => {
    const room = await createTestSession();
    const { el: client } = await mount(room, 'client', 'Sam');
    const { el: therapist } = await mount(room, 'therapist', 'Jo');
    expect(boardArea(client).getAttribute('aria-label')).toBe('Prop board, Blank, 0 props');
    // The library waits in its drawer, so the tray has the room.
    expect(client.shadowRoot!.querySelector('[part="palette-item"]')).toBeNull();
    await openPanel(client, 'props');
    expect(client.shadowRoot!.querySelectorAll('[part="palette-item"]').length).toBeGreaterThanOrEqual(60);
    expect(client.shadowRoot!.querySelector('[part="frame-tools"]')).toBeNull();
    expect(therapist.shadowRoot!.querySelector('[part="frame-tools"]')).not.toBeNull();
    const search = client.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    await until(() => client.shadowRoot!.activeElement === search, 'the search field to take focus');
    await userEvent.keyboard('shell');
    await client.updateComplete;
    const found = [...client.shadowRoot!.querySelectorAll('[part="palette-item"]')].map((b) =>
      b.textContent!.trim(),
    );
    expect(found[0]).toBe('shell');
    expect(found).toContain('turtle');
    expect(found).not.toContain('key');
  });

  it('keyboard only: places, moves, hands over and puts away a prop, announced to both', async () => {
    const room = await createTestSession();
    const { el: therapist } = await mount(room, 'therapist', 'Jo');
    const jo = therapist.session!.user.name;
    const { el: sam } = await mount(room, 'client', 'Sam');
    const events = recordEvents(sam, [
      'attune-prop-place',
      'attune-prop-move',
      'attune-prop-hand',
      'attune-prop-away',
    ]);
    const heard = recordEvents(therapist, ['attune-prop-place', 'attune-prop-move']);
    // The therapist has put an umbrella in the middle.
    model(therapist).place('attune/umbrella', 0.5, 0.5, { id: 'x', name: 'Jo' });
    await until(() => props(sam).length === 1, 'the umbrella');

    sam.shadowRoot!.querySelector<HTMLElement>('[data-opens="props"]')!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => !!sam.shadowRoot!.querySelector('[part="palette"]'), 'the props drawer');
    paletteItem(sam, 'sunglasses').focus();
    await userEvent.keyboard('{Enter}');
    await sam.updateComplete;
    expect(sam.shadowRoot!.activeElement).toBe(boardArea(sam));
    expect(sam.shadowRoot!.querySelector('[part="drawer"]')).toBeNull();
    expect(liveText(sam)).toContain('Placing the sunglasses');
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    await sam.updateComplete;
    expect(liveText(sam)).toBe('Centre, near the umbrella');
    await userEvent.keyboard('{Enter}');
    await until(() => props(therapist).length === 2, 'the sunglasses to reach the therapist');
    expect(liveText(sam)).toBe('You placed the sunglasses near the umbrella');
    await until(
      () => liveText(therapist) === 'Sam placed the sunglasses near the umbrella',
      'the therapist\u2019s announcement',
    );
    const placed = model(sam)
      .list()
      .find((i) => i.propId === 'attune/sunglasses')!;
    expect(placed.x).toBeCloseTo(0.56, 5);
    expect(sam.shadowRoot!.activeElement?.getAttribute('data-item')).toBe(placed.id);

    await userEvent.keyboard('{Enter}');
    await sam.updateComplete;
    expect(liveText(sam)).toContain('Picked up the sunglasses');
    await userEvent.keyboard('{Shift>}{ArrowDown}{ArrowDown}{ArrowDown}{/Shift}{Enter}');
    await until(() => model(therapist).item(placed.id)!.y > 0.75, 'the move to reach the therapist');
    expect(model(therapist).item(placed.id)).toMatchObject({ x: placed.x, movedBy: { name: 'Sam' } });
    expect(liveText(sam)).toBe('You moved the sunglasses');

    // Hand it to the therapist, still by keyboard: Tab into the prop's tools, open More.
    const more = shadowButton(sam, 'More for the sunglasses');
    for (let i = 0; i < 20 && sam.shadowRoot!.activeElement !== more; i++) await userEvent.keyboard('{Tab}');
    expect(sam.shadowRoot!.activeElement).toBe(more);
    await userEvent.keyboard('{Enter}');
    await until(() => !!sam.shadowRoot!.querySelector('[part="item-more"]'), 'the prop\u2019s other tools');
    const select = sam.shadowRoot!.querySelector<HTMLSelectElement>('[part="item-more"] select')!;
    for (let i = 0; i < 20 && sam.shadowRoot!.activeElement !== select; i++)
      await userEvent.keyboard('{Tab}');
    expect(sam.shadowRoot!.activeElement).toBe(select);
    for (let i = 0; i < 5 && select.selectedOptions[0]?.textContent!.trim() !== `${jo} (therapist)`; i++)
      await userEvent.keyboard('{ArrowDown}');
    expect(select.selectedOptions[0]?.textContent!.trim()).toBe(`${jo} (therapist)`);
    await userEvent.keyboard('{Tab}{Enter}');
    await until(() => model(therapist).item(placed.id)?.heldBy?.name === jo, 'the hand-over');
    await until(
      () => liveText(therapist) === 'Sam handed the sunglasses to you',
      'the hand-over announcement',
    );

    sam.shadowRoot!.querySelector<HTMLElement>(`[data-item="${placed.id}"]`)!.focus();
    await userEvent.keyboard('{Delete}');
    await until(() => props(therapist).length === 1, 'the sunglasses to be put away');
    expect(liveText(sam)).toBe('You put the sunglasses away');
    expect(events.map((e) => e.type)).toEqual([
      'attune-prop-place',
      'attune-prop-move',
      'attune-prop-hand',
      'attune-prop-away',
    ]);
    expect(events[2]!.detail).toMatchObject({ propId: 'attune/sunglasses' });
    // Remote changes fire no DOM events on the other participant's element.
    expect(heard).toEqual([]);
  });

  it('places by choosing a spot with a click, and moves a picked-up prop to a clicked spot', async () => {
    const room = await createTestSession();
    const { el } = await mount(room, 'client', 'Sam');
    await openPanel(el, 'props');
    await userEvent.click(paletteItem(el, 'key'));
    const area = boardArea(el);
    const tray = el.pageRect()!;
    await userEvent.click(area, { position: { x: tray.width * 0.1, y: tray.height * 0.1 } });
    await until(() => props(el).length === 1, 'the key');
    const item = model(el).list()[0]!;
    expect(item.x).toBeCloseTo(0.1, 1);
    expect(item.y).toBeCloseTo(0.1, 1);
    await userEvent.click(shadowButton(el, 'Pick up'));
    await userEvent.click(area, { position: { x: tray.width * 0.9, y: tray.height * 0.9 } });
    await until(() => model(el).item(item.id)!.x > 0.8, 'the key to move');
    expect(model(el).item(item.id)!.y).toBeCloseTo(0.9, 1);
  });

  it('also moves a prop by dragging it with a pointer', async () => {
    const room = await createTestSession();
    const { el: sam } = await mount(room, 'client', 'Sam');
    const { el: other } = await mount(room, 'client', 'Kim');
    const events = recordEvents(sam, ['attune-prop-move']);
    const id = model(sam).place('attune/shell', 0.25, 0.25, { id: 'x', name: 'Sam' })!;
    await sam.updateComplete;
    const prop = sam.shadowRoot!.querySelector<HTMLElement>(`[data-item="${id}"]`)!;
    const area = boardArea(sam).getBoundingClientRect();
    const start = prop.getBoundingClientRect();
    const at = (x: number, y: number, type: string) =>
      prop.dispatchEvent(
        new PointerEvent(type, {
          clientX: x,
          clientY: y,
          button: 0,
          isPrimary: true,
          pointerId: 1,
          bubbles: true,
          composed: true,
        }),
      );
    at(start.left + start.width / 2, start.top + start.height / 2, 'pointerdown');
    for (let i = 1; i <= 10; i++)
      at(area.left + area.width * (0.25 + i * 0.05), area.top + area.height * 0.5, 'pointermove');
    at(area.left + area.width * 0.75, area.top + area.height * 0.5, 'pointerup');
    await until(() => Math.abs((model(other).item(id)?.x ?? 0) - 0.75) < 0.01, 'the drag to reach Kim');
    expect(model(other).item(id)!.y).toBeCloseTo(0.5, 2);
    expect(events.map((e) => e.type)).toEqual(['attune-prop-move']);
    await until(() => liveText(other) === 'Sam moved the shell', 'the announcement');
  });

  it('turns, sizes and labels from the prop tools and keys', async () => {
    const room = await createTestSession();
    const { el } = await mount(room, 'client', 'Sam');
    const id = model(el).place('attune/feather', 0.5, 0.5, { id: 'x', name: 'Sam' })!;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLElement>(`[data-item="${id}"]`)!.focus();
    await userEvent.keyboard('r+');
    await el.updateComplete;
    await userEvent.click(shadowButton(el, 'Turn right'));
    await userEvent.click(shadowButton(el, 'More for the feather'));
    const label = el.shadowRoot!.querySelector<HTMLInputElement>('[part="item-more"] input.label')!;
    await userEvent.fill(label, 'light as air');
    await userEvent.click(shadowButton(el, 'Set label'));
    expect(model(el).item(id)).toMatchObject({ rotation: 30, scale: 1.25, label: 'light as air' });
    await el.updateComplete;
    expect(props(el)[0]!.getAttribute('aria-label')).toBe('feather, labelled light as air, placed by Sam');
  });

  it('honours hold, lock and hide from the control document, and clear has undo', async () => {
    const room = await createTestSession();
    const { el: therapist } = await mount(room, 'therapist', 'Jo');
    const { el: client } = await mount(room, 'client', 'Sam');
    model(therapist).place('attune/stone', 0.3, 0.3, { id: 'x', name: 'Jo' });
    await openPanel(client, 'props');
    await userEvent.click(shadowButton(therapist, 'Lock the board'));
    await until(() => !!client.shadowRoot!.querySelector('[part="notice"]'), 'the lock notice');
    expect(client.shadowRoot!.querySelector('[part="notice"]')!.textContent).toContain('The board is locked');
    expect(paletteItem(client, 'key').getAttribute('aria-disabled')).toBe('true');
    paletteItem(client, 'key').click();
    await client.updateComplete;
    expect(liveText(client)).toBe('The board is on hold for now.');
    await userEvent.click(shadowButton(therapist, 'Lock the board'));
    await until(() => paletteItem(client, 'key').getAttribute('aria-disabled') === 'false', 'the unlock');

    therapist.session!.docs.control.getMap('frame').set('hold', true);
    await until(
      () => client.shadowRoot!.querySelector('[part="notice"]')?.textContent?.includes('on hold') === true,
      'the hold',
    );
    therapist.session!.docs.control.getMap('frame').set('hold', false);

    await userEvent.click(shadowButton(therapist, 'Hide the board'));
    await until(
      () => client.shadowRoot!.textContent!.includes('The board is hidden for now.'),
      'the board to hide',
    );
    expect(client.shadowRoot!.querySelector('[part="board"]')).toBeNull();
    await userEvent.click(shadowButton(therapist, 'Hide the board'));
    await until(() => props(client).length === 1, 'the board to come back');

    await openPanel(therapist, 'more');
    await userEvent.click(shadowButton(therapist, 'Clear the board'));
    await until(() => props(client).length === 0, 'the clear');
    await userEvent.click(shadowButton(therapist, 'Undo my last change'));
    await until(() => props(client).length === 1, 'the undo');
  });

  it('exports SVG and PNG snapshots and replays placements in order', async () => {
    const room = await createTestSession();
    const { el } = await mount(room, 'client', 'Sam');
    const me = { id: el.session!.user.id, name: 'Sam' };
    const a = model(el).place('attune/shell', 0.2, 0.2, me)!;
    model(el).place('attune/moon', 0.8, 0.2, me);
    model(el).move(a, 0.5, 0.8, me);
    const svg = el.toSVG({ width: 400, height: 250 });
    expect(svg).toContain('<title>shell</title>');
    expect(svg).toContain('<title>moon</title>');
    const png = await el.toPNG({ width: 400, height: 250 });
    expect(png.type).toBe('image/png');
    const bitmap = await createImageBitmap(png);
    expect([bitmap.width, bitmap.height]).toEqual([400, 250]);

    await openPanel(el, 'more');
    await userEvent.click(shadowButton(el, 'Replay placements'));
    expect(el.shadowRoot!.querySelector('[part="replay"]')!.textContent).toContain('Step 1 of 3');
    expect(props(el)).toHaveLength(1);
    expect(liveText(el)).toBe('You placed the shell on the board');
    await userEvent.click(shadowButton(el, 'Next step'));
    await userEvent.click(shadowButton(el, 'Next step'));
    expect(liveText(el)).toBe('You moved the shell');
    // Drawn where the step put it (once its short move has ended).
    const shellY = () => {
      const tray = el.pageRect()!;
      const shell = props(el)[0]!.getBoundingClientRect();
      return (shell.top + shell.height / 2 - tray.top) / tray.height;
    };
    await until(() => Math.abs(shellY() - 0.8) < 0.005, 'the shell to be drawn at 80% of the tray');
    await userEvent.click(shadowButton(el, 'Back to the live board'));
    expect(el.shadowRoot!.querySelector('[part="replay"]')).toBeNull();
  });

  it('keeps role cards with who takes each part', async () => {
    const room = await createTestSession();
    const { el: therapist } = await mount(room, 'therapist', 'Jo');
    const { el: client } = await mount(room, 'client', 'Sam');
    await openPanel(therapist, 'cards');
    await openPanel(client, 'cards');
    const form = therapist.shadowRoot!.querySelector('form')!;
    await userEvent.fill(form.querySelector('input[name="title"]')!, 'The dragon');
    await userEvent.fill(form.querySelector('input[name="text"]')!, 'Guards the cave');
    await userEvent.click(shadowButton(therapist, 'Add card'));
    await until(() => client.shadowRoot!.querySelectorAll('[part="card"]').length === 1, 'the card');
    await userEvent.click(shadowButton(client, 'Take the role The dragon'));
    await until(
      () => therapist.shadowRoot!.querySelector('[part="card"]')!.textContent!.includes('Played by Sam'),
      'the role',
    );
  });

  it('works inside <attune-session> with no further configuration, and does not read out history', async () => {
    const room = await createTestSession();
    const { el: therapist } = await mount(room, 'therapist', 'Jo');
    model(therapist).place('attune/sun', 0.2, 0.2, { id: 'x', name: 'Jo' });
    await therapist.session!.whenSaved();
    const root = document.createElement('attune-session');
    root.setAttribute('server', room.sync);
    root.setAttribute('session', room.sid);
    root.setAttribute('token', await room.invite('client', 'Sam'));
    const el = document.createElement('attune-prop-board');
    root.append(el);
    document.body.append(root);
    await until(() => !!el.session && el.session.status.status === 'synced', 'the session from context');
    await until(() => !!boardArea(el) && props(el).length === 1, 'the board with the sun');
    expect(liveText(el)).toBe('');
    await openPanel(el, 'props');
    await userEvent.click(paletteItem(el, 'moon'));
    await userEvent.click(boardArea(el), { position: { x: 160, y: 100 } });
    await until(() => props(el).length === 2, 'the moon');
    expect(liveText(el)).toBe('You placed the moon on the board');
    root.remove();
  });

  it('survives being moved in the page and stops listening once removed', async () => {
    const room = await createTestSession();
    const { el, session } = await mount(room, 'client', 'Sam');
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    model(el).place('attune/key', 0.5, 0.5, { id: 'x', name: 'Sam' });
    await until(() => props(el).length === 1, 'the key after the move');
    el.remove();
    const before = el.shadowRoot!.innerHTML;
    session.docs.space
      .getMap('props:main:items')
      .delete([...session.docs.space.getMap('props:main:items').keys()][0]!);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(el.shadowRoot!.innerHTML).toBe(before);
    other.remove();
  });
});
