/**
 * Sanitizes SVG from outside (a service's own prop set) by parsing it and
 * rebuilding it from an allow-list: unknown elements are dropped with their
 * content, unknown attributes are dropped, references may only point inside
 * the file (`#id`). The output is re-serialized, so it is well-formed by
 * construction. No DOM: it runs the same in Node, a worker and the browser.
 *
 * Local references still multiply work: a `<use>` draws its target again,
 * and a `<g>` of ten `<use>`s of a `<g>` of ten `<use>`s… draws a million
 * shapes from a file of a few hundred bytes, freezing the tab that shows it.
 * So the file is also refused when its references would expand to more than
 * `maxInstances` drawn elements, or when they form a cycle (references.ts).
 */
import { XmlSyntaxError, tokenizeXml } from './xml-tokens.js';
import type { XmlAttribute } from './xml-tokens.js';
import { ReferenceGraph } from './references.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const XLINK_NS = 'http://www.w3.org/1999/xlink';

export interface SanitizeLimits {
  /** Longest accepted input, in UTF-16 code units (default 65 536). */
  maxLength?: number;
  /** Most elements kept (default 2000). */
  maxElements?: number;
  /** Deepest nesting (default 24). */
  maxDepth?: number;
  /** Most element instances drawn once every `<use>` and `url(#…)` is expanded (default 10 000). */
  maxInstances?: number;
}

export type SanitizeResult =
  | { ok: true; svg: string; removed: string[] }
  | { ok: false; reason: 'too-large' | 'too-complex' | 'malformed' | 'not-svg'; message: string };

const ELEMENTS = new Set([
  'svg',
  'g',
  'path',
  'circle',
  'ellipse',
  'rect',
  'line',
  'polyline',
  'polygon',
  'title',
  'desc',
  'defs',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'use',
  'symbol',
  'text',
  'tspan',
]);

/** Presentation and geometry attributes an illustration needs; nothing that loads or runs. */
const ATTRIBUTES = new Set([
  'id',
  'class',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'width',
  'height',
  'd',
  'points',
  'viewBox',
  'preserveAspectRatio',
  'transform',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-miterlimit',
  'stroke-opacity',
  'opacity',
  'clip-path',
  'clip-rule',
  'clipPathUnits',
  'offset',
  'stop-color',
  'stop-opacity',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'dx',
  'dy',
  'version',
  'role',
  'aria-label',
  'aria-hidden',
  'focusable',
  'vector-effect',
  'display',
  'visibility',
  'color',
]);

