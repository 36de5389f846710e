/**
 * The prop library: the built-in props and any sets a service registers.
 * Registered props are sanitized and bounded; one that needed cleaning is
 * refused rather than silently altered, so a service sees what it must fix.
 */
import { sanitizeSvg } from '../svg/sanitize-svg.js';
import type { SanitizeLimits } from '../svg/sanitize-svg.js';
import { LIVING_PROPS } from './props-living.js';
import { INNER_PROPS } from './props-inner.js';
import { WORLD_PROPS } from './props-world.js';
import type { PropDefinition } from './prop-types.js';

export const BUILT_IN_PROPS: readonly PropDefinition[] = [...LIVING_PROPS, ...WORLD_PROPS, ...INNER_PROPS];

export interface PropSetInput {
  /** Lower-case set id, e.g. `clinic-a`; prop ids become `<set>/<name>`. */
  id: string;
  props: ReadonlyArray<{
    name: string;
    category: string;
    tags?: readonly string[];
    alt: string;
    svg: string;
  }>;
}

export interface RegisterResult {
  added: string[];
  refused: Array<{ name: string; reason: string }>;
}

const SET_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const MAX_PROPS_PER_SET = 500;
const MAX_TEXT = 120;

function cleanText(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return text && text.length <= max ? text : null;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

export class PropLibrary {
  private readonly props = new Map<string, PropDefinition>();
  private readonly limits: SanitizeLimits;

  constructor(options: { builtIn?: boolean; limits?: SanitizeLimits } = {}) {
    this.limits = options.limits ?? { maxLength: 32_768, maxElements: 500 };
    if (options.builtIn !== false) for (const prop of BUILT_IN_PROPS) this.props.set(prop.id, prop);
  }

  get size(): number {
    return this.props.size;
  }

  get(id: string): PropDefinition | undefined {
    return this.props.get(id);
  }

  all(): PropDefinition[] {
    return [...this.props.values()];
  }

  categories(): string[] {
    return [...new Set(this.all().map((prop) => prop.category))];
  }

  /**
   * Props matching every word of `query` in their name, tags, category or
   * alt text; names that start with the query come first.
   */
  search(query: string, options: { category?: string; limit?: number } = {}): PropDefinition[] {
    const words = normalise(query.slice(0, MAX_TEXT)).split(/\s+/).filter(Boolean);
    const scored: Array<[number, PropDefinition]> = [];
    for (const prop of this.props.values()) {
      if (options.category && prop.category !== options.category) continue;
      const name = normalise(prop.name);
      const haystack = `${name} ${normalise(prop.tags.join(' '))} ${normalise(prop.category)} ${normalise(prop.alt)}`;
      if (!words.every((word) => haystack.includes(word))) continue;
      const first = words[0] ?? '';
      const score =
        name === words.join(' ')
          ? 0
          : name.startsWith(first)
            ? 1
            : prop.tags.some((t) => normalise(t).startsWith(first))
              ? 2
              : 3;
      scored.push([score, prop]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name));
    return scored.slice(0, options.limit ?? Infinity).map(([, prop]) => prop);
  }

  /** Registers a service's prop set. Ids of existing props are never overwritten. */
  register(set: PropSetInput): RegisterResult {
    const result: RegisterResult = { added: [], refused: [] };
    if (typeof set?.id !== 'string' || !SET_ID.test(set.id) || set.id === 'attune') {
      throw new TypeError('A prop set needs an id of lower-case letters, digits and dashes (not "attune")');
    }
    if (!Array.isArray(set.props) || set.props.length > MAX_PROPS_PER_SET) {
      throw new TypeError(`A prop set holds 1 to ${MAX_PROPS_PER_SET} props`);
    }
    for (const input of set.props) {
      const name = cleanText(input?.name, 40);
      const category = cleanText(input?.category, 40);
      const alt = cleanText(input?.alt, 200);
      const label = name ?? '(unnamed)';
      if (!name || !category || !alt) {
        result.refused.push({ name: label, reason: 'A prop needs a name, a category and alt text' });
        continue;
      }
      const id = `${set.id}/${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      if (this.props.has(id)) {
        result.refused.push({ name, reason: 'A prop with this id exists' });
        continue;
      }
      const clean = sanitizeSvg(input.svg, this.limits);
      if (!clean.ok) {
        result.refused.push({ name, reason: `${clean.reason}: ${clean.message}` });
        continue;
      }
      if (clean.removed.length > 0) {
        result.refused.push({ name, reason: `unsafe content: ${clean.removed.join(', ')}` });
        continue;
      }
      const tags = Array.isArray(input.tags)
        ? (input.tags as readonly unknown[])
            .map((tag) => cleanText(tag, 40))
            .filter((tag): tag is string => tag !== null)
            .slice(0, 20)
        : [];
      this.props.set(id, { id, name, category, tags, alt, svg: clean.svg });
      result.added.push(id);
    }
    return result;
  }
}

/** A data URL for an `<img>`: a prop never runs as part of the page. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The library the elements use unless given their own: a service registers
 * its sets here once (`defaultPropLibrary.register(...)`) and every board and bag sees them.
 */
export const defaultPropLibrary = new PropLibrary();
