/**
 * Ending: a choice per artefact (keep for next time, give to the client as an
 * export, destroy), recorded in the control document as the agreed consent,
 * then carried out. Also opens a new session that continues from this one.
 */
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { EndingChoice, EndingChoices } from '@attune/session/controls';
import { ENDING_CHOICES, MODALITIES, destroyArtefact } from '@attune/session/controls';
import { api, download } from '../shared/api.js';
import { clientExport } from '../shared/client-export.js';
import { MODALITY_LABEL } from '../shared/modalities.js';
import { ConsolePanel } from './console-panel.js';

const CHOICE_LABEL: Record<EndingChoice, string> = {
  keep: 'Keep for next time',
  export: 'Give to the client (export)',
  destroy: 'Destroy',
};

export class AttuneConsoleEndElement extends ConsolePanel {
  @state() private choices: EndingChoices = { canvas: 'keep', music: 'keep', props: 'keep' };
  @state() private confirming = false;
  @state() private busy = false;
  @state() private message = '';

  private async end(): Promise<void> {
    const session = this.session;
    const frame = this.frame;
    if (!session || !frame || this.busy) return;
    this.busy = true;
    const choices = { ...this.choices };
    try {
      const given = MODALITIES.filter((m) => choices[m] === 'export');
      if (given.length > 0) {
        // The server's export holds the notes too: only the chosen artefacts go to the client.
        const full = given.includes('music') ? await api.exportSession(session.sid, this.token) : null;
        download('attune-session-export.json', clientExport(session.docs.space, given, full as never));
      }
      frame.end(choices, session.user.id, session.clock.now());
      await session.whenSaved();
      if (MODALITIES.every((m) => choices[m] === 'destroy')) {
        await api.destroy(session.sid, this.token);
        this.message = 'The session has ended and everything in it was erased.';
      } else {
        for (const m of MODALITIES) if (choices[m] === 'destroy') destroyArtefact(session.docs.space, m);
        await session.whenSaved();
        this.message = 'The session has ended. What you chose to keep is saved for next time.';
      }
    } catch (error) {
      this.message = `Ending did not complete: ${(error as Error).message}`;
    } finally {
      this.busy = false;
      this.confirming = false;
    }
  }

  private async continueNext(): Promise<void> {
    if (!this.session) return;
    try {
      const next = await api.continueSession(this.session.sid, this.token);
      location.assign(next.therapistUrl);
    } catch (error) {
      this.message = `Could not open a new session: ${(error as Error).message}`;
    }
  }

  protected override render(): unknown {
    const frame = this.frame;
    if (!frame || !this.session) return nothing;
    const status = html`<p role="status" class="muted">${this.message}</p>`;
    const erased = this.session.status.status === 'error';
    if (frame.ended || erased) {
      return html`<h2>Session ended</h2>
        ${status}
        ${
          erased
            ? nothing
            : html`<button class="primary" @click=${() => void this.continueNext()}>
                Open the next session from this one
              </button>`
        }`;
    }
    return html`<h2>End the session</h2>
      ${MODALITIES.map(
        (m) =>
          html`<label style="margin-bottom: 0.5rem"
            >${MODALITY_LABEL[m]}
            <select
              data-artefact=${m}
              @change=${(e: Event) =>
                (this.choices = {
                  ...this.choices,
                  [m]: (e.target as HTMLSelectElement).value as EndingChoice,
                })}
            >
              ${ENDING_CHOICES.map(
                (c) =>
                  html`<option value=${c} ?selected=${this.choices[m] === c}>${CHOICE_LABEL[c]}</option>`,
              )}
            </select>
          </label>`,
      )}
      ${
        this.confirming
          ? html`<p class="warn">
                The choices are recorded as agreed with the client. Destroyed work cannot be brought back.
              </p>
              <div class="row">
                <button class="danger" ?disabled=${this.busy} @click=${() => void this.end()}>
                  Yes, end now
                </button>
                <button @click=${() => (this.confirming = false)}>Not yet</button>
              </div>`
          : html`<div class="row">
              <button class="danger" @click=${() => (this.confirming = true)}>End the session…</button>
              <button @click=${() => void this.continueNext()}>Open the next session from this one</button>
            </div>`
      }
      ${status}`;
  }
}

if (!customElements.get('attune-console-end'))
  customElements.define('attune-console-end', AttuneConsoleEndElement);
