/** A board as one standalone SVG document: the background, the props, their labels and the cards. */
import type { PropDefinition } from '../library/prop-types.js';
import { BACKGROUNDS } from './backgrounds.js';
import type { BackgroundId } from './backgrounds.js';
import type { RoleCard } from './board-model.js';
import { TRAY } from './tray.js';

export interface ExportItem {
  propId: string;
  x: number;
  y: number;
  rotation?: number;
  scale?: number;
  label?: string;
  onBoard?: boolean;
}

export interface ExportOptions {
  /** Pixels; by default 1440 x 900, the tray's shape. Another shape stretches the tray. */
  width?: number;
  height?: number;
  /** Prop size at scale 1, as a fraction of the tray's width (default 0.12, as drawn). */
  propSize?: number;
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<svg …>inner</svg>` to its viewBox and inner markup (the input is sanitized, canonical SVG). */
function splitSvg(svg: string): { viewBox: string; inner: string } {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return { viewBox: '0 0 64 64', inner: '' };
  const viewBox = /\sviewBox="([^"]*)"/.exec(open[0])?.[1] ?? '0 0 64 64';
  return { viewBox, inner: svg.slice(open[0].length, svg.lastIndexOf('</svg>')) };
}

/** A prop is drawn wholly inside the tray, as the board draws it: its centre keeps half its size from each rim. */
export function inTray(centre: number, size: number, extent: number): number {
  return Math.max(size / 2, Math.min(centre, extent - size / 2));
}

const f = (n: number): string => (Math.round(n * 100) / 100).toString();

export function boardToSvg(
  background: BackgroundId,
  items: readonly ExportItem[],
  cards: readonly RoleCard[],
  lookup: (propId: string) => PropDefinition | undefined,
  options: ExportOptions = {},
): string {
  const width = options.width ?? TRAY.width * 20;
  const height = options.height ?? TRAY.height * 20;
  const base = (options.propSize ?? TRAY.propSize) * width;
  const parts: string[] = [];
  const bg = splitSvg(BACKGROUNDS[background].svg);
  parts.push(
    `<svg x="0" y="0" width="${width}" height="${height}" viewBox="${bg.viewBox}" preserveAspectRatio="none">${bg.inner}</svg>`,
  );
  for (const item of items) {
    if (item.onBoard === false) continue;
    const prop = lookup(item.propId);
    const size = base * (item.scale ?? 1);
    const cx = inTray(item.x * width, size, width);
    const cy = inTray(item.y * height, size, height);
    const title = escape(prop ? prop.name : 'unknown prop');
    const body = prop
      ? splitSvg(prop.svg)
      : { viewBox: '0 0 64 64', inner: '<rect x="8" y="8" width="48" height="48" rx="8" fill="#e4e7eb"/>' };
    parts.push(
      `<g transform="translate(${f(cx)} ${f(cy)}) rotate(${f(item.rotation ?? 0)})"><title>${title}</title>` +
        `<svg x="${f(-size / 2)}" y="${f(-size / 2)}" width="${f(size)}" height="${f(size)}" viewBox="${escape(body.viewBox)}">${body.inner}</svg></g>`,
    );
    if (item.label) {
      parts.push(
        `<text x="${f(cx)}" y="${f(cy + size / 2 + 24)}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="22" fill="#1f2933">${escape(item.label)}</text>`,
      );
    }
  }
  for (const card of cards) {
    const x = card.x * width;
    const y = card.y * height;
    const role = card.role ? `Played by ${card.role.name || 'someone'}` : 'Role free';
    parts.push(
      `<g transform="translate(${f(x - 110)} ${f(y - 60)})"><rect width="220" height="120" rx="10" fill="#fffdf5" stroke="#52606d" stroke-width="2"/>` +
        `<text x="14" y="34" font-family="system-ui, sans-serif" font-size="22" font-weight="bold" fill="#1f2933">${escape(card.title.slice(0, 24))}</text>` +
        `<text x="14" y="66" font-family="system-ui, sans-serif" font-size="16" fill="#1f2933">${escape(card.text.slice(0, 30))}</text>` +
        `<text x="14" y="100" font-family="system-ui, sans-serif" font-size="16" fill="#52606d">${escape(role)}</text></g>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}
