/** The canvas's accessible description: "12 strokes and 2 shapes; last by Sam". */
import type { CanvasObject } from './schema.js';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function describePage(objects: readonly CanvasObject[], nameOf: (id: string) => string): string {
  if (objects.length === 0) return 'Empty page';
  let strokes = 0;
  let shapes = 0;
  let texts = 0;
  let images = 0;
  let last: CanvasObject | null = null;
  for (const o of objects) {
    if (o.kind === 'stroke') strokes++;
    else if (o.kind === 'text') texts++;
    else if (o.kind === 'image') images++;
    else shapes++;
    if (!last || o.created > last.created) last = o;
  }
  const parts = [
    strokes ? plural(strokes, 'stroke', 'strokes') : '',
    shapes ? plural(shapes, 'shape', 'shapes') : '',
    texts ? plural(texts, 'text', 'texts') : '',
    images ? plural(images, 'image', 'images') : '',
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
  const name = last ? nameOf(last.author) : '';
  return name ? `${list}; last by ${name}` : list;
}
