import { css } from 'lit';
import { tokens } from '@attune/session';

export const styles = [
  tokens,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 6px;
      min-height: 320px;
      font-family: var(--_font);
      color: var(--_text);
      --attune-canvas-toolbar-background: var(--_surface-2);
      --attune-canvas-target: max(24px, min(var(--_target), 40px));
    }
    [part~='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      padding: 4px;
      background: var(--attune-canvas-toolbar-background);
      border-radius: var(--_radius);
    }
    [part~='group'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      padding-inline-end: 6px;
      border-inline-end: 1px solid #cbd2d9;
    }
    button,
    select,
    input[type='color'] {
      min-width: var(--attune-canvas-target);
      min-height: var(--attune-canvas-target);
      border: 1px solid #9aa5b1;
      border-radius: 6px;
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
      padding: 2px 8px;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: var(--_accent);
      border-color: var(--_accent);
      color: #fff;
    }
    button:disabled {
      opacity: 0.55;
      cursor: not-allowed;
    }
    button.swatch {
      padding: 0;
      width: var(--attune-canvas-target);
      background: var(--swatch);
    }
    button.swatch[aria-pressed='true'] {
      outline: 3px solid var(--_text);
      outline-offset: -6px;
    }
    :is(button, select, input):focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }
    label {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    input[type='range'] {
      min-height: 24px;
    }
    .stage {
      position: relative;
      flex: 1 1 auto;
      min-height: 240px;
      overflow: hidden;
      border: 1px solid #cbd2d9;
      border-radius: var(--_radius);
      touch-action: none;
    }
    .stage .overlay {
      position: absolute;
      inset: 0;
      z-index: 2;
      touch-action: none;
    }
    :host(:is([data-tool='pan'], [data-tool='laser'])) .stage .overlay {
      cursor: grab;
    }
    .stage .overlay {
      cursor: crosshair;
    }
    :host([data-tool='select']) .stage .overlay {
      pointer-events: none;
    }
    .stage .canvas-container {
      touch-action: none;
    }
    [part~='status'] {
      min-height: 1.4em;
      color: var(--_muted);
    }
    [part~='status'][data-kind='refused'] {
      color: var(--_danger);
    }
    [part~='text-entry'] {
      display: flex;
      gap: 4px;
      align-items: center;
    }
    @media (prefers-reduced-motion: reduce) {
      * {
        transition: none !important;
        animation: none !important;
      }
    }
  `,
];
