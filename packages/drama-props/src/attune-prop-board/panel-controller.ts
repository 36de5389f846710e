/**
 * Which panel is open (the props drawer, the cards, the More menu, the
 * selected prop's extra tools), one at a time, and the keyboard around them:
 * opening moves focus into the panel, Escape closes it and gives focus back
 * to the button that opened it, arrow keys move along a bar of tools.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Panel } from './board-tools.js';

const FOCUSABLE = 'input, select, button:not([disabled]), [tabindex="0"]';
const PANEL = '.drawer, .menu, .pop';

export class PanelController implements ReactiveController {
  open: Panel = null;

  private readonly host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  toggle(panel: Panel): void {
    if (this.open === panel) return this.close(true);
    this.open = panel;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const root = this.host.shadowRoot;
      const panel = root?.querySelector(PANEL);
      const first =
        panel?.querySelector<HTMLElement>('[data-first]') ?? panel?.querySelector<HTMLElement>(FOCUSABLE);
      first?.focus();
    });
  }

  /** Closes what is open; with `refocus`, focus goes back to the button that opened it. */
  close(refocus: boolean): void {
    const was = this.open;
    if (!was) return;
    this.open = null;
    this.host.requestUpdate();
    if (!refocus) return;
    void this.host.updateComplete.then(() =>
      this.host.shadowRoot?.querySelector<HTMLElement>(`[data-opens="${was}"]`)?.focus(),
    );
  }

  /** Escape in or on a panel closes it; arrows move between the tools of a bar. */
  keydown(event: KeyboardEvent): void {
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLElement)) return;
    if (event.key === 'Escape' && this.open && target.closest(`${PANEL}, [data-opens]`)) {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
      return;
    }
    const bar = target.matches('.tool') ? target.closest('.toolbar') : null;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!bar || !step) return;
    const tools = [...bar.querySelectorAll<HTMLElement>('.tool:not([disabled])')];
    const next = tools[(tools.indexOf(target) + step + tools.length) % tools.length];
    event.preventDefault();
    next?.focus();
  }
}
