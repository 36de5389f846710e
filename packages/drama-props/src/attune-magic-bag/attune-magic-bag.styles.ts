import { controls, tokens } from '@attune/session';
import { toolBar } from '@attune/session/ui';
import { css } from 'lit';

export const styles = [
  tokens,
  controls,
  toolBar,
  css`
    :host {
      display: block;
      font-family: var(--_font);
      color: var(--_text);
      --attune-bag-color: #7a4f9e;
    }
    /* One strip: the count and tools, the closed bag, the revealed prop. */
    .strip {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      padding: 6px;
    }
    .count {
      padding-inline: 0.6rem 0.25rem;
      white-space: nowrap;
    }
    [part='bag'] {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      padding: 6px 12px;
      border-radius: 18px 18px 28px 28px;
      background: var(--attune-bag-color);
      max-width: min(100%, calc(8 * (var(--_target) + 4px) + 24px));
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
    [part='slot']:hover:not(:disabled) {
      background: rgb(255 255 255 / 45%);
    }
    [part='reveal'] {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin: 0;
      padding: 2px 0.75rem 2px 2px;
      background: var(--_surface);
      border-radius: calc(var(--_radius) + 4px);
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.08);
    }
    [part='reveal'] p {
      margin: 0;
    }
    [part='reveal'] img {
      width: 64px;
      height: 64px;
    }
    /* Filling the bag: a popover in the middle of the screen, whatever the page's layout. */
    [part='fill'] {
      width: min(40rem, calc(100vw - 2rem));
      max-height: min(36rem, calc(100vh - 4rem));
      overflow-y: auto;
      padding: 0.5rem 1rem 1rem;
      border: 1px solid color-mix(in srgb, var(--_muted) 30%, transparent);
      border-radius: calc(var(--_radius) + 4px);
      background: var(--_surface);
      color: var(--_text);
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.2);
    }
    [part='fill']::backdrop {
      background: rgb(0 0 0 / 0.15);
    }
    .head {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .title {
      flex: 1;
      font-weight: 600;
    }
    .search {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin-block: 0.5rem;
    }
    [part='contents'],
    [part='library'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      list-style: none;
      padding: 0;
      margin: 0.25rem 0;
    }
    [part='contents'] button,
    [part='library'] button {
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
      padding-inline: 0.4rem 0.6rem;
    }
    [part='contents'] button {
      background: color-mix(in srgb, var(--attune-bag-color) 12%, var(--_surface));
    }
    [part='contents'] img,
    [part='library'] img {
      width: 32px;
      height: 32px;
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
