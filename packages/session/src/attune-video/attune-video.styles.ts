import { css } from 'lit';
import { controls, tokens } from '../tokens.css.js';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      display: block;
      font-family: var(--_font);
      color: var(--_text);
      --_tile-bg: var(--attune-video-tile-background, #1f2933);
    }
    [part='base'] {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      block-size: 100%;
    }
    [part='message'] {
      margin: 0;
      padding: 0.75rem 1rem;
      border-radius: var(--_radius);
      background: var(--_surface-2);
      color: var(--_muted);
    }
    [part='tiles'] {
      display: grid;
      gap: 0.5rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
      flex: 1;
    }
    [part='tiles'].speaker {
      grid-template-columns: repeat(4, 1fr);
    }
    [part='tiles'].speaker [part~='tile'].main {
      grid-column: 1 / -1;
    }
    [part~='tile'] {
      position: relative;
      margin: 0;
      aspect-ratio: 4 / 3;
      border-radius: var(--_radius);
      background: var(--_tile-bg);
      overflow: hidden;
    }
    [part~='tile'].speaking {
      outline: 3px solid var(--_ok);
    }
    video {
      inline-size: 100%;
      block-size: 100%;
      object-fit: cover;
    }
    figcaption {
      position: absolute;
      inset-inline-start: 0.5rem;
      inset-block-end: 0.5rem;
      padding: 0.125rem 0.5rem;
      border-radius: var(--_radius);
      background: rgb(0 0 0 / 0.6);
      color: #fff;
      font-size: 0.9rem;
    }
    [part='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    /* The shared controls, a little roomier: square targets at least and a filled border when on. */
    button {
      min-inline-size: var(--_target);
      padding: 0.5rem 1rem;
    }
    button[aria-pressed='true'],
    button[aria-checked='true'] {
      background: var(--_accent);
      border-color: var(--_accent);
      color: #fff;
    }
    [part='audio'] {
      display: none;
    }
    @media (prefers-reduced-motion: no-preference) {
      [part~='tile'] {
        transition: outline-color 0.2s;
      }
    }
  `,
];
