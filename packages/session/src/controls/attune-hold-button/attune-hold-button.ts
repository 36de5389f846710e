import { AttuneHoldButtonElement } from './attune-hold-button.element.js';

export { AttuneHoldButtonElement };

if (!customElements.get('attune-hold-button'))
  customElements.define('attune-hold-button', AttuneHoldButtonElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-hold-button': AttuneHoldButtonElement;
  }
}
