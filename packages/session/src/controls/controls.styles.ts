import { css } from 'lit';
import { tokens } from '../tokens.css.js';

/** The look shared by the therapist controls. */
export const controlStyles = [
  tokens,
  css`
    :host {
      display: block;
      font-family: var(--_font);
      color: var(--_text);
    }
    :host([hidden]) {
      display: none;
    }
    button,
    input {
      min-block-size: var(--_target);
      min-inline-size: var(--_target);
      padding: 0.4rem 1rem;
      border: 2px solid var(--_accent);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    button {
      font-weight: 600;
      cursor: pointer;
    }
    button[aria-pressed='true'],
    button.primary {
      background: var(--_accent);
      color: #fff;
    }
    button.danger {
      border-color: var(--_danger);
      color: var(--_danger);
    }
    :is(button, input):focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .grow {
      flex: 1;
      min-inline-size: 8rem;
    }
    p {
      margin: 0 0 0.5rem;
    }
    .muted {
      color: var(--_muted);
    }
    .warn {
      padding: 0.5rem 0.75rem;
      border-radius: var(--_radius);
      background: #fff4d6;
      color: #5c3d00;
    }
    @media (prefers-reduced-motion: no-preference) {
      button {
        transition: background-color 0.15s;
      }
    }
  `,
];
