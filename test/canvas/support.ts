/**
 * Browser-test helpers for <attune-canvas>: real Sessions on the real test
 * server, mounted elements, and pointer gestures on the drawing overlay.
 */
import axe from 'axe-core';
import { Session } from '@attune/session';
import type { Role } from '@attune/session';
import { createTestSession } from '../support/browser-session.js';
import type { TestSession } from '../support/browser-session.js';
import '../../packages/canvas/src/attune-canvas/attune-canvas.js';
import type { AttuneCanvasElement } from '../../packages/canvas/src/attune-canvas/attune-canvas.element.js';

export { createTestSession };
export type { TestSession };

const mounted: { el: AttuneCanvasElement; session: Session }[] = [];

export function injectAxe(): void {
  if ((window as unknown as { axe?: unknown }).axe) return;
  const script = document.createElement('script');
  script.textContent = axe.source;
  document.head.append(script);
}

export function runAxe(el: Element): Promise<axe.AxeResults> {
  return (window as unknown as { axe: typeof axe }).axe.run(el);
}

/** Mounts a canvas for a new participant, in a box of the given size (CSS pixels). */
export async function mount(
  role: Role,
  name: string,
  test: TestSession,
  size: { width: number; height: number } = { width: 640, height: 480 },
): Promise<AttuneCanvasElement> {
  const token = role === 'therapist' ? test.therapistToken : await test.invite(role, name);
  const session = new Session({ server: test.sync, sid: test.sid, token });
  await session.whenSynced();
  const el = document.createElement('attune-canvas');
  el.style.cssText = `display:block;width:${size.width}px;height:${size.height}px`;
  el.session = session;
  document.body.append(el);
  await el.ready;
  mounted.push({ el, session });
  return el;
}

export function unmountAll(): void {
  for (const { el, session } of mounted.splice(0)) {
    el.remove();
    session.destroy();
  }
}

/**
 * A pointer event on the drawing overlay at (x, y) CSS pixels from the top
 * left corner of the page's paper, as the person sees it.
 */
export function pointer(
  el: AttuneCanvasElement,
  type: string,
  x: number,
  y: number,
  init: PointerEventInit = {},
): void {
  const overlay = el.view!.overlay;
  const paper = el.pageRect()!;
  overlay.dispatchEvent(
    new PointerEvent(type, {
      clientX: paper.left + x,
      clientY: paper.top + y,
      isPrimary: true,
      pointerId: 1,
      pointerType: 'mouse',
      bubbles: true,
      composed: true,
      pressure: 0.5,
      button: 0,
      ...init,
    }),
  );
}

/** Where a point of the scene is drawn on this canvas, in client pixels. */
export function clientPoint(el: AttuneCanvasElement, x: number, y: number): { x: number; y: number } {
  const [zoom, , , , e, f] = el.view!.viewport;
  const stage = el.view!.overlay.getBoundingClientRect();
  return { x: stage.left + x * zoom + e, y: stage.top + y * zoom + f };
}

/** Draws a stroke; `before` runs after the moves and before pointer-up. */
export async function draw(
  el: AttuneCanvasElement,
  x = 50,
  y = 60,
  before?: () => Promise<void>,
): Promise<void> {
  pointer(el, 'pointerdown', x, y);
  for (let i = 1; i <= 20; i++) pointer(el, 'pointermove', x + i * 5, y + Math.sin(i / 3) * 20);
  await before?.();
  pointer(el, 'pointerup', x + 100, y);
}

export const strokesOn = (el: AttuneCanvasElement) => el.controller.model!.objects(el.page);

/** A button by its accessible name: its `aria-label`, or its words. */
export const button = (el: AttuneCanvasElement, name: string): HTMLButtonElement =>
  [...el.shadowRoot!.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name,
  )!;
