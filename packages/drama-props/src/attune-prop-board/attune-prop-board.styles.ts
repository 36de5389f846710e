import { controls, tokens } from '@attune/session';
import { toolBar } from '@attune/session/ui';
import { css, unsafeCSS } from 'lit';
import { TRAY } from '../model/tray.js';
import { BAND, PAD } from './board-layout.js';
import { panelStyles } from './board-panels.styles.js';

const W = unsafeCSS(TRAY.width);
const H = unsafeCSS(TRAY.height);

/**
 * The layout, chosen by `LayoutController` from the element's own box (the
 * classes of `.layout`): the bar of tools on top (`bar-top`) or down the
 * inline-start edge (`bar-start`); the stage, which the tray fills as far as
 * its shape allows; beside the tray, a band for the selected prop's tools,
 * below it (`band-below`) or on its inline-end side (`band-end`), so they
 * never cover the tray and nothing moves when a prop is selected.
 *
 * `.fit` is a size container, so the tray's size is plain CSS (no script
 * measures it); the tray is a size container too, so a prop's size and place
 * are fractions of the tray (cqw, cqh) and the picture is the same on every
 * screen. The sizes of the bar and the band are `board-layout.ts`'s.
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
      --_pad: ${unsafeCSS(PAD)}px;
      --_band: calc(var(--_target) + ${unsafeCSS(BAND)}px);
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
    .extras {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      margin-inline-start: auto;
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
     * The tray's size and place, for it and for what is placed around it (cq
     * units here are the stage's): --_tw, --_th its size, --_ts, --_tt its
     * inline and block start. With the band below, the tray is at the top, so
     * a sheet opens in the room below it.
     */
    .fit > * {
      --_bx: 0px;
      --_by: var(--_band);
      --_aw: calc(100cqw - 2 * var(--_pad) - var(--_bx));
      --_ah: calc(100cqh - 2 * var(--_pad) - var(--_by));
      --_tw: min(var(--_aw), var(--_ah) * ${W} / ${H});
      --_th: min(var(--_ah), var(--_aw) * ${H} / ${W});
      --_ts: calc((100cqw - var(--_tw)) / 2);
      --_tt: var(--_pad);
      --_below: min(calc(2 * var(--_pad) + var(--_th) + var(--_band)), 45cqh);
    }
    .band-end .fit > * {
      --_bx: var(--_band);
      --_by: 0px;
      --_ts: calc((100cqw - var(--_tw) - var(--_band)) / 2);
      --_tt: calc((100cqh - var(--_th)) / 2);
    }
    [part='board'] {
      position: absolute;
      inset-block-start: var(--_tt);
      inset-inline-start: var(--_ts);
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
    /* The bar down the inline-start edge: the stage takes the full height beside it. */
    .layout.bar-start {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      grid-template-rows: auto minmax(0, 1fr);
      grid-template-areas:
        'bar extras'
        'bar stage';
    }
    .bar-start .top {
      display: contents;
    }
    .bar-start .bar {
      grid-area: bar;
      z-index: 3;
      align-self: start;
      padding-block: 6px;
      padding-inline-start: 6px;
    }
    .bar-start .bar .toolbar,
    .bar-start .bar .group {
      flex-direction: column;
      flex-wrap: nowrap;
    }
    .bar-start .bar .group {
      display: flex;
      gap: 2px;
    }
    .bar-start .toolbar .separator {
      width: auto;
      height: 1px;
      margin: 4px 6px;
    }
    .bar-start .bar .tool[data-tip]::after {
      inset: auto;
      inset-block-start: 50%;
      inset-inline-start: calc(100% + 6px);
      translate: 0 -50%;
    }
    .bar-start .menu {
      inset: auto;
      inset-block-end: 0;
      inset-inline-start: calc(100% + 4px);
    }
    .bar-start .sizer {
      display: none;
    }
    .bar-start .extras {
      grid-area: extras;
      margin: 0;
      padding: 6px 6px 0;
    }
    .bar-start .stage {
      grid-area: stage;
    }
    /* The band on the inline-end side of the tray, its tools in a column. */
    .band-end .dock {
      inset: 0 auto;
      inset-inline-start: calc(var(--_ts) + var(--_tw) + var(--_rim-width) + 2px);
      flex-direction: column;
    }
    .band-end .dock .toolbar {
      flex-direction: column;
      flex-wrap: nowrap;
    }
    .band-end .dock .toolbar .separator {
      width: auto;
      height: 1px;
      margin: 4px 6px;
    }
    .band-end .dock .tool[data-tip]::after {
      inset: auto;
      inset-block-start: 50%;
      inset-inline-end: calc(100% + 6px);
      translate: 0 -50%;
    }
    .band-end [part='replay'] .step {
      max-width: var(--_target);
      white-space: normal;
      text-align: center;
      font-size: 0.8rem;
      padding: 0;
    }
    /* No room under the tray: the drawer is a side panel, the prop's extra tools sit by the band. */
    .drawer-side .pop {
      inset: auto;
      inset-inline-end: max(6px, calc(100cqw - var(--_ts) - var(--_tw)));
      inset-block-end: max(6px, calc(100cqh - var(--_tt) - var(--_th)));
      max-width: min(28rem, calc(100cqw - 12px));
      max-height: calc(100cqh - 12px);
    }
    .drawer-side .drawer {
      inset: 0 auto;
      inset-inline-start: 0;
      width: min(22rem, 45cqw);
      max-height: none;
      border: 0;
      border-inline-end: 1px solid color-mix(in srgb, var(--_muted) 30%, transparent);
      border-radius: 0;
      border-start-end-radius: var(--_radius);
      border-end-end-radius: var(--_radius);
    }
  `,
];
