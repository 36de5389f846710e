/** The room: hold, what is on screen, and the session timer (the session package's controls). */
import { html, nothing } from 'lit';
import '@attune/session/controls/register.js';
import { MODALITIES } from '@attune/session/controls';
import { MODALITY_LABEL } from '../shared/modalities.js';
import { ConsolePanel } from './console-panel.js';

export class AttuneConsoleFrameElement extends ConsolePanel {
  protected override render(): unknown {
    const frame = this.frame;
    if (!frame || !this.session) return nothing;
    return html`<h2>The room</h2>
      <attune-hold-button></attune-hold-button>
      <fieldset>
        <legend>On screen</legend>
        <div class="row">
          ${MODALITIES.map(
            (m) =>
              html`<label style="display: flex; gap: 0.4rem; font-weight: 400; align-items: center">
                <input
                  type="radio"
                  name="modality"
                  value=${m}
                  .checked=${frame.modality === m}
                  @change=${() => frame.setModality(m)}
                />${MODALITY_LABEL[m]}</label
              >`,
          )}
        </div>
        <label style="display: flex; gap: 0.4rem; font-weight: 400; align-items: center; margin-top: 0.5rem">
          <input
            type="checkbox"
            .checked=${frame.videoBeside}
            @change=${() => frame.setVideoBeside(!frame.videoBeside)}
          />
          Video beside it
        </label>
      </fieldset>
      <fieldset>
        <legend>Timer</legend>
        <attune-session-timer minutes="50"></attune-session-timer>
      </fieldset>`;
  }
}

if (!customElements.get('attune-console-frame'))
  customElements.define('attune-console-frame', AttuneConsoleFrameElement);
