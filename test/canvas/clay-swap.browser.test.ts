/**
 * The clay swap scene (DESIGN.md, scene 1), through <attune-session> as a
 * service embeds it: each client makes a piece on their own page, the
 * therapist passes each piece to the other client, who alters it, and
 * everyone watches strokes as they are made.
 */
import { afterEach, expect, it } from 'vitest';
import '@attune/session/attune-session.js';
import type { AttuneCanvasElement } from '../../packages/canvas/src/attune-canvas/attune-canvas.element.js';
import { button, createTestSession, draw, strokesOn } from './support.js';
import type { TestSession } from './support.js';

const roots: HTMLElement[] = [];
afterEach(() => roots.splice(0).forEach((root) => root.remove()));

async function join(test: TestSession, token: string): Promise<AttuneCanvasElement> {
  const root = document.createElement('attune-session');
  root.setAttribute('server', test.sync);
  root.setAttribute('session', test.sid);
  root.setAttribute('token', token);
  const canvas = document.createElement('attune-canvas');
  canvas.style.cssText = 'display:flex;width:600px;height:420px';
  root.append(canvas);
  document.body.append(root);
  roots.push(root);
  await expect.poll(() => canvas.controller.session?.status.status).toBe('synced');
  await canvas.ready;
  return canvas;
}

it('clay swap: own pieces, passed on, altered, seen by all', async () => {
  const test = await createTestSession();
  const therapist = await join(test, test.therapistToken);
  const sam = await join(test, await test.invite('client', 'Sam'));
  const kim = await join(test, await test.invite('client', 'Kim'));
  const id = (el: AttuneCanvasElement) => el.controller.session!.user.id;

  // Each makes a piece on a page of their own.
  for (const client of [sam, kim]) {
    button(client, 'New page').click();
    await client.updateComplete;
    await draw(client, 60, 80);
  }
  const samPage = sam.page;
  const kimPage = kim.page;
  await expect.poll(() => therapist.controller.model!.pages.list().length).toBe(3);

  // The therapist watches Sam's page and passes each piece to the other client.
  therapist.page = samPage;
  await therapist.updateComplete;
  await expect.poll(() => therapist.view!.count).toBe(1);
  expect(therapist.controller.model!.pages.pass(samPage, id(kim))).toBe(true);
  expect(therapist.controller.model!.pages.pass(kimPage, id(sam))).toBe(true);
  await expect.poll(() => sam.controller.model!.refusal(kimPage)).toBeNull();
  await expect.poll(() => kim.controller.model!.refusal(samPage)).toBeNull();

  // Kim alters Sam's piece while the therapist watches the stroke grow.
  kim.page = samPage;
  await kim.updateComplete;
  await draw(kim, 80, 200, async () => {
    await expect.poll(() => therapist.controller.live.onPage(samPage).length).toBe(1);
  });
  await expect.poll(() => strokesOn(therapist).map((o) => o.author)).toEqual([id(sam), id(kim)]);
  // Sam can no longer draw on the piece that was passed on.
  sam.page = samPage;
  await sam.updateComplete;
  expect(sam.controller.model!.refusal(samPage)).toBe('not-owner');
  const stage = therapist.shadowRoot!.querySelector('[part~="stage"]')!;
  await therapist.updateComplete;
  expect(stage.getAttribute('aria-label')).toBe('2 strokes; last by Kim');
});
