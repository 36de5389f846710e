import { afterEach, describe, expect, it } from 'vitest';
import {
  button,
  clientPoint,
  createTestSession,
  draw,
  mount,
  pointer,
  strokesOn,
  unmountAll,
} from '../../../../test/canvas/support.js';
import type { AttuneCanvasElement } from './attune-canvas.element.js';

afterEach(unmountAll);

function choose(el: AttuneCanvasElement, tool: string): Promise<boolean> {
  (el.shadowRoot!.querySelector(`[data-tool="${tool}"]`) as HTMLButtonElement).click();
  return el.updateComplete;
}

async function pngFile(width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#2f9e6e';
  ctx.fillRect(0, 0, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], 'drawing.png', { type: 'image/png' });
}

describe('<attune-canvas> frame and tools', () => {
  it('the eraser removes whole strokes, but not what the therapist protected', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test);
    const client = await mount('client', 'Sam', test);
    await draw(client, 40, 60);
    await draw(client, 40, 250);
    await expect.poll(() => strokesOn(therapist).length).toBe(2);
    const kept = strokesOn(therapist).find((o) => o.kind === 'stroke' && o.points[0]!.y > 200)!;
    therapist.controller.model!.frame.setProtected(kept.id, true);
    await expect.poll(() => client.controller.model!.frame.isProtected(kept.id)).toBe(true);
    const refused: string[] = [];
    client.addEventListener('attune-canvas-refuse', (e) => refused.push(e.detail.reason));
    await choose(client, 'eraser');
    // Through the middle of the first stroke, then over the protected one.
    pointer(client, 'pointerdown', 90, 40);
    for (let y = 40; y <= 80; y += 4) pointer(client, 'pointermove', 90, y);
    pointer(client, 'pointerup', 90, 80);
    pointer(client, 'pointerdown', 40, 250);
    pointer(client, 'pointerup', 40, 250);
    await expect.poll(() => strokesOn(therapist).map((o) => o.id)).toEqual([kept.id]);
    expect(refused).toContain('protected');
    expect(client.view!.count).toBe(1);
  });

  it('clearing a page is the therapist’s, and their undo brings it back for everyone', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test);
    const client = await mount('client', 'Sam', test);
    expect(button(client, 'Clear page')).toBeUndefined();
    await draw(client, 40, 60);
    await draw(client, 40, 200);
    await expect.poll(() => therapist.view!.count).toBe(2);
    button(therapist, 'Clear page').click();
    await expect.poll(() => client.view!.count).toBe(0);
    button(therapist, 'Undo').click();
    await expect.poll(() => client.view!.count).toBe(2);
  });

  it('follow me brings clients to the therapist’s page, and shows them the part of it the therapist sees', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test, { width: 1224, height: 600 });
    const client = await mount('client', 'Sam', test, { width: 363, height: 560 });
    button(therapist, 'Follow me').click();
    await therapist.updateComplete;
    expect(button(therapist, 'Follow me').getAttribute('aria-pressed')).toBe('true');
    const wholeZoom = client.view!.canvas.getZoom();
    // The therapist zooms in three times, then pans towards the lower right of the page.
    for (let i = 0; i < 3; i++) button(therapist, 'Zoom in').click();
    therapist.view!.panBy(-200, -120);
    therapist.viewChanged();
    const seen = therapist.view!.pageInView;
    expect(seen.width).toBeLessThan(1600 * 0.8);
    // The client, on a narrow screen, sees that same part of the page: all of it, centred, and no more
    // than its own shape adds.
    const onClient = () => {
      const stage = client.view!.overlay.getBoundingClientRect();
      const [zoom, , , , e, f] = client.view!.viewport;
      return { x: -e / zoom, y: -f / zoom, width: stage.width / zoom, height: stage.height / zoom };
    };
    await expect.poll(() => client.view!.canvas.getZoom()).toBeGreaterThan(wholeZoom * 1.3);
    const shown = onClient();
    expect(shown.x).toBeLessThanOrEqual(seen.x + 0.5);
    expect(shown.y).toBeLessThanOrEqual(seen.y + 0.5);
    expect(shown.x + shown.width).toBeGreaterThanOrEqual(seen.x + seen.width - 0.5);
    expect(shown.y + shown.height).toBeGreaterThanOrEqual(seen.y + seen.height - 0.5);
    expect(shown.x + shown.width / 2).toBeCloseTo(seen.x + seen.width / 2, 0);
    // Width is what limits a narrow screen: it shows the leader's part edge to edge (less its margins).
    expect(shown.width).toBeLessThan(seen.width * 1.1);
    // Whole page again: the client sees the whole page too.
    button(therapist, 'Whole page').click();
    await expect.poll(() => client.view!.canvas.getZoom()).toBeCloseTo(wholeZoom, 5);
    button(therapist, 'New landscape page').click();
    await therapist.updateComplete;
    await expect.poll(() => client.page).toBe(therapist.page);
  });

  it('shows everyone’s named cursors and the laser, at the same place on the page', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test, { width: 900, height: 520 });
    const client = await mount('client', 'Sam', test, { width: 390, height: 600 });
    // A tenth of the way across the client's paper and a fifth of the way down.
    const paper = client.pageRect()!;
    pointer(client, 'pointermove', paper.width / 10, paper.height / 5);
    await expect
      .poll(() => therapist.controller.peers.map((p) => [p.name, p.laser]))
      .toEqual([['Sam', false]]);
    const peer = therapist.controller.peers[0]!;
    const at = clientPoint(therapist, peer.x, peer.y);
    const theirs = therapist.pageRect()!;
    expect((at.x - theirs.left) / theirs.width).toBeCloseTo(0.1, 2);
    expect((at.y - theirs.top) / theirs.height).toBeCloseTo(0.2, 2);
    await choose(therapist, 'laser');
    pointer(therapist, 'pointermove', theirs.width / 2, theirs.height / 2);
    await expect
      .poll(() => client.controller.peers.map((p) => [p.name, p.laser]))
      .toEqual([[therapist.controller.session!.user.name, true]]);
    const laser = client.controller.peers[0]!;
    const spot = clientPoint(client, laser.x, laser.y);
    expect((spot.x - paper.left) / paper.width).toBeCloseTo(0.5, 2);
    expect((spot.y - paper.top) / paper.height).toBeCloseTo(0.5, 2);
  });

  it('an image is stored once on the server and shown to everyone', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test);
    const client = await mount('client', 'Sam', test);
    const drawn: string[] = [];
    therapist.addEventListener('attune-canvas-draw', (e) => drawn.push(e.detail.id));
    const input = therapist.shadowRoot!.querySelector<HTMLInputElement>('[part~="image"]')!;
    const transfer = new DataTransfer();
    transfer.items.add(await pngFile(800, 400));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await expect.poll(() => drawn.length, { timeout: 5000 }).toBe(1);
    // The draw event is the therapist's; the client has it once the update arrives.
    await expect
      .poll(() => client.controller.model!.object(drawn[0]!))
      .toMatchObject({ kind: 'image', w: 400, h: 200 });
    await expect.poll(() => client.view!.object(drawn[0]!)?.type).toBe('image');
  });

  it('moves a selected object for everyone, and keeps a protected one still for clients', async () => {
    const test = await createTestSession();
    const a = await mount('client', 'Sam', test);
    const b = await mount('client', 'Kim', test);
    await draw(a, 50, 60);
    await expect.poll(() => b.view!.count).toBe(1);
    const id = strokesOn(a)[0]!.id;
    const before = a.view!.object(id)!.getCenterPoint();
    await choose(a, 'select');
    const upper = a.view!.canvas.upperCanvasEl;
    const zoom = a.view!.canvas.getZoom();
    // Scene points, dispatched where they are on the screen.
    const at = (type: string, x: number, y: number, target: EventTarget) => {
      const client = clientPoint(a, x, y);
      target.dispatchEvent(
        new PointerEvent(type, {
          pointerId: 1,
          isPrimary: true,
          pointerType: 'mouse',
          button: 0,
          buttons: type === 'pointerup' ? 0 : 1,
          clientX: client.x,
          clientY: client.y,
          bubbles: true,
          composed: true,
        }),
      );
    };
    // 100 by 50 screen pixels: that far on the page, scaled by the view.
    const [dx, dy] = [100 / zoom, 50 / zoom];
    at('pointerdown', before.x, before.y, upper);
    for (let i = 1; i <= 5; i++) at('pointermove', before.x + (i * dx) / 5, before.y + (i * dy) / 5, upper);
    at('pointerup', before.x + dx, before.y + dy, upper);
    await expect.poll(() => b.controller.model!.object(id)?.placement?.left).toBeCloseTo(before.x + dx, 0);
    await expect.poll(() => b.view!.object(id)!.getCenterPoint().y).toBeCloseTo(before.y + dy, 0);
    // Protected by the therapist: the client can no longer pick it up.
    const therapist = await mount('therapist', 'Ruth', test);
    therapist.controller.model!.frame.setProtected(id, true);
    await expect.poll(() => a.controller.model!.frame.isProtected(id)).toBe(true);
    await a.updateComplete;
    const moved = a.view!.object(id)!.getCenterPoint();
    at('pointerdown', moved.x, moved.y, upper);
    for (let i = 1; i <= 5; i++) at('pointermove', moved.x + (i * dx) / 5, moved.y, upper);
    at('pointerup', moved.x + dx, moved.y, upper);
    await a.controller.session!.whenSaved();
    expect(a.view!.object(id)!.getCenterPoint().x).toBeCloseTo(moved.x, 0);
    expect(therapist.controller.model!.object(id)!.placement!.left).toBeCloseTo(before.x + dx, 0);
  });

  it('freezes for clients while the room is held, and observers only watch', async () => {
    const test = await createTestSession();
    const therapist = await mount('therapist', 'Ruth', test);
    const client = await mount('client', 'Sam', test);
    const observer = await mount('observer', 'Obi', test);
    expect(button(observer, 'Pen')).toBeUndefined();
    expect(button(observer, 'Select')).toBeDefined();
    therapist.controller.session!.docs.control.getMap('frame').set('hold', true);
    await expect
      .poll(() => client.shadowRoot!.querySelector('[part~="status"]')!.textContent)
      .toMatch(/holding the room/);
    const refused: string[] = [];
    client.addEventListener('attune-canvas-refuse', (e) => refused.push(e.detail.reason));
    await draw(client);
    expect(refused).toEqual(['held']);
    await draw(therapist);
    await expect.poll(() => strokesOn(observer).length).toBe(1);
  });

  it('brings a selected stroke forward for everyone', async () => {
    const test = await createTestSession();
    const a = await mount('client', 'Sam', test);
    const b = await mount('client', 'Kim', test);
    await draw(a, 50, 60);
    await draw(a, 50, 200);
    await expect.poll(() => b.view!.count).toBe(2);
    const [first, second] = strokesOn(a).map((o) => o.id);
    await choose(a, 'select');
    const center = a.view!.object(first!)!.getCenterPoint();
    a.view!.canvas.setActiveObject(a.view!.object(first!)!);
    a.view!.canvas.fire('selection:created', { selected: [a.view!.object(first!)!] });
    await a.updateComplete;
    expect(center.y).toBeLessThan(a.view!.object(second!)!.getCenterPoint().y);
    button(a, 'Bring forward').click();
    const order = (el: AttuneCanvasElement) => el.view!.canvas.getObjects().map((o) => el.view!.idOf(o));
    await expect.poll(() => order(b)).toEqual([second, first]);
    expect(order(a)).toEqual([second, first]);
  });

  it('places text, and changes it on a double click', async () => {
    const test = await createTestSession();
    const a = await mount('client', 'Sam', test);
    const b = await mount('client', 'Kim', test);
    await choose(a, 'text');
    pointer(a, 'pointerdown', 100, 100);
    pointer(a, 'pointerup', 100, 100);
    await a.updateComplete;
    const input = a.shadowRoot!.querySelector<HTMLInputElement>('[part~="text-input"]')!;
    expect(a.shadowRoot!.activeElement).toBe(input);
    input.value = 'a safe place';
    a.shadowRoot!.querySelector('form')!.requestSubmit();
    await expect.poll(() => strokesOn(b).map((o) => o.kind === 'text' && o.text)).toEqual(['a safe place']);
    const id = strokesOn(a)[0]!.id;
    await choose(a, 'select');
    const upper = a.view!.canvas.upperCanvasEl;
    const center = a.view!.object(id)!.getCenterPoint();
    const onScreen = clientPoint(a, center.x, center.y);
    upper.dispatchEvent(
      new MouseEvent('dblclick', {
        detail: 2,
        clientX: onScreen.x,
        clientY: onScreen.y,
        bubbles: true,
        composed: true,
      }),
    );
    await a.updateComplete;
    const edit = a.shadowRoot!.querySelector<HTMLInputElement>('[part~="text-input"]')!;
    expect(edit.value).toBe('a safe place');
    edit.value = 'a safer place';
    a.shadowRoot!.querySelector('form')!.requestSubmit();
    await expect
      .poll(() => (b.view!.object(id) as unknown as { text?: string } | undefined)?.text)
      .toBe('a safer place');
    await expect
      .poll(() => (a.view!.object(id) as unknown as { text?: string } | undefined)?.text)
      .toBe('a safer place');
  });

  it('two fingers pinch to zoom and draw nothing; one finger draws', async () => {
    const test = await createTestSession();
    const el = await mount('client', 'Sam', test);
    const overlay = el.view!.overlay;
    const rect = overlay.getBoundingClientRect();
    const whole = el.view!.canvas.getZoom();
    const touch = (type: string, id: number, x: number, y: number) =>
      overlay.dispatchEvent(
        new PointerEvent(type, {
          pointerId: id,
          pointerType: 'touch',
          isPrimary: id === 1,
          clientX: rect.left + x,
          clientY: rect.top + y,
          bubbles: true,
        }),
      );
    touch('pointerdown', 1, 200, 200);
    touch('pointermove', 1, 205, 200);
    touch('pointerdown', 2, 300, 200);
    touch('pointermove', 2, 400, 200);
    touch('pointermove', 1, 150, 200);
    touch('pointerup', 2, 400, 200);
    touch('pointerup', 1, 150, 200);
    // The fingers start 95 px apart and end 250 px apart: the page grows as much.
    expect(el.view!.canvas.getZoom() / whole).toBeCloseTo(250 / 95);
    await el.controller.session!.whenSaved();
    expect(strokesOn(el)).toHaveLength(0);
    touch('pointerdown', 1, 100, 100);
    touch('pointermove', 1, 140, 120);
    touch('pointerup', 1, 140, 120);
    expect(strokesOn(el)).toHaveLength(1);
  });

  it('the server refuses an upload that lies about its type', async () => {
    const test = await createTestSession();
    const response = await fetch(`${test.http}/api/sessions/${test.sid}/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${test.therapistToken}`, 'content-type': 'image/png' },
      body: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'unsupported-media-type',
    );
  });
});
