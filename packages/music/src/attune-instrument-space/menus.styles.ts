import { css } from 'lit';

/**
 * The menus the bar's tools open (native popovers, placed under their tool
 * by CSS anchor positioning; centred on the screen where that is missing) and
 * what is inside them: instrument choices, fields, the players list.
 */
export const menuStyles = css`
  /* Menus: native popovers beside their tool (centred where anchors are not supported). */
  .menu {
    box-sizing: border-box;
    max-width: min(26rem, calc(100vw - 16px));
    max-height: calc(100vh - 16px);
    overflow: auto;
    padding: 12px;
    border: 1px solid color-mix(in srgb, var(--_muted) 30%, transparent);
    border-radius: calc(var(--_radius) + 4px);
    background: var(--_surface);
    color: var(--_text);
    font-family: var(--_font);
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.16);
  }
  @supports (position-area: block-end) {
    .menu {
      inset: auto;
      margin: 6px 0 0;
      position-area: block-end span-inline-end;
      position-try-fallbacks: flip-inline, flip-block;
      /* Each menu's anchor is its tool: the template names both (anchor-name, position-anchor). */
    }
    /* On a phone a menu takes the width of the screen under the bar. */
    @media (max-width: 600px) {
      .menu {
        position-area: block-end span-all;
        justify-self: center;
        width: calc(100vw - 16px);
        max-width: none;
      }
    }
  }
  .menu-title {
    margin: 0 0 8px;
    font-weight: 600;
  }
  .note {
    margin: 0 0 8px;
    color: var(--_muted);
  }
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 6px;
    min-width: min(19rem, calc(100vw - 42px));
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    text-align: start;
  }
  .field,
  [part='therapist'] label {
    display: grid;
    gap: 4px;
  }
  [part='therapist'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    align-items: end;
    gap: 10px 12px;
    min-width: min(23rem, calc(100vw - 42px));
    margin: 0;
    border: 0;
    padding: 0;
  }
  [part='therapist'] legend {
    padding: 0 0 8px;
    font-weight: 600;
  }
  [part='therapist'] label:has(input[type='checkbox']),
  [part='player'] label:has(input[type='checkbox']) {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
    min-height: 0;
  }
  [part='players'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 10px;
  }
  [part='player'] {
    display: flex;
    gap: 6px 0.5rem;
    align-items: center;
    flex-wrap: wrap;
  }
  .dot {
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--color);
    outline: 2px solid transparent;
  }
  .dot[data-playing] {
    outline-color: var(--color);
    outline-offset: 2px;
  }
  [part='latency'] {
    padding: 0 0.4rem;
    border-radius: var(--_radius);
    color: #fff;
    background: var(--_muted);
  }
  [part='latency'][data-level='good'] {
    background: var(--_ok);
  }
  [part='latency'][data-level='fair'] {
    background: var(--_warn);
  }
  [part='latency'][data-level='poor'] {
    background: var(--_danger);
  }
`;
