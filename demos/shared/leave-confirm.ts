import { html, type TemplateResult } from 'lit';

/**
 * The question before someone leaves, as a native popover dialog opened by a
 * button with `popovertarget="leave-confirm"`: "Stay" is focused first, so
 * Enter or Escape keeps them in.
 */
export function leaveConfirm(
  title: string,
  text: TemplateResult | string,
  leave: () => void,
): TemplateResult {
  return html`<div id="leave-confirm" class="confirm" popover role="dialog" aria-labelledby="leave-title">
    <h2 id="leave-title">${title}</h2>
    <p>${text}</p>
    <div class="buttons">
      <button class="primary" type="button" @click=${leave}>Leave</button>
      <button type="button" popovertarget="leave-confirm" popovertargetaction="hide" autofocus>Stay</button>
    </div>
  </div>`;
}
