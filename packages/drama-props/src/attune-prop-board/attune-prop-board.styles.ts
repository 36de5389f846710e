import { controls, tokens } from '@attune/session';
import { css } from 'lit';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      display: block;
      font-family: var(--_font);
      color: var(--_text);
      --attune-prop-size: 8%;
      --attune-board-ratio: 16 / 10;
    }
    [part='palette'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(5.5rem, 1fr));
      gap: 0.25rem;
      max-height: 12rem;
      overflow-y: auto;
      list-style: none;
      padding: 0.25rem;
      margin: 0;
    }
    [part='palette'] button {
      width: 100%;
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 0.25rem;
      font-size: 0.8rem;
    }
    [part='palette'] img {
      width: 32px;
      height: 32px;
    }
    [part='board'] {
      position: relative;
      aspect-ratio: var(--attune-board-ratio);
      width: 100%;
      overflow: hidden;
      border-radius: var(--_radius);
      border: 2px solid var(--_muted);
      background: var(--_surface-2);
      touch-action: none;
      isolation: isolate;
    }
    [part='board'].placing {
      cursor: crosshair;
    }
    .background {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      pointer-events: none;
    }
    [part~='prop'] {
      position: absolute;
      width: calc(var(--attune-prop-size) * var(--scale, 1));
      aspect-ratio: 1;
      min-width: 24px;
      padding: 0;
      border: 2px solid transparent;
      background: transparent;
      transform: translate(-50%, -50%) rotate(var(--rotation, 0deg));
    }
    [part~='prop'][aria-pressed='true'] {
      background: rgb(255 255 255 / 35%);
    }
    [part~='prop'] img {
      width: 100%;
      height: 100%;
      pointer-events: none;
    }
    [part~='prop'].selected {
      border-color: var(--_accent);
    }
    [part~='prop'].carried {
      border-style: dashed;
      box-shadow: 0 6px 14px rgb(0 0 0 / 25%);
    }
    [part='prop-label'] {
      position: absolute;
      left: 50%;
      top: 100%;
      transform: translateX(-50%);
      white-space: nowrap;
      font-size: 0.8rem;
      background: rgb(255 255 255 / 85%);
      padding: 0 0.25rem;
      border-radius: 4px;
    }
    [part='marker'] {
      position: absolute;
      width: var(--attune-prop-size);
      aspect-ratio: 1;
      transform: translate(-50%, -50%);
      border: 3px dashed var(--_accent);
      border-radius: 50%;
      pointer-events: none;
      opacity: 0.8;
    }
    [part='marker'] img {
      width: 100%;
      opacity: 0.6;
    }
    [part='cards'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      list-style: none;
      padding: 0;
    }
    [part='card'] {
      border: 1px solid var(--_muted);
      border-radius: var(--_radius);
      background: #fffdf5;
      padding: 0.5rem;
      min-width: 10rem;
    }
    [part='card'] h4 {
      margin: 0 0 0.25rem;
    }
    [part='notice'] {
      padding: 0.5rem;
      border-radius: var(--_radius);
      background: var(--_surface-2);
      color: var(--_warn);
    }
    @media (prefers-reduced-motion: no-preference) {
      [part~='prop'] {
        transition:
          left 120ms ease-out,
          top 120ms ease-out,
          transform 120ms ease-out;
      }
    }
  `,
];
