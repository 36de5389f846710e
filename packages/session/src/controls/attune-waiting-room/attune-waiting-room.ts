import { AttuneWaitingRoomElement } from './attune-waiting-room.element.js';

export { AttuneWaitingRoomElement };

if (!customElements.get('attune-waiting-room'))
  customElements.define('attune-waiting-room', AttuneWaitingRoomElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-waiting-room': AttuneWaitingRoomElement;
  }
}
