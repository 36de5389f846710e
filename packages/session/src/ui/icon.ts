/**
 * Icons from Lucide (https://lucide.dev), drawn inline so they take the
 * text colour and need no network request or icon font.
 *
 * Import each icon by name from `lucide` (only those are bundled) and render
 * it with `icon(Pencil)`. The icon is decoration: the control it sits in
 * carries the accessible name, so the SVG is `aria-hidden`.
 */
import type { IconNode } from 'lucide';
import { html, type TemplateResult } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';

export type { IconNode } from 'lucide';

const markup = new WeakMap<IconNode, string>();

const escapeAttribute = (value: unknown): string =>
  String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The icon's elements as SVG markup; they come from the Lucide package, never from a peer. */
function inner(node: IconNode): string {
  let text = markup.get(node);
  if (text === undefined) {
    text = node
      .map(([tag, attrs]) => {
        const pairs = Object.entries(attrs)
          .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
          .join('');
        return `<${tag}${pairs}></${tag}>`;
      })
      .join('');
    markup.set(node, text);
  }
  return text;
}

/** A 24-unit Lucide icon at `size` pixels (1.25em by default), in the current colour. */
export function icon(node: IconNode, size: string = '1.25em'): TemplateResult {
  return html`<svg
    class="icon"
    part="icon"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 24 24"
    width=${size}
    height=${size}
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    ${unsafeSVG(inner(node))}
  </svg>`;
}
