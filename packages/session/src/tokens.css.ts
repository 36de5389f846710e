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
