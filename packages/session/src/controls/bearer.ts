/**
 * The bearer token for HTTP calls made by an element: its own `token`, or the
 * one of the `<attune-session>` it sits in (across shadow roots).
 */
export function bearerFor(element: HTMLElement, own: string): string {
  if (own) return own;
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof HTMLElement && node.localName === 'attune-session') {
      return (node as HTMLElement & { token?: string }).token ?? '';
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return '';
}
