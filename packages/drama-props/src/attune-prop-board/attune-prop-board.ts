import { AttunePropBoardElement } from './attune-prop-board.element.js';

export { AttunePropBoardElement };

if (!customElements.get('attune-prop-board'))
  customElements.define('attune-prop-board', AttunePropBoardElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-prop-board': AttunePropBoardElement;
  }
}
