/**
 * How the tool bar's popovers behave. They are native `popover="auto"`
 * elements opened by their button (`popovertarget`), so the browser gives
 * them the top layer, light dismiss, Escape, one open at a time and a place
 * in the tab order right after their button. What is added here: placing
 * each under its button within the window (beside it when the bar runs down
 * the side), focus on the first item when it opens, arrow keys between
 * items, and focus back on the button when it closes with focus inside
 * (Escape, or a choice made).
 *
 * Placement is one rule for each way the bar lies (below the button, or
 * beside it towards the page; kept inside the window, scrolling when taller
 * than the room left), so it needs no positioning library.
 */

const GAP = 6;
const EDGE = 8;
const ITEMS = 'button:not(:disabled), select, input:not([type="hidden"])';

/** The button that opens a popover: the one pointing at it in the same shadow root. */
function invokerOf(popover: HTMLElement): HTMLElement | null {
  const root = popover.getRootNode() as ShadowRoot | Document;
  return root.querySelector<HTMLElement>(`[popovertarget="${popover.id}"]`);
}

function items(popover: HTMLElement): HTMLElement[] {
  return [...popover.querySelectorAll<HTMLElement>(ITEMS)].filter((el) => el.getClientRects().length > 0);
}

/** True when the button is on a bar that runs down the side. */
const onSideBar = (button: HTMLElement): boolean =>
  button.closest('[role="toolbar"]')?.getAttribute('aria-orientation') === 'vertical';

/**
 * Places an open popover beside its button, towards the page (the inline-end
 * side), within the element's box and the window: the bar runs the height of
 * the element, so its popovers stay over the drawing, not outside it.
 */
function placeBeside(popover: HTMLElement, anchor: DOMRect): void {
  const host = (popover.getRootNode() as ShadowRoot).host as HTMLElement | undefined;
  const box = host?.getBoundingClientRect() ?? new DOMRect(0, 0, window.innerWidth, window.innerHeight);
  const low = Math.max(0, box.top) + EDGE;
  const high = Math.min(window.innerHeight, box.bottom) - EDGE;
  popover.style.maxHeight = `${Math.max(120, high - low)}px`;
  const rtl = getComputedStyle(popover).direction === 'rtl';
  const width = popover.offsetWidth;
  const left = rtl ? anchor.left - GAP - width : anchor.right + GAP;
  const top = Math.max(low, Math.min(anchor.top, high - popover.offsetHeight));
  popover.style.left = `${Math.max(EDGE, Math.min(left, window.innerWidth - width - EDGE))}px`;
  popover.style.top = `${top}px`;
}

/** Places an open popover under its button (beside it on a side bar), inside the window. */
export function place(popover: HTMLElement): void {
  const button = invokerOf(popover);
  if (!button) return;
  const anchor = button.getBoundingClientRect();
  if (onSideBar(button)) return placeBeside(popover, anchor);
  const width = popover.offsetWidth;
  const left = Math.min(
    Math.max(EDGE, anchor.left + anchor.width / 2 - width / 2),
    window.innerWidth - width - EDGE,
  );
  const top = anchor.bottom + GAP;
  popover.style.left = `${Math.max(EDGE, left)}px`;
  popover.style.top = `${top}px`;
  popover.style.maxHeight = `${Math.max(120, window.innerHeight - top - EDGE)}px`;
}

/** `toggle` on a popover: place and focus it when it opens, return focus when it closes. */
export function onToggle(event: ToggleEvent): void {
  const popover = event.currentTarget as HTMLElement;
  // Said by the browser already; the attribute also lets the bar show the open button.
  invokerOf(popover)?.setAttribute('aria-expanded', String(event.newState === 'open'));
  if (event.newState === 'open') {
    place(popover);
    const first = popover.querySelector<HTMLElement>('[aria-pressed="true"]') ?? items(popover)[0];
    first?.focus();
    return;
  }
  const root = popover.getRootNode() as ShadowRoot;
  const active = root.activeElement;
  if (!active || popover.contains(active)) invokerOf(popover)?.focus();
}

/** Arrow keys, Home and End move between a popover's items (not inside a list or slider). */
export function onMenuKey(event: KeyboardEvent): void {
  const popover = event.currentTarget as HTMLElement;
  const target = event.target as HTMLElement;
  if (target.matches('select, input[type="range"], input[type="text"], input:not([type])')) return;
  const list = items(popover);
  const index = list.indexOf(target);
  let next: number;
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowRight':
      next = (index + 1) % list.length;
      break;
    case 'ArrowUp':
    case 'ArrowLeft':
      next = (index - 1 + list.length) % list.length;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = list.length - 1;
      break;
    default:
      return;
  }
  event.preventDefault();
  list[next]?.focus();
}

/**
 * Left and right arrows move between the bar's own buttons, and up and down
 * too when it runs down the side; each stays in the tab order too.
 */
export function onBarKey(event: KeyboardEvent): void {
  const bar = event.currentTarget as HTMLElement;
  const vertical = bar.getAttribute('aria-orientation') === 'vertical';
  const forward = event.key === 'ArrowRight' || (vertical && event.key === 'ArrowDown');
  const back = event.key === 'ArrowLeft' || (vertical && event.key === 'ArrowUp');
  if (!forward && !back) return;
  const target = event.target as HTMLElement;
  const buttons = [...bar.querySelectorAll<HTMLElement>(':scope > .tool, :scope > * > .tool')].filter(
    (b) => b.getClientRects().length > 0 && !(b as HTMLButtonElement).disabled,
  );
  const index = buttons.indexOf(target);
  if (index < 0) return;
  event.preventDefault();
  const step = forward ? 1 : -1;
  buttons[(index + step + buttons.length) % buttons.length]?.focus();
}

/** Closes the popover an item sits in (after a choice). */
export function closeMenuOf(element: Element): void {
  const popover = element.closest<HTMLElement>('[popover]');
  if (popover?.matches(':popover-open')) popover.hidePopover();
}
