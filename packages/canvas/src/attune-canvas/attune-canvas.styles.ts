import { css } from 'lit';
import { controls, toolBar, tokens } from '@attune/session/ui';

export const styles = [
  tokens,
  controls,
  toolBar,
  css`
    /* The element fills the box its page gives it; the stage fills the element. */
    :host {
      display: block;
      position: relative;
      height: 100%;
      min-height: 320px;
      overflow: hidden;
      container: attune-canvas / inline-size;
      font-family: var(--_font);
      color: var(--_text);
      --attune-canvas-toolbar-background: var(--_surface);
      --attune-canvas-surround: color-mix(in srgb, var(--_accent) 7%, #eef1f4);
    }
    .stage {
      position: absolute;
      inset: 0;
      overflow: hidden;
      background: var(--attune-canvas-surround);
      touch-action: none;
    }
    .stage .canvas-container {
      touch-action: none;
    }
    .stage .overlay {
      position: absolute;
      inset: 0;
      z-index: 2;
      touch-action: none;
      cursor: crosshair;
    }
    :host(:is([data-tool='pan'], [data-tool='laser'])) .stage .overlay {
      cursor: grab;
    }
    :host([data-tool='select']) .stage .overlay {
      pointer-events: none;
    }

    /* The bar floats over the top of the stage; nothing else takes room from it. */
    .top {
      position: absolute;
      z-index: 3;
      inset-block-start: 8px;
      inset-inline: 8px;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 6px;
      pointer-events: none;
    }
    .top > * {
      pointer-events: auto;
    }
    .toolbar {
      flex-wrap: wrap;
      justify-content: center;
      max-width: 100%;
      box-sizing: border-box;
      background: var(--attune-canvas-toolbar-background);
    }
    /*
     * A wide, short stage (bar-layout.ts decides): the bar runs down the
     * inline-start side, so the page takes the full height. Tooltips show
     * beside the buttons, not over the next one.
     */
    :host([data-bar='side']) .top {
      inset-block: 8px;
      inset-inline: 8px auto;
      flex-direction: row;
      align-items: center;
    }
    :host([data-bar='side']) .top > .text-entry {
      align-self: flex-start;
    }
    :host([data-bar='side']) .toolbar {
      flex-direction: column;
      flex-wrap: nowrap;
      max-width: none;
      max-height: 100%;
    }
    :host([data-bar='side']) .toolbar > * {
      flex-shrink: 0;
    }
    :host([data-bar='side']) .toolbar .separator {
      width: auto;
      height: 1px;
      margin: 4px 6px;
    }
    :host([data-bar='side']) .toolbar .tool[data-tip]::after {
      inset-block: 50% auto;
      inset-inline-start: calc(100% + 6px);
      translate: 0 -50%;
    }
    .tool {
      cursor: pointer;
      min-height: 24px;
      padding: 0;
    }
    .tool.active {
      background: color-mix(in srgb, var(--_accent) 16%, var(--_surface));
      color: var(--_accent);
    }
    .tool:disabled {
      color: var(--_muted);
    }
    .dot {
      display: inline-block;
      width: var(--dot);
      height: var(--dot);
      border-radius: 50%;
      background: var(--swatch);
      box-shadow: 0 0 0 1px rgb(0 0 0 / 0.15);
    }
    /* A phone: the rarer tools wait in "More", so the bar stays one row. */
    .menu .section.narrow-only {
      display: none;
    }
    @container attune-canvas (max-width: 600px) {
      .toolbar .wide-only {
        display: none;
      }
      .menu .section.narrow-only {
        display: flex;
      }
      .tool.active-narrow {
        background: color-mix(in srgb, var(--_accent) 16%, var(--_surface));
        color: var(--_accent);
      }
      .toolbar .separator {
        margin-inline: 1px;
      }
      :host([data-bar='side']) .toolbar .separator {
        margin-block: 1px;
      }
    }

    /* Popovers: native, in the top layer, placed under their button by menu.ts. */
    .menu {
      position: fixed;
      inset: auto;
      margin: 0;
      box-sizing: border-box;
      min-width: 200px;
      max-width: calc(100vw - 16px);
      overflow: auto;
      padding: 6px;
      border: 1px solid color-mix(in srgb, var(--_muted) 30%, transparent);
      border-radius: calc(var(--_radius) + 4px);
      background: var(--attune-canvas-toolbar-background);
      color: var(--_text);
      font-family: var(--_font);
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.14);
    }
    .menu:not(:popover-open) {
      display: none;
    }
    .menu .section {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding-block: 4px;
    }
    .menu .section:not(:last-child) {
      border-block-end: 1px solid color-mix(in srgb, var(--_muted) 25%, transparent);
    }
    .item {
      display: flex;
      align-items: center;
      gap: 10px;
      width: 100%;
      min-height: var(--_target);
      padding: 0 10px;
      border: 0;
      border-radius: var(--_radius);
      background: transparent;
      color: var(--_text);
      font: inherit;
      text-align: start;
      cursor: pointer;
      box-sizing: border-box;
    }
    .item:hover {
      background: var(--_surface-2);
    }
    .item[aria-pressed='true'],
    .item[aria-checked='true'] {
      background: color-mix(in srgb, var(--_accent) 16%, var(--_surface));
      color: var(--_accent);
    }
    .item:focus-within {
      outline: var(--_focus);
      outline-offset: -2px;
    }
    .item input[type='color'] {
      margin-inline-start: auto;
      width: 32px;
      height: 28px;
      min-height: 28px;
      padding: 0;
      border: 1px solid var(--_muted);
      border-radius: 6px;
      background: none;
      cursor: pointer;
    }
    .item input[type='color']::-webkit-color-swatch-wrapper {
      padding: 2px;
    }
    .item input[type='color']::-webkit-color-swatch {
      border: 0;
      border-radius: 4px;
    }
    .item.danger {
      color: var(--_danger);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 4px 10px;
      font-size: 0.9rem;
      color: var(--_muted);
    }
    .field select {
      color: var(--_text);
      border: 1px solid var(--_muted);
      background: var(--_surface);
    }
    /* The paper's shape: three choices side by side, the shape drawn above its name. */
    .paper {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .caption {
      padding: 4px 10px 0;
      font-size: 0.9rem;
      color: var(--_muted);
    }
    .choices {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 2px;
    }
    .item.choice {
      flex-direction: column;
      justify-content: center;
      gap: 2px;
      padding: 4px 2px;
      font-size: 0.85rem;
      text-align: center;
    }
    .item.choice svg {
      width: 22px;
      height: 22px;
    }
    /* Why a shape is unavailable wraps to the popover's width instead of widening it. */
    .paper .note {
      width: 0;
      min-width: 100%;
      box-sizing: border-box;
    }
    .item[aria-disabled='true'] {
      color: var(--_muted);
      opacity: 0.6;
      cursor: not-allowed;
    }
    .note {
      margin: 0;
      padding: 2px 10px;
      font-size: 0.9rem;
      color: var(--_muted);
    }

    /* Colour and size. */
    .style-menu {
      min-width: 0;
      width: min(272px, calc(100vw - 16px));
    }
    .swatches,
    .sizes {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      padding: 4px;
    }
    .swatch,
    .size,
    .custom {
      display: inline-grid;
      place-items: center;
      width: var(--_target);
      height: var(--_target);
      min-height: 24px;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: transparent;
    }
    .swatch::before {
      content: '';
      width: 70%;
      height: 70%;
      border-radius: 50%;
      background: var(--swatch);
      box-shadow: 0 0 0 1px rgb(0 0 0 / 0.15);
    }
    .swatch[aria-pressed='true'],
    .size[aria-pressed='true'] {
      box-shadow: inset 0 0 0 3px var(--_accent);
      background: transparent;
      color: var(--_text);
    }
    /* Any colour: a rainbow ring around the browser's own colour picker. */
    .custom {
      position: relative;
      cursor: pointer;
    }
    .custom::before {
      content: '';
      width: 70%;
      height: 70%;
      border-radius: 50%;
      background: conic-gradient(#c0503a, #d9822b, #e6c84f, #2f9e6e, #1f8f9f, #3b7dd8, #b04fb8, #c0503a);
    }
    .custom input {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      min-height: 0;
      padding: 0;
      border: 0;
      opacity: 0;
      cursor: pointer;
    }
    .custom:focus-within {
      outline: var(--_focus);
      outline-offset: 2px;
    }
    .opacity {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 10px;
      color: var(--_muted);
    }
    .opacity input {
      flex: 1;
      min-height: 24px;
    }

    /* Replay and text entry sit where the bar is. */
    .scrub input {
      width: min(40vw, 260px);
      min-height: 24px;
    }
    .count {
      padding-inline: 6px;
      color: var(--_muted);
      white-space: nowrap;
    }
    .text-entry {
      display: flex;
      align-items: center;
      gap: 4px;
      padding: 4px;
      background: var(--attune-canvas-toolbar-background);
      border-radius: calc(var(--_radius) + 4px);
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.08);
    }
    .text-entry input {
      width: min(60vw, 320px);
      border: 1px solid var(--_muted);
      padding-inline: 8px;
    }

    /* What just happened: a quiet note at the bottom, only when there is one. */
    [part~='status'] {
      position: absolute;
      z-index: 3;
      inset-block-end: 10px;
      inset-inline-start: 50%;
      translate: -50% 0;
      max-width: calc(100% - 24px);
      padding: 6px 12px;
      border-radius: 999px;
      background: var(--_surface);
      color: var(--_muted);
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.1);
      pointer-events: none;
    }
    [part~='status']:empty {
      padding: 0;
      box-shadow: none;
    }
    [part~='status'][data-kind='refused'] {
      color: var(--_danger);
    }
    @media (prefers-reduced-motion: reduce) {
      * {
        transition: none !important;
        animation: none !important;
      }
    }
  `,
];
