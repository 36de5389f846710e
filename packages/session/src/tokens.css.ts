import { css } from 'lit';

/**
 * Attune's global design tokens. Every component's own custom properties
 * default to these, so a service themes all of Attune by setting them once.
 */
export const tokens = css`
  :host {
    --_font: var(--attune-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--attune-color-text, #1f2933);
    --_muted: var(--attune-color-muted, #52606d);
    --_surface: var(--attune-color-surface, #ffffff);
    --_surface-2: var(--attune-color-surface-raised, #f5f7fa);
    --_accent: var(--attune-color-accent, #2f6fbf);
    --_ok: var(--attune-color-ok, #2f7d4f);
    --_warn: var(--attune-color-warning, #8a5a00);
    --_danger: var(--attune-color-danger, #b3261e);
    --_radius: var(--attune-radius, 8px);
    --_focus: var(--attune-focus-ring, 3px solid #1a5fb4);
    --_target: var(--attune-target-size, 44px);
  }
`;

/**
 * The common look of Attune's controls, on top of `tokens`: visually hidden
 * text for screen readers, buttons and fields with 24 px targets at least
 * (the token's 44 px in height), disabled and pressed states, a visible
 * focus ring, and rows of controls.
 */
export const controls = css`
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  button,
  select,
  input {
    font: inherit;
    min-height: var(--_target);
    min-width: 24px;
    border-radius: var(--_radius);
  }
  button {
    border: 1px solid var(--_muted);
    background: var(--_surface);
    color: var(--_text);
    padding: 0 0.75rem;
    cursor: pointer;
  }
  button[aria-disabled='true'],
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button[aria-pressed='true'] {
    background: var(--_accent);
    color: #fff;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-block: 0.5rem;
  }
`;
