/**
 * How many element instances an SVG draws once its local references are
 * expanded. A `<use href="#a">` draws `#a` and everything inside it again; a
 * `clip-path="url(#c)"` draws the clip path's content for that element. So
 * an element costs itself, plus its children, plus whatever it refers to,
 * and a chain of groups of uses grows geometrically: six levels of ten uses
 * are a million instances.
 *
 * Counted conservatively: a `<symbol>` or a `<defs>` entry counts once where
 * it stands even though it draws nothing there, and every `url(#…)` counts
 * (a gradient's handful of stops is cheap anyway). A reference to an id
 * that does not exist costs nothing; a cycle is refused.
 */

const URL_REF = /url\(\s*#([^)\s]+)\s*\)/g;

export type Expansion = { ok: true; instances: number } | { ok: false; message: string };

export class ReferenceGraph {
  private readonly parents: number[] = [];
  private readonly refs: Array<string[] | undefined> = [];
  /** The first element with each id, as browsers resolve it. */
  private readonly ids = new Map<string, number>();
  private readonly idOf: Array<string | undefined> = [];

  /** Adds an element under `parent` (-1 for the root); returns its node. */
  add(parent: number): number {
    this.parents.push(parent);
    this.refs.push(undefined);
    this.idOf.push(undefined);
    return this.parents.length - 1;
  }

  name(node: number, id: string): void {
    this.idOf[node] = id;
    if (!this.ids.has(id)) this.ids.set(id, node);
  }

  /** Records the references in a kept attribute value (`#id`, or `url(#id)` anywhere in it). */
  refer(node: number, value: string): void {
    const trimmed = value.trim();
    const targets: string[] = [];
    if (trimmed.startsWith('#')) targets.push(trimmed.slice(1));
    else for (const match of trimmed.matchAll(URL_REF)) targets.push(match[1]!);
    if (targets.length === 0) return;
    (this.refs[node] ??= []).push(...targets);
  }

  /**
   * Counts the instances drawn from the root, stopping as soon as the count
   * passes `budget`. Iterative, so a long chain of references cannot
   * overflow the stack.
   */
  expand(budget: number): Expansion {
    const count = this.parents.length;
    if (count === 0) return { ok: true, instances: 0 };
    const children: number[][] = Array.from({ length: count }, () => []);
    for (let node = 1; node < count; node++) {
      const parent = this.parents[node]!;
      if (parent >= 0) children[parent]!.push(node);
    }
    const dependencies = (node: number): number[] => {
      const deps = [...children[node]!];
      for (const id of this.refs[node] ?? []) {
        const target = this.ids.get(id);
        if (target !== undefined) deps.push(target);
      }
      return deps;
    };
    const cost = new Float64Array(count);
    /** 0: not seen, 1: on the path being expanded, 2: counted. */
    const state = new Uint8Array(count);
    const path: Array<{ node: number; deps: number[]; next: number }> = [];
    const enter = (node: number): void => {
      state[node] = 1;
      path.push({ node, deps: dependencies(node), next: 0 });
    };
    enter(0);
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      if (top.next < top.deps.length) {
        const dep = top.deps[top.next++]!;
        if (state[dep] === 1) return { ok: false, message: this.cycleMessage(path, dep) };
        if (state[dep] === 0) enter(dep);
        continue;
      }
      let total = 1;
      for (const dep of top.deps) total += cost[dep]!;
      if (total > budget) {
        return {
          ok: false,
          message: `References (<use>, url(#…)) expand to more than ${budget} drawn elements`,
        };
      }
      cost[top.node] = total;
      state[top.node] = 2;
      path.pop();
    }
    return { ok: true, instances: cost[0]! };
  }

  private cycleMessage(path: ReadonlyArray<{ node: number }>, back: number): string {
    const from = path.findIndex((step) => step.node === back);
    const named = path
      .slice(from)
      .map((step) => this.idOf[step.node])
      .filter((id): id is string => id !== undefined)
      .slice(0, 6)
      .map((id) => `#${id}`);
    const where = named.length ? ` (${named.join(' → ')})` : '';
    return `References form a cycle${where}`;
  }
}
