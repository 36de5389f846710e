import { css } from 'lit';
import { controls, tokens } from '@attune/session/ui';

/**
 * The pages' own chrome around the work: header buttons with an icon and a
 * short label (`.chip.compact`: the label hides on narrow screens, the
 * accessible name stays),
 * cards for the join steps, and the popover used to confirm leaving.
 * Sizes come from the target token, so "Larger controls" grows them all.
 */
export const chromeStyles = [
  tokens,
  controls,
  css`
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.45em;
      min-inline-size: var(--_target);
      block-size: var(--_target);
      padding: 0 0.85rem;
      border: 1px solid var(--demo-line, #d5dfdb);
      border-radius: 999px;
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
      font-size: 0.9rem;
      font-weight: 600;
      white-space: nowrap;
      cursor: pointer;
    }
    .chip:hover {
      background: var(--_surface-2);
    }
    .chip[aria-pressed='true'],
    .chip[aria-expanded='true'] {
      border-color: color-mix(in srgb, var(--_accent) 45%, transparent);
      background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
      color: var(--_accent);
    }
    .chip .icon {
      flex: none;
    }
    @media (max-width: 640px) {
      .chip.compact {
        padding: 0;
        inline-size: var(--_target);
      }
      .chip.compact .label {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    }
    [popover].confirm {
      max-inline-size: min(26rem, calc(100vw - 2rem));
      padding: 1.25rem 1.5rem;
      border: 0;
      border-radius: 16px;
      background: var(--_surface);
      color: var(--_text);
      font-family: var(--_font);
      box-shadow: 0 12px 40px rgb(31 41 51 / 0.25);
    }
    [popover].confirm::backdrop {
      background: rgb(31 41 51 / 0.25);
    }
    [popover].confirm h2 {
      margin: 0 0 0.5rem;
      font-size: 1.2rem;
    }
    [popover].confirm p {
      margin: 0 0 1rem;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    .buttons button {
      padding: 0 1.25rem;
      border: 2px solid var(--_accent);
      border-radius: 10px;
      background: var(--_surface);
      color: var(--_accent);
      font-weight: 600;
    }
    .buttons button.primary {
      background: var(--_accent);
      color: #fff;
    }
  `,
];
