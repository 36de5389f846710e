/**
 * <attune-session> in real Chromium, against this file's own server (browser
 * commands in vitest.config.ts), so that its connection count is exact and
 * tokens of any kind can be signed.
 */
import { ContextConsumer } from '@lit/context';
import axe from 'axe-core';
import { LitElement, html } from 'lit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import type { AttuneServerInfo } from '../../../../vitest.config.js';
import { sessionContext } from '../context.js';
import type { SessionStatusDetail } from '../events.js';
import type { Role } from '../protocol/index.js';
import type { TestSession } from '../../../../test/support/browser-session.js';
import { createTestSession, inviteTo, until } from '../../../../test/support/browser-session.js';
import { Session } from '../session.js';
import './attune-session.js';
import type { AttuneSessionElement } from './attune-session.element.js';

/** A component that, like every Attune component, takes its Session from the context. */
class SessionConsumer extends LitElement {
  private readonly context = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  get session(): Session | undefined {
    return this.context.value;
  }

  protected override render(): unknown {
    return html`<p>${this.session ? `Hello ${this.session.user.name}` : 'No session'}</p>`;
  }
}
customElements.define('test-session-consumer', SessionConsumer);

let server: AttuneServerInfo;
const containers: HTMLElement[] = [];

beforeAll(async () => {
  server = await commands.startAttune();
});
afterAll(async () => {
  await commands.disposeAttune(server.id);
});
afterEach(async () => {
  for (const container of containers.splice(0)) container.remove();
  await until(
    async () => (await commands.attuneHealth(server.id)).connections === 0,
    'every socket to close',
  );
});

const createSession = (): Promise<TestSession> => createTestSession(server);
const invite = (sid: string, therapistToken: string, role: Role, name: string): Promise<string> =>
  inviteTo(server, sid, therapistToken, role, name);

function container(): HTMLElement {
  const div = document.createElement('div');
  document.body.append(div);
  containers.push(div);
  return div;
}

/** `<attune-session>` with a consumer inside, as a page would write it; resolves once rendered. */
async function mount(sid: string, token: string, parent: Node = container()) {
  const element = document.createElement('attune-session');
  element.setAttribute('server', server.sync);
  element.setAttribute('session', sid);
  element.setAttribute('token', token);
  const consumer = document.createElement('test-session-consumer') as SessionConsumer;
  element.append(consumer);
  parent.appendChild(element);
  await element.updateComplete;
  return { element, consumer };
}

function statusLine(element: AttuneSessionElement): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
}

async function shown(element: AttuneSessionElement): Promise<string> {
  await element.updateComplete;
  return statusLine(element).textContent!.replace(/\s+/g, ' ').trim();
}

async function connections(): Promise<number> {
  return (await commands.attuneHealth(server.id)).connections;
}