const HREF_ATTRIBUTES = new Set(['href', 'xlink:href']);
/** Attribute values that may carry `url(...)`: only local references are kept there. */
const URL_VALUE = /url\s*\(/i;
const LOCAL_URL = /^\s*url\(\s*#[A-Za-z_][\w.-]*\s*\)\s*$/;
const LOCAL_HREF = /^#[A-Za-z_][\w.-]*$/;
const SAFE_VALUE = /^[^<>\\]*$/;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

interface Context {
  removed: Set<string>;
}

function keepAttribute(element: string, attr: XmlAttribute, ctx: Context): string | null {
  const { name, value } = attr;
  if (name === 'xmlns') {
    if (value === SVG_NS) return ` xmlns="${SVG_NS}"`;
    ctx.removed.add(`${element}@xmlns`);
    return null;
  }
  if (name === 'xmlns:xlink') {
    if (value === XLINK_NS) return ` xmlns:xlink="${XLINK_NS}"`;
    ctx.removed.add(`${element}@xmlns:xlink`);
    return null;
  }
  if (HREF_ATTRIBUTES.has(name)) {
    if (LOCAL_HREF.test(value.trim())) return ` ${name}="${escapeAttribute(value.trim())}"`;
    ctx.removed.add(`${element}@${name}`);
    return null;
  }
  if (!ATTRIBUTES.has(name) || !SAFE_VALUE.test(value) || value.length > 32_768) {
    ctx.removed.add(`${element}@${name}`);
    return null;
  }
  if (URL_VALUE.test(value) && !LOCAL_URL.test(value)) {
    ctx.removed.add(`${element}@${name}`);
    return null;
  }
  if (/(?:javascript|data|vbscript)\s*:/i.test(value)) {
    ctx.removed.add(`${element}@${name}`);
    return null;
  }
  return ` ${name}="${escapeAttribute(value)}"`;
}

/**
 * Parses and cleans `source`. Dropped elements and attributes are listed in
 * `removed` (`"script"`, `"rect@onclick"`), so a caller may refuse a file
 * that needed cleaning instead of using the cleaned copy.
 */
export function sanitizeSvg(source: string, limits: SanitizeLimits = {}): SanitizeResult {
  const maxLength = limits.maxLength ?? 65_536;
  const maxElements = limits.maxElements ?? 2000;
  const maxDepth = limits.maxDepth ?? 24;
  const maxInstances = limits.maxInstances ?? 10_000;
  if (typeof source !== 'string') return { ok: false, reason: 'not-svg', message: 'Not a string' };
  if (source.length > maxLength) {
    return { ok: false, reason: 'too-large', message: `Longer than ${maxLength} characters` };
  }
  let tokens;
  try {
    tokens = tokenizeXml(source);
  } catch (error) {
    const message = error instanceof XmlSyntaxError ? error.message : 'Unreadable';
    return { ok: false, reason: 'malformed', message };
  }
  const ctx: Context = { removed: new Set() };
  const out: string[] = [];
  const stack: string[] = [];
  const graph = new ReferenceGraph();
  /** The kept elements open around the current token, as graph nodes. */
  const keptStack: number[] = [];
  /** Depth inside a dropped element: its whole subtree goes with it. */
  let dropping = 0;
  let elements = 0;
  let rootSeen = false;
  let rootClosed = false;
  for (const token of tokens) {
    if (token.type === 'text') {
      if (rootClosed || stack.length === 0) {
        if (token.text.trim() !== '') return malformed('Text outside the root element');
        continue;
      }
      if (dropping === 0) out.push(escapeText(token.text));
      continue;
    }
    if (token.type === 'open') {
      if (rootClosed) return malformed('More than one root element');
      if (!rootSeen) {
        if (token.name !== 'svg') return { ok: false, reason: 'not-svg', message: 'The root is not <svg>' };
        rootSeen = true;
      }
      if (stack.length + 1 > maxDepth) {
        return { ok: false, reason: 'too-large', message: `Nested deeper than ${maxDepth}` };
      }
      if (dropping > 0 || !ELEMENTS.has(token.name)) {
        if (dropping === 0) ctx.removed.add(token.name);
        if (!token.selfClosing) {
          dropping += 1;
          stack.push(token.name);
        }
        continue;
      }
      elements += 1;
      if (elements > maxElements) {
        return { ok: false, reason: 'too-large', message: `More than ${maxElements} elements` };
      }
      let tag = `<${token.name}`;
      if (stack.length === 0) tag += ` xmlns="${SVG_NS}"`;
      const node = graph.add(keptStack.length ? keptStack[keptStack.length - 1]! : -1);
      for (const attr of token.attributes) {
        if (stack.length === 0 && attr.name === 'xmlns') {
          if (attr.value !== SVG_NS)
            return { ok: false, reason: 'not-svg', message: 'Not in the SVG namespace' };
          continue;
        }
        const kept = keepAttribute(token.name, attr, ctx);
        if (!kept) continue;
        tag += kept;
        if (attr.name === 'id') graph.name(node, attr.value);
        else graph.refer(node, attr.value);
      }
      if (token.selfClosing) {
        out.push(`${tag}/>`);
        if (stack.length === 0) rootClosed = true;
      } else {
        out.push(`${tag}>`);
        stack.push(token.name);
        keptStack.push(node);
      }
      continue;
    }
    const open = stack.pop();
    if (open !== token.name) return malformed(`</${token.name}> does not close <${open ?? ''}>`);
    if (dropping > 0) dropping -= 1;
    else {
      out.push(`</${token.name}>`);
      keptStack.pop();
    }
    if (stack.length === 0) rootClosed = true;
  }
  if (!rootSeen) return { ok: false, reason: 'not-svg', message: 'No <svg> element' };
  if (stack.length > 0) return malformed(`<${stack[stack.length - 1]}> is not closed`);
  const expansion = graph.expand(maxInstances);
  if (!expansion.ok) return { ok: false, reason: 'too-complex', message: expansion.message };
  return { ok: true, svg: out.join(''), removed: [...ctx.removed] };
}

function malformed(message: string): SanitizeResult {
  return { ok: false, reason: 'malformed', message };
}
