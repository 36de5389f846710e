/**
 * Security headers for the served pages. `/therapist` and `/join` may not be
 * framed by anyone; `/embed` only by the portal origins given in
 * `ATTUNE_EMBED_ORIGINS`. Scripts and styles come from the server's own
 * origin; the few inline `<style>` and `<script>` blocks of the built pages
 * are allowed by their hashes, computed when the server starts.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PagePolicyOptions {
  /** Origins that may frame `/embed`, besides the server's own. */
  embedOrigins?: readonly string[];
  /** Extra origins pages connect to: another sync URL, LiveKit. `'self'` covers ws(s) to this host. */
  connectOrigins?: readonly string[];
}

interface InlineHashes {
  scripts: string[];
  styles: string[];
}

function hashesOf(html: string, tag: 'script' | 'style'): string[] {
  // An inline block is one without src; its hash covers its text exactly as written.
  const pattern = new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  const hashes: string[] = [];
  for (const [, attributes, body] of html.matchAll(pattern)) {
    if (tag === 'script' && /\bsrc\s*=/i.test(attributes!)) continue;
    if (!body) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  return hashes;
}

/** The origins a configured URL such as `wss://video.example` is reached at by a page. */
export function connectOriginsOf(url: string): string[] {
  try {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
    const host = parsed.host;
    return secure ? [`wss://${host}`, `https://${host}`] : [`ws://${host}`, `http://${host}`];
  } catch {
    return [];
  }
}

export class PagePolicy {
  /** Inline hashes per HTML file, keyed by inode: sirv hands over the file's stats. */
  private readonly inline = new Map<number, InlineHashes>();
  private readonly embedAncestors: string;
  private readonly connect: string;

  constructor(root: string, htmlFiles: readonly string[], options: PagePolicyOptions = {}) {
    for (const name of htmlFiles) {
      const path = join(root, name);
      const html = readFileSync(path, 'utf8');
      this.inline.set(statSync(path).ino, {
        scripts: hashesOf(html, 'script'),
        styles: hashesOf(html, 'style'),
      });
    }
    const embedOrigins = (options.embedOrigins ?? []).filter((o) => o !== "'self'");
    this.embedAncestors = ["'self'", ...embedOrigins].join(' ');
    this.connect = ["'self'", ...new Set(options.connectOrigins ?? [])].join(' ');
  }

  /** Headers for one HTML page; `embeddable` for the embedding example. */
  headersFor(ino: number, embeddable: boolean): Record<string, string> {
    const inline = this.inline.get(ino) ?? { scripts: [], styles: [] };
    const csp = [
      "default-src 'self'",
      ["script-src 'self'", ...inline.scripts].join(' '),
      ["style-src 'self'", ...inline.styles].join(' '),
      // Style attributes set by the components (Lit templates, fabric's wrapper) cannot run
      // script, and url() in them is held to img-src and font-src: allowed. Style elements
      // are not.
      "style-src-attr 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "media-src 'self' blob: mediastream:",
      "worker-src 'self' blob:",
      `connect-src ${this.connect}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${embeddable ? this.embedAncestors : "'none'"}`,
    ].join('; ');
    const headers: Record<string, string> = { 'content-security-policy': csp };
    // X-Frame-Options cannot name other origins: it is sent only where no framing is allowed.
    if (!embeddable) headers['x-frame-options'] = 'DENY';
    return headers;
  }
}
