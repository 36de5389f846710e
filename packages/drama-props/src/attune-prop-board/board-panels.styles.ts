import { css } from 'lit';

/**
 * The board's panels: the band's tools (selected prop, replay), the selected
 * prop's extra tools, the drawer (props library, cards), the More menu, the
 * top bar's notice and hands, as they sit with the bar on top and the band
 * below the tray. The other layouts (bar down the side, band on the tray's
 * side, drawer as a side panel) are in `attune-prop-board.styles.ts`, after
 * these rules.
 */
export const panelStyles = css`
  /* The selected prop's tools, or the replay controls, in the band beside the tray. */
  .dock {
    position: absolute;
    inset: calc(var(--_tt) + var(--_th) + var(--_rim-width) + 2px) 0 auto 0;
    display: flex;
    justify-content: center;
    align-items: center;
    gap: 6px;
    pointer-events: none;
    z-index: 2;
  }
  .dock > * {
    pointer-events: auto;
  }
  .dock .toolbar {
    flex-wrap: wrap;
    justify-content: center;
  }
  .pop {
    position: absolute;
    z-index: 4;
    inset: var(--_below) 6px auto 6px;
    max-height: calc(100cqh - var(--_below));
    overflow-y: auto;
    box-sizing: border-box;
    padding: 0.5rem 0.75rem;
    background: var(--_surface);
    border: 1px solid color-mix(in srgb, var(--_muted) 30%, transparent);
    border-radius: calc(var(--_radius) + 4px);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.14);
  }
  .pop .form {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.4rem 0.5rem;
  }
  .pop .form input,
  .pop .form select {
    min-width: 0;
    width: 100%;
    box-sizing: border-box;
  }
  .pop .row {
    margin-block: 0 0.5rem;
  }
  /* The props library, cards: a drawer over the stage (bottom sheet, or a side panel when wide). */
  .drawer {
    position: absolute;
    z-index: 4;
    inset: var(--_below) 0 0 0;
    display: flex;
    flex-direction: column;
    background: var(--_surface);
    border-top: 1px solid color-mix(in srgb, var(--_muted) 30%, transparent);
    border-radius: var(--_radius) var(--_radius) 0 0;
    box-shadow: 0 -6px 24px rgb(0 0 0 / 0.12);
  }
  .drawer-head {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.25rem 0.25rem 0.25rem 0.75rem;
  }
  .drawer-head .title {
    flex: 1;
    font-weight: 600;
  }
  .drawer-body {
    overflow-y: auto;
    padding: 0 0.75rem 0.75rem;
  }
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-size: 0.9rem;
  }
  [part='palette'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(max(4.75rem, var(--_target)), 1fr));
    gap: 0.25rem;
    list-style: none;
    padding: 0;
    margin: 0.5rem 0 0;
  }
  [part='palette-item'] {
    width: 100%;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.15rem;
    padding: 0.35rem 0.15rem;
    font-size: 0.8rem;
    border-color: transparent;
    background: var(--_surface-2);
  }
  [part='palette-item'] img {
    width: 44px;
    height: 44px;
  }
  /* The More menu, under its button. */
  .bar {
    position: relative;
  }
  .menu {
    position: absolute;
    z-index: 5;
    top: calc(100% + 4px);
    inset-inline-start: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 14rem;
    padding: 6px;
    background: var(--_surface);
    border: 1px solid color-mix(in srgb, var(--_muted) 30%, transparent);
    border-radius: calc(var(--_radius) + 4px);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.14);
  }
  .menu button {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    border: 0;
    text-align: start;
    background: transparent;
  }
  .menu button:hover {
    background: var(--_surface-2);
  }
  .menu label {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    padding-inline: 0.75rem;
  }
  [part='notice'] {
    margin: 0;
    padding: 0.4rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_warn);
  }
  [part='hands'] {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='hands'] li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    padding: 2px 2px 2px 0.6rem;
    background: var(--_surface);
    border-radius: calc(var(--_radius) + 4px);
    box-shadow: 0 2px 10px rgb(0 0 0 / 0.08);
  }
  .hand-tools {
    display: inline-flex;
    align-items: center;
    gap: 2px;
  }
  [part='hands'] img {
    width: 32px;
    height: 32px;
  }
  [part='cards'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.5rem;
    list-style: none;
    padding: 0;
    margin: 0;
  }
  [part='card'] {
    border: 1px solid color-mix(in srgb, var(--_muted) 40%, transparent);
    border-radius: var(--_radius);
    background: #fffdf5;
    padding: 0.5rem 0.75rem;
  }
  [part='card'] p {
    margin: 0.25rem 0;
  }
  .card-title {
    font-weight: 700;
  }
  .card-form {
    display: grid;
    gap: 0.4rem;
    margin-top: 0.75rem;
  }
  .card-form label {
    display: grid;
    gap: 0.15rem;
    font-size: 0.9rem;
  }
  [part='replay'] .step {
    padding-inline: 0.5rem;
    white-space: nowrap;
  }
  .connecting {
    padding: 1rem;
  }
`;
