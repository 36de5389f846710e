/**
 * Everything the pages benchmark knows about the pages' controls, in one place.
 *
 * The console and the join page change often (a collapsible console drawer, icon tool bars,
 * new step wording), and the same runner drives an older build beside the current one. So
 * controls are found by role and accessible name, with patterns loose enough for both, and a
 * change of wording is an edit to UI below, nowhere else.
 */

/** Roles and accessible names of the controls the runner uses. */
export const UI = {
  join: {
    /** The welcome step is shown: its name field. */
    welcomeField: { role: 'textbox', name: /call you|your name|^name$/i },
    /** Pressed once when offered: the gesture that lets the instruments sound. */
    startSound: { role: 'button', name: /^start sound$/i },
    /** The last step. */
    join: { role: 'button', name: /^(join|join the session|enter|go in)$/i },
    /** Every other step. */
    next: { role: 'button', name: /^(continue|next|skip)$/i },
    /** The client is in: waiting to be admitted, or a modality on screen. */
    waitingText: /waiting room|let you in/i,
  },
  console: {
    /** A collapsed console drawer or panel: opened before the runner uses the console. */
    drawer: { role: 'button', name: /console|session controls|controls|panel/i, expanded: false },
    /** "Admit <name>" in the waiting room. */
    admit: (/** @type {string} */ name) => ({ role: 'button', name: new RegExp(`^admit ${name}`, 'i') }),
    /** The roles a modality choice may have: radio (a list), tab, toggle button, menu item. */
    modalityRoles: ['radio', 'tab', 'menuitemradio', 'option', 'button'],
  },
};

/**
 * The three modalities: the console's label for each, the element that shows it, and where its
 * stage is. The stage is, in this order of preference: the element's `pageRect()` (the shared
 * page as it is drawn, a DOMRect in viewport pixels, as getBoundingClientRect gives), the first
 * of `surface` found in its shadow root (all matches are added up), or the element's own box.
 */
export const MODALITIES = {
  canvas: {
    title: 'canvas',
    choose: /^(canvas|drawing|draw)$/i,
    tag: 'attune-canvas',
    surface: ['[part~="stage"]'],
  },
  music: {
    title: 'instruments',
    choose: /^(instruments?|music)$/i,
    tag: 'attune-instrument-space',
    surface: ['[part~="instrument"]'],
  },
  props: {
    title: 'props',
    choose: /^(props|board|sand ?tray)$/i,
    tag: 'attune-prop-board',
    surface: ['[part~="board"]'],
  },
};

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Locator} Locator */
/** @typedef {{ role: string, name: RegExp, expanded?: boolean }} Control */

/** @returns {Locator} */
const byRole = (/** @type {Page} */ page, /** @type {Control} */ c) =>
  // @ts-expect-error the role is one of Playwright's ARIA roles
  page.getByRole(c.role, { name: c.name, ...(c.expanded === undefined ? {} : { expanded: c.expanded }) });

const visible = async (/** @type {Locator} */ locator) => locator.first().isVisible();

/** The join page's welcome step, shown. */
export const welcomeField = (/** @type {Page} */ page) => byRole(page, UI.join.welcomeField).first();

/** Any modality's element. */
const MODALITY_TAGS = Object.values(MODALITIES)
  .map((m) => m.tag)
  .join(', ');

/** Anything that says the client has passed the steps: the waiting screen or a modality. */
function inSession(/** @type {Page} */ page) {
  return page
    .locator(`[data-screen="waiting"], ${MODALITY_TAGS}`)
    .or(page.getByText(UI.join.waitingText))
    .first();
}

/** Text of the first visible top-level heading, to see a step change. */
async function headingText(/** @type {Page} */ page) {
  const h = page.getByRole('heading', { level: 1 }).first();
  return (await h.isVisible().catch(() => false)) ? h.innerText() : '';
}

/**
 * Walks the join page's steps from the welcome step as a client would with the mouse: Continue
 * until the last step, "Start sound" once when offered, then join.
 */
export async function walkJoin(/** @type {Page} */ page) {
  let sounded = false;
  for (let i = 0; i < 12; i++) {
    const inside = inSession(page);
    const sound = byRole(page, UI.join.startSound);
    const join = byRole(page, UI.join.join);
    const next = byRole(page, UI.join.next);
    await inside.or(sound.first()).or(join.first()).or(next.first()).first().waitFor();
    if (await inside.isVisible()) return;
    if (!sounded && (await visible(sound))) {
      await sound.first().click();
      sounded = true;
      continue;
    }
    if (await visible(join)) {
      await join.first().click();
      await inside.waitFor();
      return;
    }
    const before = await headingText(page);
    await next.first().click();
    // The next step replaces this one; waiting for its heading keeps one click per step.
    const until = Date.now() + 10_000;
    while (Date.now() < until && (await headingText(page)) === before && !(await inside.isVisible()))
      await page.waitForTimeout(50);
  }
  throw new Error('the join page did not reach the session in 12 steps');
}

