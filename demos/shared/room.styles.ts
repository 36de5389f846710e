import { css } from 'lit';

/**
 * The room: a slim bar on top and the work below it, filling the window and
 * never scrolling it. `<attune-session class="room">` is the grid; its own
 * status line (`::part(status)`, the connection and save state) sits in the
 * bar's middle column, between the title and the actions (a subgrid), and
 * drops to a second row on a phone.
 */
export const roomStyles = css`
  attune-session.room {
    display: grid;
    grid-template-columns: minmax(0, auto) minmax(0, 1fr) auto;
    grid-template-rows: auto minmax(0, 1fr);
    block-size: 100vh;
    block-size: 100dvh;
    overflow: clip;
  }
  .bar {
    grid-row: 1;
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: subgrid;
    align-items: center;
    column-gap: 0.75rem;
    padding: 0.35rem 0.75rem;
    background: var(--attune-color-surface, #fff);
    border-block-end: 1px solid var(--demo-line, #d5dfdb);
  }
  .bar .title {
    grid-column: 1;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-inline-size: 0;
  }
  .bar .title img {
    inline-size: 28px;
    block-size: 28px;
    flex: none;
  }
  .bar h1 {
    margin: 0;
    font-size: 1.1rem;
    font-weight: 650;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .bar h1:focus {
    outline: none;
  }
  .bar .actions {
    grid-column: 3;
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  attune-session.room::part(status) {
    grid-row: 1;
    grid-column: 2;
    justify-self: start;
    align-self: center;
    z-index: 1;
    margin-inline: 0.25rem;
    padding: 0.2em 0.8em;
    border-radius: 999px;
    font-size: 0.85rem;
    line-height: 1.3;
    min-inline-size: 0;
  }
  .body {
    grid-row: 2;
    grid-column: 1 / -1;
    min-block-size: 0;
    position: relative;
  }
  @media (max-width: 640px) {
    attune-session.room {
      grid-template-rows: auto auto minmax(0, 1fr);
    }
    .bar {
      grid-row: 1 / span 2;
      grid-template-rows: subgrid;
      row-gap: 0.25rem;
      padding-block: 0.3rem;
    }
    .bar .title,
    .bar .actions {
      grid-row: 1;
    }
    attune-session.room::part(status) {
      grid-row: 2;
      grid-column: 1 / -1;
      justify-self: stretch;
      margin: 0 0.5rem 0.3rem;
    }
    .body {
      grid-row: 3;
    }
  }
`;
