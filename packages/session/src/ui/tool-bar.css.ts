import { css } from 'lit';

/**
 * One compact bar of icon buttons, as Excalidraw and tldraw draw their tools.
 * Use on top of `tokens` and `controls`:
 *
 *   <div class="toolbar" role="toolbar" aria-label="Drawing tools">
 *     <button class="tool" aria-label="Pen" data-tip="Pen (P)">${icon(Pencil)}</button>
 *
 * Each button is square at the target size (`--attune-target-size`, so the
 * large mode grows every tool at once), names itself with `aria-label`, and
 * shows `data-tip` as a tooltip on hover and keyboard focus. The tooltip is
 * CSS only: the name screen readers hear is the `aria-label`.
 */
export const toolBar = css`
  .toolbar {
    display: flex;
    align-items: center;
    gap: 2px;
    padding: 4px;
    background: var(--_surface);
    border: 1px solid color-mix(in srgb, var(--_muted) 30%, transparent);
    border-radius: calc(var(--_radius) + 4px);
    box-shadow: 0 2px 10px rgb(0 0 0 / 0.08);
  }
  .toolbar .separator {
    align-self: stretch;
    width: 1px;
    margin: 6px 4px;
    background: color-mix(in srgb, var(--_muted) 35%, transparent);
  }
  .tool {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: var(--_target);
    height: var(--_target);
    min-width: 24px;
    min-height: 24px;
    padding: 0;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_text);
  }
  .tool:hover {
    background: var(--_surface-2);
  }
  .tool[aria-pressed='true'],
  .tool[aria-checked='true'],
  .tool[aria-expanded='true'] {
    background: color-mix(in srgb, var(--_accent) 16%, var(--_surface));
    color: var(--_accent);
  }
  .tool[data-tip]::after {
    content: attr(data-tip);
    position: absolute;
    inset-block-end: calc(100% + 6px);
    inset-inline-start: 50%;
    translate: -50% 0;
    z-index: 10;
    padding: 4px 8px;
    border-radius: 6px;
    background: #1f2933;
    color: #fff;
    font-size: 0.8rem;
    line-height: 1.2;
    white-space: nowrap;
    pointer-events: none;
    opacity: 0;
    transition: opacity 120ms ease 400ms;
  }
  .toolbar.below .tool[data-tip]::after {
    inset-block-end: auto;
    inset-block-start: calc(100% + 6px);
  }
  .tool[data-tip]:hover::after,
  .tool[data-tip]:focus-visible::after {
    opacity: 1;
  }
  @media (prefers-reduced-motion: reduce) {
    .tool[data-tip]::after {
      transition: none;
    }
  }
`;
