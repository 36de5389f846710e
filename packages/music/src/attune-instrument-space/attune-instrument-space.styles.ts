import { css } from 'lit';
import { controls, tokens, toolBar } from '@attune/session/ui';
import { menuStyles } from './menus.styles.js';

/**
 * The stage first: the bar takes one line (two on a phone), the keys or pads
 * the rest of the host's box. Each key has the colour of its pitch class,
 * soft at rest and full while it sounds, with a glow in the colour of whoever
 * played it; under reduced motion the same highlight appears without motion.
 */
export const styles = [
  tokens,
  controls,
  toolBar,
  menuStyles,
  css`
    :host {
      display: block;
      height: 100%;
      font-family: var(--_font);
      color: var(--_text);
      --attune-music-key-size: var(--_target);
      --_key-l: var(--attune-music-key-lightness, 0.94);
      --_key-c: var(--attune-music-key-chroma, 0.05);
      --_glow: var(--attune-music-glow, 18px);
    }
    :host([large]) {
      --attune-music-key-size: calc(var(--_target) * 1.6);
    }
    [part='base'] {
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      gap: 8px;
      height: 100%;
      padding: 8px;
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    /* Sizes the keys from the token, read by the element to choose rows. */
    .probe {
      position: absolute;
      visibility: hidden;
      pointer-events: none;
      width: var(--attune-music-key-size);
      height: 1px;
    }

    /* The bar: tools, the pulse, the recording mark and the status line. */
    [part='bar'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 12px;
    }
    [part='toolbar'] {
      flex: none;
    }
    .start {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      min-height: var(--_target);
      padding: 0 0.9rem;
      border: 0;
      border-radius: var(--_radius);
      background: var(--_accent);
      color: #fff;
      font-weight: 600;
    }
    .tool .count {
      position: absolute;
      inset-block-end: 3px;
      inset-inline-end: 4px;
      font-size: 0.7rem;
      font-weight: 700;
      line-height: 1;
    }
    .tool .level {
      position: absolute;
      inset-block-start: 5px;
      inset-inline-end: 5px;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--_muted);
    }
    .tool .level[data-level='good'] {
      background: var(--_ok);
    }
    .tool .level[data-level='fair'] {
      background: var(--_warn);
    }
    .tool .level[data-level='poor'] {
      background: var(--_danger);
    }
    [part='status'] {
      flex: 1 1 14rem;
      margin: 0;
      color: var(--_muted);
      font-size: 0.9rem;
    }
    .recording {
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
      color: var(--_danger);
      font-size: 0.85rem;
      font-weight: 600;
    }
    [part='beat'] {
      width: 1.25rem;
      height: 1.25rem;
      border-radius: 50%;
      border: 2px solid var(--_muted);
    }
    [part='beat'][data-on] {
      background: var(--_accent);
      border-color: var(--_accent);
    }

    /* Call and response. */
    [part='turn'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      padding: 4px 10px;
      border: 2px solid var(--_muted);
      border-radius: var(--_radius);
    }
    [part='turn'][data-mine] {
      border-color: var(--_accent);
    }
    [part='turn'] p {
      margin: 0;
      font-weight: 600;
    }
    [part='turn'] .pass {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    [part='turn'] [aria-pressed='true'],
    [part='hand-back'] {
      background: var(--_accent);
      border-color: var(--_accent);
      color: #fff;
    }
    .turn-mark {
      width: 0.75rem;
      height: 0.75rem;
      border-radius: 50%;
      background: var(--_muted);
      animation: turn-in 600ms ease-out;
    }
    [part='turn'][data-mine] .turn-mark {
      background: var(--_accent);
    }
    @keyframes turn-in {
      from {
        transform: scale(2.2);
        opacity: 0.3;
      }
    }

    /* The stage: it takes what is left; the keys fill it, whatever their number of rows. */
    [part='stage'] {
      position: relative;
      flex: 1 1 auto;
      min-height: calc(var(--attune-music-key-size) * 5);
    }
    [part='instrument'] {
      position: absolute;
      inset: 0;
      display: grid;
      /* Two tracks per key, so that a short top row can sit centred. */
      grid-template-columns: repeat(calc(var(--columns, 8) * 2), minmax(0, 1fr));
      grid-template-rows: repeat(var(--rows, 1), minmax(0, 1fr));
      gap: 6px;
      touch-action: none;
      user-select: none;
      -webkit-user-select: none;
    }
    [part='instrument'][data-turn] {
      outline: 2px solid var(--_accent);
      outline-offset: 3px;
      border-radius: var(--_radius);
    }
    [part~='key'],
    [part~='pad'] {
      --_rest: oklch(var(--_key-l) var(--_key-c) var(--hue));
      --_full: oklch(0.8 0.12 var(--hue));
      --_ink: oklch(0.38 0.07 var(--hue));
      position: relative;
      box-sizing: border-box;
      min-width: 24px;
      min-height: 24px;
      margin: 0;
      padding: 0 0 10px;
      display: flex;
      align-items: flex-end;
      justify-content: center;
      border: 1px solid oklch(0.84 0.05 var(--hue));
      border-radius: 10px 10px 16px 16px;
      /* A band of the key's full colour at the foot, the rest soft. */
      background: linear-gradient(to top, var(--_full) 0 8px, transparent 8px), var(--_rest);
      color: var(--_ink);
      cursor: pointer;
      transition:
        background-color 160ms ease-out,
        box-shadow 220ms ease-out,
        transform 90ms ease-out;
    }
    [part~='pad'] {
      align-self: center;
      justify-self: center;
      width: var(--pad-size, 100%);
      height: var(--pad-size, auto);
      aspect-ratio: 1;
      align-items: center;
      padding: 0;
      border-radius: 50%;
      background: radial-gradient(circle, var(--_rest) 0 66%, var(--_full) 67% 100%);
    }
    .name {
      font-size: 0.8rem;
      line-height: 1;
      pointer-events: none;
    }
    [part~='pad'] .name {
      padding: 4px 8px;
      border-radius: 999px;
      background: var(--_rest);
      font-size: 0.9rem;
    }
    [part~='key']:hover,
    [part~='pad']:hover {
      --_rest: oklch(calc(var(--_key-l) - 0.03) calc(var(--_key-c) + 0.02) var(--hue));
    }
    [part~='key'][part~='lit'],
    [part~='pad'][part~='lit'] {
      --_rest: var(--_full);
      box-shadow:
        0 0 0 4px var(--flash, var(--_accent)),
        0 0 var(--_glow) 8px color-mix(in srgb, var(--flash, var(--_accent)) 70%, transparent);
      transform: translateY(2px) scale(0.985);
    }
    [part~='key'][part~='lit'] .name,
    [part~='pad'][part~='lit'] .name {
      color: oklch(0.25 0.06 var(--hue));
    }
    /* Keys that rest (listening, paused, observer): grey and dashed, still in reach of the keyboard. */
    [part='instrument'] [aria-disabled='true'] {
      --_rest: oklch(var(--_key-l) 0.01 var(--hue));
      --_full: oklch(0.84 0.02 var(--hue));
      opacity: 1;
      border-style: dashed;
      cursor: not-allowed;
    }

    @media (prefers-reduced-motion: reduce) {
      [part~='key'],
      [part~='pad'] {
        transition: none;
      }
      [part~='key'][part~='lit'],
      [part~='pad'][part~='lit'] {
        transform: none;
        box-shadow: 0 0 0 4px var(--flash, var(--_accent));
      }
      .turn-mark {
        animation: none;
      }
    }
  `,
];
