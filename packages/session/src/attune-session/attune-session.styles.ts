import { css } from 'lit';
import { tokens } from '../tokens.css.js';

export const styles = [
  tokens,
  css`
    :host {
      display: block;
      font-family: var(--_font);
      color: var(--_text);
    }
    [part='status'] {
      display: flex;
      align-items: center;
      gap: 0.5em;
      min-height: 24px;
      padding: 0.25em 0.75em;
      font-size: 0.95rem;
      background: var(--attune-session-status-background, var(--_surface-2));
      border-radius: var(--_radius);
    }
    [part='indicator'] {
      inline-size: 0.75em;
      block-size: 0.75em;
      border-radius: 50%;
      background: var(--_muted);
      flex: none;
    }
    [data-state='synced'] [part='indicator'],
    [data-state='waiting'] [part='indicator'] {
      background: var(--_ok);
    }
    [data-state='offline'] [part='indicator'] {
      background: var(--_warn);
    }
    [data-state='synced'][data-save='failing'] [part='indicator'] {
      background: var(--_warn);
    }
    [data-state='error'] [part='indicator'] {
      background: var(--_danger);
    }
    :host([status-hidden]) [part='status'] {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
