import { css } from 'lit';
import { tokens } from '@attune/session';

export const styles = [
  tokens,
  css`
    :host {
      display: block;
      font-family: var(--_font);
      color: var(--_text);
      --attune-music-key-size: var(--_target);
    }
    :host([large]) {
      --attune-music-key-size: calc(var(--_target) * 1.6);
    }
    [part='base'] {
      display: grid;
      gap: 0.75rem;
      padding: 0.75rem;
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    [part='toolbar'],
    [part='therapist'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
    }
    [part='therapist'] {
      border: 1px solid var(--_muted);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
    }
    button,
    select,
    input {
      font: inherit;
      min-height: 24px;
      min-width: 24px;
    }
    button {
      cursor: pointer;
      border-radius: var(--_radius);
      border: 1px solid var(--_muted);
      background: var(--_surface-2);
      color: var(--_text);
      padding: 0.25rem 0.75rem;
    }
    :focus-visible {
      outline: var(--_focus);
      outline-offset: 2px;
    }
    [part='start'] {
      background: var(--_accent);
      color: #fff;
      min-height: var(--_target);
    }
    [part='instrument'] {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      touch-action: none;
      user-select: none;
      -webkit-user-select: none;
    }
    [part~='key'],
    [part~='pad'] {
      min-width: var(--attune-music-key-size);
      min-height: calc(var(--attune-music-key-size) * 2.2);
      padding: 0.25rem;
      display: flex;
      align-items: flex-end;
      justify-content: center;
      transition:
        background-color 120ms ease-out,
        transform 80ms ease-out;
    }
    [part~='pad'] {
      min-width: calc(var(--attune-music-key-size) * 2);
      min-height: calc(var(--attune-music-key-size) * 2);
      align-items: center;
      border-radius: 50%;
    }
    [part~='lit'] {
      background: var(--flash, var(--_accent));
      color: #fff;
      transform: scale(0.97);
    }
    [aria-disabled='true'] {
      opacity: 0.55;
      cursor: not-allowed;
    }
    [part='status'] {
      color: var(--_muted);
    }
    [part='turn'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      padding: 0.5rem 0.75rem;
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
    [part='hand-back'] {
      min-height: var(--_target);
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
    [part='instrument'][data-turn] {
      outline: 2px solid var(--_accent);
      outline-offset: 4px;
      border-radius: var(--_radius);
    }
    [part='instrument'] [aria-disabled='true'] {
      border-style: dashed;
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
    [part='players'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    [part='player'] {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
    }
    .dot {
      width: 0.75rem;
      height: 0.75rem;
      border-radius: 50%;
      background: var(--color);
      outline: 2px solid transparent;
    }
    .dot[data-playing] {
      outline-color: var(--color);
      outline-offset: 2px;
    }
    [part='latency'] {
      padding: 0 0.4rem;
      border-radius: var(--_radius);
      color: #fff;
      background: var(--_muted);
    }
    [part='latency'][data-level='good'] {
      background: var(--_ok);
    }
    [part='latency'][data-level='fair'] {
      background: var(--_warn);
    }
    [part='latency'][data-level='poor'] {
      background: var(--_danger);
    }
    @media (prefers-reduced-motion: reduce) {
      [part~='key'],
      [part~='pad'] {
        transition: none;
      }
      [part~='lit'] {
        transform: none;
      }
      .turn-mark {
        animation: none;
      }
    }
  `,
];