/** Opens the console drawer when the console has one and it is closed. */
export async function openConsole(/** @type {Page} */ page) {
  const drawer = byRole(page, UI.console.drawer);
  if (await visible(drawer)) await drawer.first().click();
}

/** Admits a waiting person by name through the console, and waits until their page shows the session. */
export async function admit(
  /** @type {Page} */ page,
  /** @type {string} */ name,
  /** @type {Page} */ theirs,
) {
  const inside = theirs.locator(MODALITY_TAGS).first();
  // A session without a waiting room lets them straight in.
  if (await inside.isVisible()) return;
  await openConsole(page);
  await byRole(page, UI.console.admit(name)).first().click();
  await inside.waitFor();
}

/** Puts a modality on screen through the console, as the therapist does. */
export async function chooseModality(
  /** @type {Page} */ page,
  /** @type {keyof typeof MODALITIES} */ modality,
) {
  await openConsole(page);
  const name = MODALITIES[modality].choose;
  for (const role of UI.console.modalityRoles) {
    const control = byRole(page, { role, name }).first();
    if (!(await control.isVisible())) continue;
    if (role === 'radio') await control.check();
    else await control.click();
    await page.locator(MODALITIES[modality].tag).first().waitFor();
    return;
  }
  throw new Error(`no control in the console puts "${modality}" on screen`);
}

/**
 * Waits until the modality's stage keeps its size for 10 frames (the layout has settled), then
 * returns the share of the first screen it covers: visible stage area / viewport area, with the
 * page scrolled to the top.
 */
export async function stageShare(/** @type {Page} */ page, /** @type {keyof typeof MODALITIES} */ modality) {
  const { tag, surface } = MODALITIES[modality];
  const element = page.locator(tag).first();
  await element.waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  return element.evaluate(async (el, selectors) => {
    const read = () => {
      const host = /** @type {any} */ (el);
      if (typeof host.pageRect === 'function') {
        const r = host.pageRect();
        if (r && r.width > 0 && r.height > 0) return { source: 'pageRect()', rects: [r] };
      }
      for (const selector of selectors) {
        const nodes = Array.from(el.shadowRoot?.querySelectorAll(selector) ?? []);
        const rects = nodes.map((n) => n.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
        if (rects.length) return { source: selector, rects };
      }
      return { source: 'element box', rects: [el.getBoundingClientRect()] };
    };
    const key = (/** @type {{ rects: DOMRect[] }} */ m) =>
      m.rects.map((r) => [r.x, r.y, r.width, r.height].map(Math.round).join(',')).join(';');
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    let last = '';
    let same = 0;
    const until = performance.now() + 5000;
    while (same < 10 && performance.now() < until) {
      await frame();
      const k = key(read());
      same = k === last ? same + 1 : 0;
      last = k;
    }
    const { source, rects } = read();
    const w = innerWidth;
    const h = innerHeight;
    let area = 0;
    for (const r of rects) {
      const x = Math.max(0, Math.min(w, r.x + r.width)) - Math.max(0, Math.min(w, r.x));
      const y = Math.max(0, Math.min(h, r.y + r.height)) - Math.max(0, Math.min(h, r.y));
      area += Math.max(0, x) * Math.max(0, y);
    }
    const top = Math.min(...rects.map((r) => r.y));
    const bottom = Math.max(...rects.map((r) => r.y + r.height));
    const left = Math.min(...rects.map((r) => r.x));
    const right = Math.max(...rects.map((r) => r.x + r.width));
    return {
      share: area / (w * h),
      source,
      top: Math.round(top),
      bottom: Math.round(bottom),
      box: { x: left, y: top, width: right - left, height: bottom - top },
    };
  }, surface);
}

/**
 * Draws a small loop near each corner of the stage's visible part with the mouse (the pen is
 * the canvas's first tool), so that the shots show who sees which part of the shared page.
 */
export async function drawNearCorners(/** @type {Page} */ page) {
  const measured = await stageShare(page, 'canvas');
  const view = page.viewportSize();
  if (!view) return;
  const x0 = Math.max(0, measured.box.x);
  const y0 = Math.max(0, measured.box.y);
  const x1 = Math.min(view.width, measured.box.x + measured.box.width);
  const y1 = Math.min(view.height, measured.box.y + measured.box.height);
  if (x1 - x0 < 80 || y1 - y0 < 80) return;
  const r = Math.min(30, (x1 - x0) / 10, (y1 - y0) / 10);
  for (const [fx, fy] of [
    [0.1, 0.15],
    [0.9, 0.15],
    [0.1, 0.85],
    [0.9, 0.85],
  ]) {
    const cx = x0 + (x1 - x0) * fx;
    const cy = y0 + (y1 - y0) * fy;
    await page.mouse.move(cx + r, cy);
    await page.mouse.down();
    for (let i = 1; i <= 24; i++) {
      const a = (i / 24) * 2 * Math.PI;
      await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a));
    }
    await page.mouse.up();
  }
}
