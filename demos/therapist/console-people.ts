/** Who is here: the waiting room and the participant list (the session package's controls). */
import { html, nothing } from 'lit';
import '@attune/session/controls/register.js';
import { ConsolePanel } from './console-panel.js';

export class AttuneConsolePeopleElement extends ConsolePanel {
  protected override render(): unknown {
    if (!this.session) return nothing;
    return html`<attune-waiting-room></attune-waiting-room>
      <attune-participant-list .token=${this.token} style="margin-top: 1rem"></attune-participant-list>`;
  }
}

if (!customElements.get('attune-console-people'))
  customElements.define('attune-console-people', AttuneConsolePeopleElement);
