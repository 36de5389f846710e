import { css } from 'lit';
import { controlStyles } from '@attune/session/controls';

/**
 * Shared look of the console's panels: the session controls' lists, buttons, notices and focus
 * rings, with the console's tighter corners, darker red and quieter fields, plus its forms.
 */
export const panelStyles = [
  controlStyles,
  css`
    :host {
      --_radius: 8px;
      --_danger: #a3261e;
      display: block;
      padding: 1rem;
      border-radius: 12px;
      background: #fff;
      box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.15rem;
    }
    label {
      display: grid;
      gap: 0.25rem;
      font-weight: 600;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: end;
    }
    button {
      color: #1f4a42;
    }
    input,
    select,
    textarea {
      min-height: 44px;
      min-width: auto;
      padding: 0.4rem 0.6rem;
      border: 2px solid var(--_muted);
      border-radius: var(--_radius);
      font: inherit;
      background: #fff;
      color: inherit;
    }
    label.grow {
      flex: 1 1 10rem;
      min-width: 0;
    }
    label.grow input {
      width: 100%;
    }
    input,
    select,
    textarea {
      max-width: 100%;
    }
    /* The session's controls inside a panel: headings the size of the panels' own. */
    ::part(heading) {
      margin: 0 0 0.5rem;
      font-size: 1.15rem;
    }
    textarea {
      width: 100%;
      min-height: 8rem;
      resize: vertical;
    }
    :is(select, textarea):focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }
    .warn {
      color: inherit;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 0.75rem;
    }
    legend {
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
  `,
];
