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
      --attune-bag-color: #7a4f9e;
    }
    [part='bag'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35rem;
      padding: 1rem;
      border-radius: 40% 40% 18px 18px / 30% 30% 18px 18px;
      background: var(--attune-bag-color);
      max-width: 22rem;
    }
    [part='slot'] {
      width: var(--_target);
      height: var(--_target);
      padding: 0;
      border-radius: 50%;
      background: rgb(255 255 255 / 25%);
      border: 2px solid rgb(255 255 255 / 70%);
      color: #fff;
    }
    [part='reveal'] {
      display: flex;
      align-items: center;
      gap: 1rem;
      padding: 0.5rem;
    }
    [part='reveal'] img {
      width: 96px;
      height: 96px;
    }
    [part='contents'] {
      list-style: none;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
    }
    [part='contents'] img,
    [part='library'] img {
      width: 28px;
      height: 28px;
      vertical-align: middle;
    }
    [part='library'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      max-height: 10rem;
      overflow-y: auto;
    }
    @media (prefers-reduced-motion: no-preference) {
      [part='reveal'] img {
        animation: reveal 700ms cubic-bezier(0.2, 0.8, 0.3, 1.2);
      }
      @keyframes reveal {
        from {
          transform: translateY(30px) scale(0.3);
          opacity: 0;
        }
        to {
          transform: none;
          opacity: 1;
        }
      }
    }
  `,
];
