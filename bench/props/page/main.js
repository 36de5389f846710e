/**
 * The browser half of the prop board benchmark: opens boards and moves a
 * prop, timing with performance.now(). Driven from run.mjs through Playwright.
 */
import { Session } from '@attune/session';
import '@attune/drama-props/attune-prop-board/attune-prop-board.js';

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const stage = document.getElementById('stage');

async function open({ server, sid, token, count }) {
  const t0 = performance.now();
  const session = new Session({ server, sid, token });
  await session.whenSynced();
  const t1 = performance.now();
  const el = document.createElement('attune-prop-board');
  el.session = session;
  stage.append(el);
  await el.updateComplete;
  while (el.shadowRoot.querySelectorAll('[part~="prop"]').length < count) await frame();
  await frame();
  const t2 = performance.now();
  return { el, session, sync: t1 - t0, render: t2 - t1, total: t2 - t0 };
}

window.benchOpen = async (args) => {
  const { el, session, sync, render, total } = await open(args);
  el.remove();
  session.destroy();
  return { sync, render, total };
};

window.benchMove = async (args) => {
  const { el, session } = await open(args);
  const board = el.props.board;
  const me = { id: session.user.id, name: session.user.name };
  const idle = [];
  let last = await frame();
  for (let i = 0; i < 120; i++) {
    const now = await frame();
    idle.push(now - last);
    last = now;
  }
  const id = board.list()[0].id;
  const costs = [];
  const intervals = [];
  last = await frame();
  for (let i = 0; i < 120; i++) {
    const now = await frame();
    intervals.push(now - last);
    last = now;
    const start = performance.now();
    board.move(id, 0.1 + (i % 60) / 80, 0.5 + Math.sin(i / 10) / 4, me, { log: false });
    await el.updateComplete;
    costs.push(performance.now() - start);
  }
  el.remove();
  session.destroy();
  return { idle, intervals, costs };
};

window.benchReady = true;
