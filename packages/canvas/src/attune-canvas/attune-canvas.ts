import { AttuneCanvasElement } from './attune-canvas.element.js';

export { AttuneCanvasElement };

if (!customElements.get('attune-canvas')) {
  customElements.define('attune-canvas', AttuneCanvasElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'attune-canvas': AttuneCanvasElement;
  }
}
