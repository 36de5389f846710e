import { AttuneSessionTimerElement } from './attune-session-timer.element.js';

export { AttuneSessionTimerElement };
export { endingWarning, formatRemaining } from './attune-session-timer.element.js';

if (!customElements.get('attune-session-timer'))
  customElements.define('attune-session-timer', AttuneSessionTimerElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-session-timer': AttuneSessionTimerElement;
  }
}
