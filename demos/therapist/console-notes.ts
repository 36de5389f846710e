/** Private notes on the `notes` scope: only therapists and assistants ever receive them. */
import { html, nothing } from 'lit';
import type { Session } from '@attune/session';
import { SESSION_ORIGIN } from '@attune/session/controls';
import type * as Y from 'yjs';
import { ConsolePanel } from './console-panel.js';

export const NOTES_TEXT = 'session-notes';

/** Applies the textarea's new value to the Y.Text as one small change. */
export function applyText(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let end = 0;
  while (
    end < prev.length - start &&
    end < next.length - start &&
    prev[prev.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  text.doc!.transact(() => {
    text.delete(start, prev.length - start - end);
    text.insert(start, next.slice(start, next.length - end));
  }, SESSION_ORIGIN);
}

export class AttuneConsoleNotesElement extends ConsolePanel {
  private text: Y.Text | null = null;
  private readonly onText = (_e: unknown, tr: Y.Transaction): void => {
    if (tr.origin === SESSION_ORIGIN) return;
    const area = this.renderRoot.querySelector('textarea');
    if (!area || !this.text) return;
    const { selectionStart, selectionEnd } = area;
    area.value = this.text.toString();
    area.setSelectionRange(selectionStart, selectionEnd);
  };

  protected override bind(session: Session): void {
    this.text = session.docs.notes?.getText(NOTES_TEXT) ?? null;
    this.text?.observe(this.onText);
  }

  protected override unbindMore(): void {
    this.text?.unobserve(this.onText);
    this.text = null;
  }

  protected override render(): unknown {
    if (!this.session) return nothing;
    if (!this.text)
      return html`<h2>Notes</h2>
        <p class="muted">Notes are for therapists and assistants only.</p>`;
    return html`<h2>Private notes</h2>
      <label
        >Only therapists and assistants can see these.
        <textarea
          .value=${this.text.toString()}
          @input=${(e: Event) => applyText(this.text!, (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </label>`;
  }
}

if (!customElements.get('attune-console-notes'))
  customElements.define('attune-console-notes', AttuneConsoleNotesElement);
