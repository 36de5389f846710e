/** Mounting helpers for the drama-props browser tests: real sessions on the real server. */
import axe from 'axe-core';
import { Session } from '@attune/session';
import type { Role } from '@attune/session';
import { afterEach, beforeAll, expect } from 'vitest';
import type { TestSession } from './support/browser-session.js';

export function injectAxe(): void {
  if ((window as unknown as { axe?: unknown }).axe) return;
  const script = document.createElement('script');
  script.textContent = axe.source;
  document.head.append(script);
}

export async function expectNoAxeViolations(el: Element): Promise<void> {
  const result = await (window as unknown as { axe: typeof axe }).axe.run(el);
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
}

const live: Array<{ el: Element; session: Session }> = [];

type PropTag = 'attune-prop-board' | 'attune-magic-bag';
type PropElement = HTMLElement & { session?: Session; updateComplete: Promise<boolean> };

export async function mountIn<T extends PropElement>(
  tag: PropTag,
  room: TestSession,
  role: Role,
  name: string,
): Promise<{ el: T; session: Session }> {
  const token = role === 'therapist' ? room.therapistToken : await room.invite(role, name);
  const session = new Session({ server: room.sync, sid: room.sid, token });
  await session.whenSynced();
  const el = document.createElement(tag) as unknown as T;
  el.style.cssText = 'display:block;width:320px';
  el.session = session;
  document.body.append(el);
  await el.updateComplete;
  live.push({ el, session });
  return { el, session };
}

export function unmountAll(): void {
  for (const { el, session } of live.splice(0)) {
    el.remove();
    session.destroy();
  }
}

/**
 * The calling file's set-up for one element: axe loaded before its tests, everything mounted
 * removed after each. Returns the mount for that element, with its own session per person.
 */
export function usePropElement<T extends PropElement>(
  tag: PropTag,
): (room: TestSession, role: Role, name: string) => Promise<{ el: T; session: Session }> {
  beforeAll(() => injectAxe());
  afterEach(() => unmountAll());
  return (room, role, name) => mountIn<T>(tag, room, role, name);
}

/** Waits until `check` holds, re-checking on each animation frame (no fixed sleeps). */
export async function until(check: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

export function shadowButton(el: Element, text: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find(
    (b) => b.textContent!.trim() === text || b.getAttribute('aria-label') === text,
  );
  if (!found) throw new Error(`No button "${text}"`);
  return found;
}

export function liveText(el: Element): string {
  return el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
}

export function recordEvents(el: Element, types: string[]): Array<{ type: string; detail: unknown }> {
  const seen: Array<{ type: string; detail: unknown }> = [];
  for (const type of types)
    el.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
  return seen;
}
