import { AttuneSessionElement } from './attune-session.element.js';

export { AttuneSessionElement };

if (!customElements.get('attune-session')) {
  customElements.define('attune-session', AttuneSessionElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'attune-session': AttuneSessionElement;
  }
}
