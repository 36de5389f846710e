import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  button,
  createTestSession,
  draw,
  injectAxe,
  mount as mountIn,
  runAxe,
  strokesOn,
  unmountAll,
} from '../../../../test/canvas/support.js';
import type { TestSession } from '../../../../test/canvas/support.js';
import type { Role } from '@attune/session';

let room: TestSession;
beforeAll(async () => {
  room = await createTestSession();
  injectAxe();
});
afterEach(unmountAll);
const mount = (role: Role, name: string, test: TestSession = room) => mountIn(role, name, test);

describe('<attune-canvas>', () => {
  it('has no accessibility violations', async () => {
    const el = await mount('therapist', 'Ruth');
    await draw(el);
    const result = await runAxe(el);
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });

  it('starts on the first page with the pen, and describes the page', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test);
    expect(el.page).toBe('main');
    expect(button(el, 'Pen').getAttribute('aria-pressed')).toBe('true');
    const stage = el.shadowRoot!.querySelector('[part~="stage"]')!;
    expect(stage.getAttribute('aria-label')).toBe('Empty page');
    await draw(el);
    await el.updateComplete;
    expect(stage.getAttribute('aria-label')).toBe('1 stroke; last by Sam');
    const events: Event[] = [];
    el.addEventListener('attune-canvas-page-change', (e) => events.push(e));
    el.page = 'main';
    await el.updateComplete;
    expect(events).toEqual([]);
    // Every button in sight is a large enough target (those in closed popovers are not in sight).
    const shown = [...el.shadowRoot!.querySelectorAll('button')].filter((b) => b.getClientRects().length);
    expect(shown.length).toBeGreaterThan(6);
    for (const b of shown) {
      const box = b.getBoundingClientRect();
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
    }
  });

  it('shows a stroke on B while A draws it, and exactly once after pointer-up', async () => {
    const test = await createTestSession();
    const a = await mount('client', 'Sam', test);
    const b = await mount('client', 'Kim', test);
    const drawn: CustomEvent[] = [];
    a.addEventListener('attune-canvas-draw', (e) => drawn.push(e));
    await draw(a, 50, 60, async () => {
      await expect
        .poll(() => [...b.controller.live.strokes.values()][0]?.points.length ?? 0)
        .toBeGreaterThan(15);
      expect(strokesOn(b)).toHaveLength(0);
    });
    await expect.poll(() => b.view!.count).toBe(1);
    await expect.poll(() => b.controller.live.strokes.size).toBe(0);
    expect(strokesOn(b)).toHaveLength(1);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.detail).toEqual({ id: strokesOn(a)[0]!.id, page: 'main' });
    // Nothing else arrives later.
    await a.controller.session!.whenSaved();
    expect(b.view!.count).toBe(1);
    expect(a.view!.count).toBe(1);
  });

  it("B's undo never removes A's strokes", async () => {
    const test = await createTestSession();
    const a = await mount('client', 'Sam', test);
    const b = await mount('client', 'Kim', test);
    await draw(a, 40, 40);
    await expect.poll(() => strokesOn(b).length).toBe(1);
    await draw(b, 40, 200);
    await expect.poll(() => strokesOn(a).length).toBe(2);
    b.undo();
    b.undo();
    await expect.poll(() => strokesOn(a).length).toBe(1);
    expect(strokesOn(a)[0]!.author).toBe(a.controller.session!.user.id);
    expect(b.view!.count).toBe(1);
  });

  it('a locked canvas refuses a client, with a reason', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test);
    const client = await mount('client', 'Sam', test);
    button(therapist, 'Lock for clients').click();
    await expect.poll(() => client.controller.model!.frame.locked).toBe(true);
    const refused: CustomEvent[] = [];
    client.addEventListener('attune-canvas-refuse', (e) => refused.push(e));
    await draw(client);
    expect(refused.map((e) => e.detail.reason)).toEqual(['locked']);
    expect(strokesOn(client)).toHaveLength(0);
    await client.updateComplete;
    expect(client.shadowRoot!.querySelector('[part~="status"]')!.textContent).toMatch(/locked/);
    await draw(therapist);
    await expect.poll(() => strokesOn(client).length).toBe(1);
  });

  it('a passed page changes owner on both sides', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test);
    const a = await mount('client', 'Sam', test);
    const b = await mount('client', 'Kim', test);
    button(a, 'New page').click();
    await a.updateComplete;
    const page = a.page;
    expect(page).not.toBe('main');
    await draw(a);
    await expect
      .poll(() => therapist.controller.model!.pages.get(page)?.owner)
      .toBe(a.controller.session!.user.id);
    therapist.page = page;
    await therapist.updateComplete;
    const select = therapist.shadowRoot!.querySelector<HTMLSelectElement>('[part~="pass"]')!;
    select.value = b.controller.session!.user.id;
    select.dispatchEvent(new Event('change'));
    const kim = b.controller.session!.user.id;
    await expect.poll(() => a.controller.model!.pages.get(page)?.owner).toBe(kim);
    await expect.poll(() => b.controller.model!.pages.get(page)?.owner).toBe(kim);
    expect(a.controller.model!.refusal(page)).toBe('not-owner');
    expect(b.controller.model!.refusal(page)).toBeNull();
  });

  it('exports SVG that parses, holds the strokes and names nobody', async () => {
    const el = await mount('client', 'Samantha Quill');
    el.page = 'main';
    const before = strokesOn(el).length;
    await draw(el, 30, 30);
    await draw(el, 30, 150);
    await expect.poll(() => el.view!.count).toBe(before + 2);
    const svg = el.toSVG();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.querySelectorAll('path').length).toBeGreaterThanOrEqual(before + 2);
    expect(svg).not.toMatch(/Samantha|Quill/);
    expect(svg).not.toContain(el.controller.session!.user.id);
    const png = await el.toPNG();
    expect(png.type).toBe('image/png');
    expect(png.size).toBeGreaterThan(100);
  });

  it('replays the page stroke by stroke in the order it was made', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test);
    for (const y of [40, 120, 200]) await draw(el, 40, y);
    const order = strokesOn(el)
      .sort((p, q) => p.created - q.created)
      .map((o) => o.id);
    button(el, 'Replay').click();
    await el.updateComplete;
    const scrub = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="scrub"]')!;
    scrub.value = '1';
    scrub.dispatchEvent(new Event('input'));
    const visible = () => order.filter((id) => el.view!.object(id)!.visible);
    expect(visible()).toEqual(order.slice(0, 1));
    await el.updateComplete;
    button(el, 'Play').click();
    await expect.poll(() => visible(), { timeout: 5000 }).toEqual(order);
    button(el, 'Close replay').click();
    await el.updateComplete;
    expect(button(el, 'Pen')).toBeTruthy();
  });

  it('refuses an image that lies about its type or is too large, with a clear error', async () => {
    const el = await mount('therapist', 'Ruth');
    const refused: CustomEvent[] = [];
    el.addEventListener('attune-canvas-refuse', (e) => refused.push(e));
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="image"]')!;
    const give = async (file: File) => {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
      await expect.poll(() => refused.length).toBeGreaterThan(0);
      return refused.splice(0)[0]!.detail;
    };
    const lying = new File([new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')], 'a.png', {
      type: 'image/png',
    });
    expect(await give(lying)).toMatchObject({
      reason: 'unsupported-media-type',
      message: expect.stringMatching(/not a PNG/),
    });
    const big = new File(
      [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), new Uint8Array(5 * 1024 * 1024)],
      'b.png',
      { type: 'image/png' },
    );
    expect(await give(big)).toMatchObject({
      reason: 'asset-too-large',
      message: expect.stringMatching(/5 MB/),
    });
  });

  it('undoes and redoes from the keyboard, and the toolbar is reachable by Tab', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test);
    await draw(el);
    const pen = button(el, 'Pen');
    pen.focus();
    expect(el.shadowRoot!.activeElement).toBe(pen);
    pen.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, composed: true }),
    );
    await expect.poll(() => el.view!.count).toBe(0);
    pen.dispatchEvent(
      new KeyboardEvent('keydown', {
        key: 'z',
        ctrlKey: true,
        shiftKey: true,
        bubbles: true,
        composed: true,
      }),
    );
    await expect.poll(() => el.view!.count).toBe(1);
    await el.updateComplete;
    expect(button(el, 'Undo').disabled).toBe(false);
  });

  it('comes back working after being moved in the DOM', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test);
    await draw(el);
    const holder = document.createElement('div');
    document.body.append(holder);
    const before = el.view;
    holder.append(el);
    await el.ready;
    expect(el.view).not.toBe(before);
    expect(before!.canvas.getObjects()).toHaveLength(0);
    expect(el.view!.count).toBe(1);
    await draw(el, 40, 200);
    await expect.poll(() => el.view!.count).toBe(2);
    holder.remove();
  });
});
