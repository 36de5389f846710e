import { AttuneParticipantListElement } from './attune-participant-list.element.js';

export { AttuneParticipantListElement };

if (!customElements.get('attune-participant-list'))
  customElements.define('attune-participant-list', AttuneParticipantListElement);

declare global {
  interface HTMLElementTagNameMap {
    'attune-participant-list': AttuneParticipantListElement;
  }
}
