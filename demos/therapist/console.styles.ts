import { css } from 'lit';

/** Shared look of the console's panels. */
export const panelStyles = css`
  :host {
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
  p {
    margin: 0 0 0.5rem;
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
    min-width: 8rem;
  }
  .muted {
    color: #4a5763;
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
  input,
  select,
  textarea {
    min-height: 44px;
    padding: 0.4rem 0.6rem;
    border: 2px solid #4a5763;
    border-radius: 8px;
    font: inherit;
    background: #fff;
    color: inherit;
  }
  label.grow input {
    width: 100%;
  }
  textarea {
    width: 100%;
    min-height: 8rem;
    resize: vertical;
  }
  button {
    min-height: 44px;
    min-width: 44px;
    padding: 0.4rem 1rem;
    border: 2px solid #2f6b5f;
    border-radius: 8px;
    background: #fff;
    color: #1f4a42;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button.primary,
  button[aria-pressed='true'] {
    background: #2f6b5f;
    color: #fff;
  }
  button.danger {
    border-color: #a3261e;
    color: #a3261e;
  }
  :is(button, input, select, textarea):focus-visible {
    outline: 3px solid #1a5fb4;
    outline-offset: 2px;
  }
  .warn {
    padding: 0.5rem 0.75rem;
    border-radius: 8px;
    background: #fff4d6;
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
`;
