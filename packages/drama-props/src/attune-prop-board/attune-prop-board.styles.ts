import { controls, tokens } from '@attune/session';
import { toolBar } from '@attune/session/ui';
import { css, unsafeCSS } from 'lit';
import { TRAY } from '../model/tray.js';
import { panelStyles } from './board-panels.styles.js';

const W = unsafeCSS(TRAY.width);
const H = unsafeCSS(TRAY.height);

/**
 * The layout: a bar of tools on top, then the stage, which the tray fills as
 * far as its shape allows (contain, centred). `.fit` is a size container, so
 * the tray's size is plain CSS (no script measures it); the tray is a size
 * container too, so a prop's size and place are fractions of the tray (cqw,
 * cqh) and the picture is the same on every screen.
 *
 * Beside the tray, a band holds the selected prop's tools: on the right when
 * the stage is wider than the tray, below it otherwise, so they never cover
 * the tray and nothing moves when a prop is selected.
 *
 * When the element has no height of its own (a page that sets none), the
 * hidden `.sizer` gives the stage the height of a full-width tray and its band.
 */
export const styles = [
  tokens,
  controls,
  toolBar,
  css`
    :host {
      display: block;
      height: 100%;
      position: relative;
      font-family: var(--_font);
      color: var(--_text);
      --attune-prop-size: ${unsafeCSS(TRAY.propSize * 100)}cqw;
      --_stage: var(--attune-stage-color, var(--_surface-2));
      --_rim: var(--attune-tray-rim-color, #d9c6a5);
      --_rim-width: 6px;
      --_pad: calc(var(--_rim-width) + 6px);
      --_band: calc(var(--_target) + 12px);
    }
    .layout {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: var(--_stage);
      border-radius: var(--_radius);
    }
    .top {
      position: relative;
      z-index: 3;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      padding: 6px;
    }
    .top .toolbar {
      flex-wrap: wrap;
    }
    .stage {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      overflow: hidden;
    }
    .sizer {
      visibility: hidden;
      margin-inline: var(--_pad);
      aspect-ratio: ${W} / ${H};
      padding-block: var(--_pad) calc(var(--_pad) + var(--_band));
    }
    .fit {
      position: absolute;
      inset: 0;
      container: fit / size;
    }
    /*
     * The tray's size, for it and for what is placed around it (cq units here
     * are the stage's). A stage taller than the tray keeps its band below the
     * tray, and the tray at the top, so panels open in the room below it.
     */
    .fit > * {
      --_bx: 0px;
      --_by: var(--_band);
      --_aw: calc(100cqw - 2 * var(--_pad) - 2 * var(--_bx));
      --_ah: calc(100cqh - 2 * var(--_pad) - var(--_by));
      --_tw: min(var(--_aw), var(--_ah) * ${W} / ${H});
      --_th: min(var(--_ah), var(--_aw) * ${H} / ${W});
      --_below: min(calc(2 * var(--_pad) + var(--_th) + var(--_band)), 45cqh);
    }
    [part='board'] {
      position: absolute;
      top: var(--_pad);
      left: 0;
      right: 0;
      margin-inline: auto;
      width: var(--_tw);
      height: var(--_th);
      container: tray / size;
      border-radius: 10px;
      box-shadow:
        0 0 0 var(--_rim-width) var(--_rim),
        0 6px 24px rgb(60 40 10 / 0.14);
      touch-action: none;
      isolation: isolate;
    }
    [part='board'].placing {
      cursor: crosshair;
    }
    [part='board']:focus-visible {
      outline-offset: calc(var(--_rim-width) + 2px);
    }
    .background {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      border-radius: inherit;
      pointer-events: none;
    }
    /*
     * A prop: its box is where its picture is drawn (tests and portals query
     * it); the picture turns inside it. Its centre keeps half its size from
     * each rim, so a prop is always wholly in the tray. A prop drawn smaller
     * than the target size still takes a target-sized touch (::before).
     */
    [part~='prop'],
    [part='marker'] {
      --_size: max(var(--attune-prop-min-size, 36px), calc(var(--attune-prop-size) * var(--scale, 1)));
      position: absolute;
      left: clamp(calc(var(--_size) / 2), calc(var(--x) * 100cqw), calc(100cqw - var(--_size) / 2));
      top: clamp(calc(var(--_size) / 2), calc(var(--y) * 100cqh), calc(100cqh - var(--_size) / 2));
      width: var(--_size);
      height: var(--_size);
      min-width: 0;
      min-height: 0;
      padding: 0;
      transform: translate(-50%, -50%);
    }
    [part~='prop'] {
      border: 0;
      border-radius: 12px;
      background: transparent;
    }
    [part~='prop']::before {
      content: '';
      position: absolute;
      inset: min(0px, calc((100% - var(--_target)) / 2));
    }
    [part~='prop'] img,
    [part='marker'] img {
      width: 100%;
      height: 100%;
      pointer-events: none;
      transform: rotate(var(--rotation, 0deg));
      filter: drop-shadow(0 2px 2px rgb(60 40 10 / 0.25));
    }
    [part~='prop'][aria-pressed='true'] {
      background: rgb(255 255 255 / 45%);
    }
    [part~='prop'].selected {
      outline: 3px solid var(--_accent);
      outline-offset: 2px;
    }
    [part~='prop'].carried {
      outline-style: dashed;
      box-shadow: 0 8px 18px rgb(0 0 0 / 25%);
    }
    [part='prop-label'] {
      position: absolute;
      left: 50%;
      top: 100%;
      transform: translateX(-50%);
      white-space: nowrap;
      font-size: 0.8rem;
      background: rgb(255 255 255 / 88%);
      padding: 0 0.3rem;
      border-radius: 4px;
    }
    [part='marker'] {
      --scale: 1;
      border: 3px dashed var(--_accent);
      border-radius: 50%;
      pointer-events: none;
      box-sizing: border-box;
    }
    [part='marker'] img {
      opacity: 0.6;
    }
  `,
  panelStyles,
  css`
    /* A stage wider than the tray: the bands are at the sides, the drawer is a side panel. */
    @container fit (min-aspect-ratio: ${W} / ${H}) {
      .fit > * {
        --_bx: var(--_band);
        --_by: 0px;
      }
      [part='board'] {
        inset: var(--_pad) calc(var(--_pad) + var(--_bx));
        margin: auto;
      }
      .dock {
        inset: 0 var(--_pad) 0 auto;
        flex-direction: column;
      }
      .dock .toolbar {
        flex-direction: column;
      }
      .dock .toolbar .separator {
        width: auto;
        height: 1px;
        margin: 4px 6px;
      }
      .dock .tool[data-tip]::after {
        inset: 50% calc(100% + 6px) auto auto;
        translate: 0 -50%;
      }
      .pop {
        inset: auto calc(var(--_band) + var(--_pad)) var(--_pad) auto;
        max-width: calc(100cqw - 2 * var(--_band) - 2 * var(--_pad));
      }
      .drawer {
        inset: 0 auto 0 0;
        width: min(22rem, 45cqw);
        max-height: none;
        border-width: 0 1px 0 0;
        border-radius: 0 var(--_radius) var(--_radius) 0;
      }
    }
    @media (prefers-reduced-motion: no-preference) {
      [part~='prop'] {
        transition:
          left 120ms ease-out,
          top 120ms ease-out,
          width 120ms ease-out,
          height 120ms ease-out;
      }
      [part~='prop'] img {
        transition: transform 120ms ease-out;
      }
    }
  `,
];
