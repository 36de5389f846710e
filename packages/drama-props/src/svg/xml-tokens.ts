/**
 * A small, strict XML tokenizer for SVG files from outside. It knows only
 * what an SVG prop needs (elements, attributes, text, comments, CDATA and the
 * XML declaration) and refuses everything else, notably DOCTYPE, whose
 * entities are the classic way to smuggle content past a sanitizer.
 */

export interface XmlAttribute {
  name: string;
  value: string;
}

export type XmlToken =
  | { type: 'open'; name: string; attributes: XmlAttribute[]; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

export class XmlSyntaxError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(`${message} at ${position}`);
    this.name = 'XmlSyntaxError';
    this.position = position;
  }
}

const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const SPACE = /[ \t\r\n]*/y;

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references; any other entity is an error. */
export function decodeEntities(raw: string, position: number): string {
  return raw.replace(/&([^;&\s]{0,12});?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new XmlSyntaxError('Bare ampersand', position);
    const named = NAMED_ENTITIES[body];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (!numeric) throw new XmlSyntaxError(`Unknown entity &${body};`, position);
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new XmlSyntaxError('Invalid character reference', position);
    }
    return String.fromCodePoint(code);
  });
}

function readName(source: string, at: number): string | null {
  NAME.lastIndex = at;
  const match = NAME.exec(source);
  return match ? match[0] : null;
}

function skipSpace(source: string, at: number): number {
  SPACE.lastIndex = at;
  SPACE.exec(source);
  return SPACE.lastIndex;
}

/** Tokenizes `source`; throws `XmlSyntaxError` on anything malformed or unsupported. */
export function tokenizeXml(source: string): XmlToken[] {
  const tokens: XmlToken[] = [];
  let i = 0;
  const length = source.length;
  if (source.charCodeAt(0) === 0xfeff) i = 1;
  while (i < length) {
    const lt = source.indexOf('<', i);
    if (lt === -1 || lt > i) {
      const end = lt === -1 ? length : lt;
      tokens.push({ type: 'text', text: decodeEntities(source.slice(i, end), i) });
      i = end;
      continue;
    }
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end === -1) throw new XmlSyntaxError('Unclosed comment', i);
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i + 9);
      if (end === -1) throw new XmlSyntaxError('Unclosed CDATA', i);
      tokens.push({ type: 'text', text: source.slice(i + 9, end) });
      i = end + 3;
    } else if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i + 2);
      if (end === -1) throw new XmlSyntaxError('Unclosed processing instruction', i);
      const target = readName(source, i + 2);
      if (target !== 'xml' || tokens.length > 0) {
        throw new XmlSyntaxError('Processing instructions are not allowed', i);
      }
      i = end + 2;
    } else if (source.startsWith('<!', i)) {
      throw new XmlSyntaxError('DOCTYPE and declarations are not allowed', i);
    } else if (source.startsWith('</', i)) {
      const name = readName(source, i + 2);
      if (!name) throw new XmlSyntaxError('Bad closing tag', i);
      const after = skipSpace(source, i + 2 + name.length);
      if (source[after] !== '>') throw new XmlSyntaxError('Bad closing tag', i);
      tokens.push({ type: 'close', name });
      i = after + 1;
    } else {
      i = readOpenTag(source, i, tokens);
    }
  }
  return tokens;
}

function readOpenTag(source: string, start: number, tokens: XmlToken[]): number {
  const name = readName(source, start + 1);
  if (!name) throw new XmlSyntaxError('Bad tag', start);
  let i = start + 1 + name.length;
  const attributes: XmlAttribute[] = [];
  const seen = new Set<string>();
  for (;;) {
    const before = i;
    i = skipSpace(source, i);
    const ch = source[i];
    if (ch === '>') {
      tokens.push({ type: 'open', name, attributes, selfClosing: false });
      return i + 1;
    }
    if (ch === '/' && source[i + 1] === '>') {
      tokens.push({ type: 'open', name, attributes, selfClosing: true });
      return i + 2;
    }
    if (ch === undefined) throw new XmlSyntaxError('Unclosed tag', start);
    if (i === before) throw new XmlSyntaxError('Attributes must be separated by space', i);
    const attrName = readName(source, i);
    if (!attrName) throw new XmlSyntaxError('Bad attribute name', i);
    i = skipSpace(source, i + attrName.length);
    if (source[i] !== '=') throw new XmlSyntaxError('Attribute without value', i);
    i = skipSpace(source, i + 1);
    const quote = source[i];
    if (quote !== '"' && quote !== "'") throw new XmlSyntaxError('Unquoted attribute value', i);
    const end = source.indexOf(quote, i + 1);
    if (end === -1) throw new XmlSyntaxError('Unclosed attribute value', i);
    const raw = source.slice(i + 1, end);
    if (raw.includes('<')) throw new XmlSyntaxError('"<" in attribute value', i);
    if (seen.has(attrName)) throw new XmlSyntaxError(`Duplicate attribute ${attrName}`, i);
    seen.add(attrName);
    attributes.push({ name: attrName, value: decodeEntities(raw, i) });
    i = end + 1;
  }
}
