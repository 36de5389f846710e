import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from './sanitize-svg.js';

const clean =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
  '<g stroke="#333" stroke-width="2"><circle cx="32" cy="32" r="20" fill="url(#g)"/><path d="M10 10L54 54"/></g><use href="#g"/><text x="4" y="60">Hi &amp; bye</text></svg>';

function cleaned(svg: string): { svg: string; removed: string[] } {
  const result = sanitizeSvg(svg);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result;
}

describe('sanitizeSvg', () => {
  it('keeps a clean SVG intact', () => {
    const result = cleaned(clean);
    expect(result.removed).toEqual([]);
    expect(result.svg).toBe(clean);
  });

  it('is idempotent on its own output', () => {
    const once = cleaned(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><!-- c --><rect width="1" height="1"/></svg>\n',
    );
    expect(cleaned(once.svg).svg).toBe(once.svg);
  });

  it('removes script elements with their content', () => {
    const result = cleaned(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="2"/></svg>',
    );
    expect(result.svg).not.toMatch(/script|alert/);
    expect(result.svg).toContain('<rect width="2"/>');
    expect(result.removed).toContain('script');
  });

  it('removes scripts hidden in CDATA, other cases and namespaces', () => {
    for (const evil of [
      '<script><![CDATA[alert(1)]]></script>',
      '<SCRIPT>alert(1)</SCRIPT>',
      '<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>',
      '<g><g><script href="x.js"/></g></g>',
    ]) {
      const result = cleaned(`<svg xmlns="http://www.w3.org/2000/svg">${evil}</svg>`);
      expect(result.svg.toLowerCase()).not.toContain('script');
      expect(result.svg).not.toContain('alert');
    }
  });

  it('removes event attributes in any case', () => {
    const result = cleaned(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><rect onclick="x()" ONMOUSEOVER="x()" width="3"/></svg>',
    );
    expect(result.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect width="3"/></svg>');
    expect(result.removed).toEqual(
      expect.arrayContaining(['svg@onload', 'rect@onclick', 'rect@ONMOUSEOVER']),
    );
  });

  it('removes foreignObject with its HTML', () => {
    const result = cleaned(
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="x()"/></div></foreignObject></svg>',
    );
    expect(result.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(result.removed).toContain('foreignObject');
  });

  it('removes external references but keeps local ones', () => {
    const result = cleaned(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">' +
        '<use href="https://evil.example/a.svg#x"/><use xlink:href="javascript:alert(1)"/><use href="#ok"/>' +
        '<rect fill="url(https://evil.example/p)" stroke="url(#ok)"/><image href="data:image/png;base64,AA"/>' +
        '<a href="https://evil.example"><rect/></a><rect style="fill:url(http://x)"/></svg>',
    );
    expect(result.svg).not.toMatch(/evil|javascript|data:|style|<image|<a /);
    expect(result.svg).toContain('<use href="#ok"/>');
    expect(result.svg).toContain('stroke="url(#ok)"');
    expect(result.removed).toEqual(
      expect.arrayContaining(['use@href', 'use@xlink:href', 'rect@fill', 'image', 'a', 'rect@style']),
    );
  });

  it('removes animation elements that could rewrite references', () => {
    const result = cleaned(
      '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:x()"/></a><animate attributeName="href"/></svg>',
    );
    expect(result.svg).toBe('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  });

  it('escapes text so markup cannot be re-formed', () => {
    const result = cleaned(
      '<svg xmlns="http://www.w3.org/2000/svg"><text>&lt;script&gt;x()&lt;/script&gt;</text></svg>',
    );
    expect(result.svg).toContain('<text>&lt;script&gt;x()&lt;/script&gt;</text>');
  });

  it('refuses oversized files, too many elements and deep nesting', () => {
    const big = `<svg xmlns="http://www.w3.org/2000/svg">${'<rect/>'.repeat(20_000)}</svg>`;
    expect(sanitizeSvg(big)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(
      sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg">${'<rect/>'.repeat(50)}</svg>`, {
        maxElements: 10,
      }),
    ).toMatchObject({ ok: false, reason: 'too-large' });
    expect(
      sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(40)}${'</g>'.repeat(40)}</svg>`),
    ).toMatchObject({ ok: false, reason: 'too-large' });
  });

  describe('references that multiply what is drawn', () => {
    const SVG = (body: string): string => `<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`;

    /** Level 0 is ten rects; each level above is ten uses of the one below: 10^(levels + 1) shapes. */
    function useBomb(levels: number, via: 'href' | 'xlink:href' = 'href'): string {
      let body = `<defs><g id="a0">${'<rect width="1" height="1"/>'.repeat(10)}</g>`;
      for (let level = 1; level <= levels; level++) {
        body += `<g id="a${level}">${`<use ${via}="#a${level - 1}"/>`.repeat(10)}</g>`;
      }
      body += `</defs><use ${via}="#a${levels}"/>`;
      const ns = via === 'xlink:href' ? ' xmlns:xlink="http://www.w3.org/1999/xlink"' : '';
      return `<svg xmlns="http://www.w3.org/2000/svg"${ns}>${body}</svg>`;
    }

    it('refuses a use bomb of a few hundred bytes, fast', () => {
      const bomb = useBomb(6);
      expect(bomb.length).toBeLessThan(2000);
      const started = performance.now();
      const result = sanitizeSvg(bomb);
      expect(performance.now() - started).toBeLessThan(50);
      expect(result).toMatchObject({ ok: false, reason: 'too-complex' });
      expect(!result.ok && result.message).toMatch(/expand to more than 10000 drawn elements/);
      // The same through xlink:href, and at the smallest depth that passes the budget.
      expect(sanitizeSvg(useBomb(6, 'xlink:href'))).toMatchObject({ ok: false, reason: 'too-complex' });
      expect(sanitizeSvg(useBomb(3))).toMatchObject({ ok: false, reason: 'too-complex' });
    });

    it('counts what clip paths draw for every element they clip', () => {
      const clip = `<clipPath id="c">${'<circle r="1"/>'.repeat(200)}</clipPath>`;
      const clipped = '<rect width="1" clip-path="url(#c)"/>'.repeat(60);
      expect(sanitizeSvg(SVG(`<defs>${clip}</defs>${clipped}`))).toMatchObject({
        ok: false,
        reason: 'too-complex',
      });
    });

    it('keeps ordinary props that reuse shapes and gradients', () => {
      expect(sanitizeSvg(useBomb(2))).toMatchObject({ ok: true, removed: [] });
      const prop = SVG(
        '<defs><linearGradient id="g1"><stop offset="0" stop-color="#fff"/></linearGradient>' +
          '<linearGradient id="g2" href="#g1"/><symbol id="leaf"><path d="M0 0L4 4"/></symbol></defs>' +
          `${'<use href="#leaf" fill="url(#g2)"/>'.repeat(30)}<use href="#missing"/>`,
      );
      expect(sanitizeSvg(prop)).toMatchObject({ ok: true, removed: [] });
      expect(sanitizeSvg(clean)).toMatchObject({ ok: true, removed: [] });
    });

    it('refuses references that form a cycle, naming it', () => {
      const direct = sanitizeSvg(SVG('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'));
      expect(direct).toMatchObject({ ok: false, reason: 'too-complex' });
      expect(!direct.ok && direct.message).toMatch(/cycle \(#a → #b\)/);
      expect(sanitizeSvg(SVG('<g id="self"><use href="#self"/></g>'))).toMatchObject({
        ok: false,
        reason: 'too-complex',
      });
      expect(sanitizeSvg(SVG('<use id="u" href="#u"/>'))).toMatchObject({ ok: false, reason: 'too-complex' });
      expect(
        sanitizeSvg(
          SVG('<clipPath id="c"><rect clip-path="url(#c)"/></clipPath><rect clip-path="url(#c)"/>'),
        ),
      ).toMatchObject({ ok: false, reason: 'too-complex' });
    });

    it('takes a budget of its own, and follows a long chain without overflowing the stack', () => {
      const shapes = SVG('<g id="s">' + '<rect/>'.repeat(30) + '</g><use href="#s"/>');
      expect(sanitizeSvg(shapes, { maxInstances: 40 })).toMatchObject({ ok: false, reason: 'too-complex' });
      expect(sanitizeSvg(shapes, { maxInstances: 80 })).toMatchObject({ ok: true });
      let chain = '<rect id="c0"/>';
      for (let i = 1; i < 1900; i++) chain += `<use id="c${i}" href="#c${i - 1}"/>`;
      const result = sanitizeSvg(SVG(chain));
      // 1 + 2 + … + 1900 instances: far over the budget, counted without recursion.
      expect(result).toMatchObject({ ok: false, reason: 'too-complex' });
    });
  });

  it('refuses DOCTYPE and entity tricks', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>';
    expect(sanitizeSvg(xxe)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(sanitizeSvg('<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>')).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses what is not well-formed SVG', () => {
    for (const bad of [
      '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width=3/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect a="1" a="2"/></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"></svg><svg xmlns="http://www.w3.org/2000/svg"></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><?php echo 1 ?></svg>',
      'hello <svg xmlns="http://www.w3.org/2000/svg"></svg>',
    ]) {
      expect(sanitizeSvg(bad).ok, bad).toBe(false);
    }
    expect(sanitizeSvg('<html><svg/></html>')).toMatchObject({ ok: false, reason: 'not-svg' });
    expect(sanitizeSvg('<svg xmlns="http://www.w3.org/1999/xhtml"/>')).toMatchObject({
      ok: false,
      reason: 'not-svg',
    });
    expect(sanitizeSvg('')).toMatchObject({ ok: false, reason: 'not-svg' });
  });

  it('never lets a random mutation of a hostile file through with a script or handler', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      '<script>',
      '</script>',
      '<g onload="a()">',
      '</g>',
      '<rect/>',
      '"',
      "'",
      '<',
      '>',
      '&lt;',
      'on',
      'click="x"',
      '<foreignObject>',
      '</foreignObject>',
      ' ',
      'javascript:',
      '<![CDATA[',
      ']]>',
    ];
    for (let run = 0; run < 2000; run++) {
      const body = Array.from(
        { length: 1 + Math.floor(rand() * 12) },
        () => pieces[Math.floor(rand() * pieces.length)],
      ).join('');
      const result = sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`);
      if (!result.ok) continue;
      // Text may say anything (it is escaped); tags and attribute values may not.
      expect(result.svg, body).not.toMatch(/<script|<foreignObject|<[^>]*\son\w*=|="[^"]*javascript:/i);
      expect(sanitizeSvg(result.svg), body).toMatchObject({ ok: true, svg: result.svg });
    }
  });
});
