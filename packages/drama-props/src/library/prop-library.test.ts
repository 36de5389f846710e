import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../svg/sanitize-svg.js';
import { BUILT_IN_PROPS, PropLibrary, svgDataUrl } from './prop-library.js';
import { PROP_CATEGORIES } from './prop-types.js';

const ok =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#f00"/></svg>';

describe('built-in props', () => {
  it('has at least 60 props, with unique ids, in every category', () => {
    expect(BUILT_IN_PROPS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(BUILT_IN_PROPS.map((p) => p.id)).size).toBe(BUILT_IN_PROPS.length);
    for (const category of PROP_CATEGORIES) {
      expect(BUILT_IN_PROPS.filter((p) => p.category === category).length, category).toBeGreaterThanOrEqual(
        5,
      );
    }
  });

  it('gives every prop a name, tags and alt text', () => {
    for (const prop of BUILT_IN_PROPS) {
      expect(prop.name.length, prop.id).toBeGreaterThan(1);
      expect(prop.tags.length, prop.id).toBeGreaterThanOrEqual(2);
      expect(prop.alt.length, prop.id).toBeGreaterThan(8);
    }
  });

  it('ships only SVG that passes the sanitizer unchanged', () => {
    for (const prop of BUILT_IN_PROPS) {
      const result = sanitizeSvg(prop.svg);
      expect(result, prop.id).toMatchObject({ ok: true, removed: [], svg: prop.svg });
    }
  });

  it('includes the props the magic bag scene asks for', () => {
    const names = BUILT_IN_PROPS.map((p) => p.name);
    for (const name of ['sunglasses', 'key', 'shell', 'stone', 'feather', 'umbrella'])
      expect(names).toContain(name);
  });
});

describe('PropLibrary search', () => {
  const library = new PropLibrary();

  it('finds by name, tag, category and alt text, best match first', () => {
    expect(library.search('sunglasses')[0]?.name).toBe('sunglasses');
    expect(library.search('ease').map((p) => p.name)).toContain('sunglasses');
    expect(library.search('sea').map((p) => p.name)).toEqual(
      expect.arrayContaining(['shell', 'fish', 'boat']),
    );
    expect(library.search('', { category: 'vehicles' }).every((p) => p.category === 'vehicles')).toBe(true);
    expect(library.search('  SHELL ')[0]?.name).toBe('shell');
  });

  it('needs every word to match and returns nothing for nonsense', () => {
    expect(library.search('animal sea').map((p) => p.name)).toEqual(['fish']);
    expect(library.search('qwertyuiop')).toEqual([]);
  });

  it('honours a limit', () => {
    expect(library.search('', { limit: 5 })).toHaveLength(5);
  });
});

describe('PropLibrary.register', () => {
  it('adds a clean set under its own ids, found by search', () => {
    const library = new PropLibrary();
    const result = library.register({
      id: 'clinic',
      props: [{ name: 'Red Dot', category: 'shapes', tags: ['round'], alt: 'A red dot', svg: ok }],
    });
    expect(result).toEqual({ added: ['clinic/red-dot'], refused: [] });
    expect(library.get('clinic/red-dot')?.svg).toBe(ok);
    expect(library.search('round')[0]?.id).toBe('clinic/red-dot');
    expect(library.categories()).toContain('shapes');
  });

  it('refuses unsafe, oversized, malformed and incomplete props, keeps the good ones', () => {
    const library = new PropLibrary();
    const before = library.size;
    const result = library.register({
      id: 'mixed',
      props: [
        { name: 'good', category: 'x', alt: 'fine', svg: ok },
        {
          name: 'script',
          category: 'x',
          alt: 'bad',
          svg: ok.replace('</svg>', '<script>x()</script></svg>'),
        },
        { name: 'handler', category: 'x', alt: 'bad', svg: ok.replace('<circle', '<circle onclick="x()"') },
        { name: 'foreign', category: 'x', alt: 'bad', svg: ok.replace('</svg>', '<foreignObject/></svg>') },
        {
          name: 'external',
          category: 'x',
          alt: 'bad',
          svg: ok.replace('<circle', '<use href="http://x/y.svg#a"/><circle'),
        },
        {
          name: 'huge',
          category: 'x',
          alt: 'bad',
          svg: ok.replace('</svg>', `${'<rect/>'.repeat(10_000)}</svg>`),
        },
        { name: 'broken', category: 'x', alt: 'bad', svg: '<svg' },
        { name: 'no alt', category: 'x', alt: '', svg: ok },
      ],
    });
    expect(result.added).toEqual(['mixed/good']);
    expect(result.refused.map((r) => r.name)).toEqual([
      'script',
      'handler',
      'foreign',
      'external',
      'huge',
      'broken',
      'no alt',
    ]);
    expect(library.size).toBe(before + 1);
  });

  it('never overwrites a prop and rejects bad set ids', () => {
    const library = new PropLibrary();
    library.register({ id: 'a', props: [{ name: 'x', category: 'c', alt: 'alt', svg: ok }] });
    expect(
      library.register({ id: 'a', props: [{ name: 'x', category: 'c', alt: 'alt', svg: ok }] }).refused,
    ).toHaveLength(1);
    expect(() => library.register({ id: 'attune', props: [] })).toThrow(TypeError);
    expect(() => library.register({ id: '../x', props: [] })).toThrow(TypeError);
  });

  it('makes data URLs that keep the SVG as an image', () => {
    expect(decodeURIComponent(svgDataUrl(ok).split(',')[1]!)).toBe(ok);
  });
});
