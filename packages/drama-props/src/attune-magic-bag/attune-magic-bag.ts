import { AttuneMagicBagElement } from './attune-magic-bag.element.js';

export { AttuneMagicBagElement };

if (!customElements.get('attune-magic-bag')) customElements.define('attune-magic-bag', AttuneMagicBagElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-magic-bag': AttuneMagicBagElement;
  }
}
