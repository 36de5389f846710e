/** A symbolic prop: a small SVG picture with words to find it and to say what it is. */
export interface PropDefinition {
  /** Stable id, `set/name` for registered sets (`attune/sunglasses`). */
  id: string;
  /** Short name for lists and announcements ("sunglasses"). */
  name: string;
  category: PropCategory | string;
  tags: readonly string[];
  /** What the picture shows, for people who cannot see it. */
  alt: string;
  /** A complete, sanitized `<svg>` document with a viewBox. */
  svg: string;
}

export const PROP_CATEGORIES = [
  'people',
  'animals',
  'nature',
  'home',
  'objects',
  'vehicles',
  'fantasy',
  'weather',
  'feelings',
] as const;
export type PropCategory = (typeof PROP_CATEGORIES)[number];

/** Wraps a drawing in the 64 x 64 frame every built-in prop shares. */
export function drawing(body: string): string {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
    '<g stroke="#3a3f4b" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round">' +
    body +
    '</g></svg>'
  );
}

export type PropSeed = [name: string, tags: string, alt: string, body: string];

/** Expands compact seeds into definitions of one category. */
export function seedsToProps(category: PropCategory, seeds: readonly PropSeed[]): PropDefinition[] {
  return seeds.map(([name, tags, alt, body]) => ({
    id: `attune/${name.replace(/\s+/g, '-')}`,
    name,
    category,
    tags: tags.split(' ').filter(Boolean),
    alt,
    svg: drawing(body),
  }));
}
