import { AttuneInstrumentSpaceElement } from './attune-instrument-space.element.js';

export { AttuneInstrumentSpaceElement };

if (!customElements.get('attune-instrument-space')) {
  customElements.define('attune-instrument-space', AttuneInstrumentSpaceElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'attune-instrument-space': AttuneInstrumentSpaceElement;
  }
}