describe('<attune-session>', () => {
  it('has no accessibility violations, connected or refused', async () => {
    const { sid, therapistToken } = await createSession();
    const { element } = await mount(sid, therapistToken);
    await element.session!.whenSynced();
    await element.updateComplete;
    expect((await axe.run(element)).violations).toEqual([]);

    const other = await createSession();
    const refused = (await mount(sid, other.therapistToken)).element;
    await refused.updateComplete;
    expect(refused.session!.status.status).toBe('error');
    expect((await axe.run(refused)).violations).toEqual([]);
  });

  it('provides its Session to the components inside it', async () => {
    const { sid, therapistToken } = await createSession();
    const { element, consumer } = await mount(sid, await invite(sid, therapistToken, 'client', 'Sam'));
    await consumer.updateComplete;
    const session = element.session!;
    expect(session).toBeInstanceOf(Session);
    expect(consumer.session).toBe(session);
    expect(consumer.shadowRoot!.textContent).toContain('Hello Sam');
    await session.whenSynced();

    // A new token (the therapist sends a fresh link) gives the components the new Session.
    element.token = await invite(sid, therapistToken, 'client', 'Sam again');
    await element.updateComplete;
    await consumer.updateComplete;
    expect(element.session).not.toBe(session);
    expect(consumer.session).toBe(element.session);
    expect(consumer.shadowRoot!.textContent).toContain('Hello Sam again');
    await element.session!.whenSynced();
    await until(async () => (await connections()) === 2, 'only the new Session to stay connected');
  });

  it('says in plain words in a live region how the connection stands and whether the work is saved', async () => {
    const { sid, therapistToken } = await createSession();
    // Inside another component's shadow root, as a portal might embed it.
    const host = container();
    const root = host.attachShadow({ mode: 'open' });
    const events: Array<{ detail: SessionStatusDetail; bubbles: boolean; composed: boolean }> = [];
    const seen: string[] = [];
    const onStatus = (event: CustomEvent<SessionStatusDetail>): void => {
      events.push({ detail: event.detail, bubbles: event.bubbles, composed: event.composed });
    };
    document.addEventListener('attune-session-status', onStatus);
    try {
      const { element, consumer } = await mount(
        sid,
        await invite(sid, therapistToken, 'client', 'Sam'),
        root,
      );
      const line = statusLine(element);
      expect(line.getAttribute('aria-live')).toBe('polite');
      expect(line.getAttribute('part')).toBe('status');
      seen.push(await shown(element));

      const session = consumer.session!;
      await session.whenSynced();
      seen.push(await shown(element));
      expect(line.dataset.state).toBe('synced');

      session.docs.space.getMap('board').set('sun', { x: 1, y: 2 });
      seen.push(await shown(element));
      await session.whenSaved();
      seen.push(await shown(element));

      session.disconnect();
      await until(() => session.status.status === 'offline', 'the session to be offline');
      seen.push(await shown(element));
      expect(line.dataset.state).toBe('offline');
      session.connect();
      await session.whenSynced();
      seen.push(await shown(element));

      expect(seen).toEqual([
        'Connecting to the session…',
        'Connected. Your work is saved.',
        'Connected. Saving your work…',
        'Connected. Your work is saved.',
        'The connection dropped. Keep going: your work is kept and will be sent when it is back.',
        'Connected. Your work is saved.',
      ]);
      expect(events.every((e) => e.bubbles && e.composed)).toBe(true);
      expect(events.map((e) => [e.detail.status.status, e.detail.saved])).toEqual([
        ['connecting', true],
        ['synced', true],
        ['synced', false],
        ['synced', true],
        ['offline', true],
        ['connecting', true],
        ['synced', true],
      ]);
    } finally {
      document.removeEventListener('attune-session-status', onStatus);
    }
  });

  it('keeps the status line for screen readers only when status-hidden is set', async () => {
    const { sid, therapistToken } = await createSession();
    const shownLine = (await mount(sid, therapistToken)).element;
    const { element } = await mount(sid, therapistToken);
    element.statusHidden = true;
    await element.session!.whenSynced();
    await shownLine.session!.whenSynced();
    expect(await shown(element)).toBe('Connected. Your work is saved.');
    expect(element.hasAttribute('status-hidden')).toBe(true);
    // Takes no room on the page, yet stays rendered, where screen readers find it.
    // (Both hold the same component, so the difference is the status line.)
    const heightOf = (e: HTMLElement): number => e.getBoundingClientRect().height;
    expect(heightOf(shownLine) - heightOf(element)).toBeGreaterThanOrEqual(24);
    const style = getComputedStyle(statusLine(element));
    expect([style.display, style.visibility]).toEqual(['flex', 'visible']);
    expect((await axe.run(element)).violations).toEqual([]);
  });

  describe('with a link that cannot work', () => {
    /** Mounts the element with a bad link; returns what the page is told. */
    async function refused(token: string, sid: string) {
      const events: SessionStatusDetail[] = [];
      const parent = container();
      parent.addEventListener('attune-session-status', (event) => events.push(event.detail));
      const { element } = await mount(sid, token, parent);
      await until(() => events.at(-1)?.status.status === 'error', 'the error status');
      const last = events.at(-1)!.status;
      expect(element.session!.status).toBe(last);
      expect(statusLine(element).dataset.state).toBe('error');
      return {
        statuses: events.map((e) => e.status.status),
        reason: last.status === 'error' ? last.error.reason : null,
        text: await shown(element),
      };
    }

    it('says that an expired link has expired', async () => {
      const { sid } = await createSession();
      const token = await commands.signAttuneToken(server.id, {
        sid,
        role: 'client',
        sub: 'c_expired',
        name: 'Sam',
        ttlSeconds: -60,
      });
      const { statuses, reason, text } = await refused(token, sid);
      expect(reason).toBe('expired');
      expect(text).toBe('This link has expired. Please ask your therapist for a new one.');
      expect(statuses).toEqual(['error']);
      expect(await connections()).toBe(0);
    });

    it('says that a link for another session does not open this one', async () => {
      const mine = await createSession();
      const theirs = await createSession();
      const token = await invite(theirs.sid, theirs.therapistToken, 'client', 'Sam');
      const { statuses, reason, text } = await refused(token, mine.sid);
      expect(reason).toBe('forbidden');
      expect(text).toBe('This link does not open this session. Please ask your therapist for a new one.');
      expect(statuses).toEqual(['error']);
      expect(await connections()).toBe(0);
    });

    it('says that a forged link does not work, once the server has refused it', async () => {
      const { sid, therapistToken } = await createSession();
      const [head, body] = (await invite(sid, therapistToken, 'client', 'Sam')).split('.');
      // A well-formed token whose signature belongs to another token.
      const forged = `${head}.${body}.${therapistToken.split('.')[2]}`;
      const { statuses, reason, text } = await refused(forged, sid);
      expect(reason).toBe('unauthorized');
      expect(text).toBe('This link does not work. Please ask your therapist for a new one.');
      expect(statuses).toEqual(['connecting', 'error']);
      expect(await connections()).toBe(0);
    });
  });

  it('keeps the same Session when moved in the page', async () => {
    const { sid, therapistToken } = await createSession();
    const { element, consumer } = await mount(sid, therapistToken);
    const session = element.session!;
    await session.whenSynced();
    expect(await connections()).toBe(3);

    container().append(element);
    await element.updateComplete;
    expect(element.session).toBe(session);
    expect(consumer.session).toBe(session);
    // Still working: an edit after the move is confirmed on the same sockets.
    session.docs.space.getMap('board').set('moved', true);
    await session.whenSaved();
    expect(session.status.status).toBe('synced');
    expect(await connections()).toBe(3);
    expect(await shown(element)).toBe('Connected. Your work is saved.');
  });

  it('destroys its Session when removed, and opens a new one when put back', async () => {
    const { sid, therapistToken } = await createSession();
    const { element, consumer } = await mount(sid, therapistToken);
    const session = element.session!;
    await session.whenSynced();
    expect(await connections()).toBe(3);
    const closed: string[] = [];
    session.on('status', (status) => closed.push(status.status));

    element.remove();
    await until(async () => (await connections()) === 0, 'the sockets to close');
    expect(element.session).toBeUndefined();
    expect(session.provider('space')).toBeNull();
    expect(closed).toEqual([]);

    container().append(element);
    await until(() => element.session !== undefined, 'a new Session');
    expect(element.session).not.toBe(session);
    await element.session!.whenSynced();
    await consumer.updateComplete;
    expect(consumer.session).toBe(element.session);
    expect(await connections()).toBe(3);
    expect(await shown(element)).toBe('Connected. Your work is saved.');
  });
});
