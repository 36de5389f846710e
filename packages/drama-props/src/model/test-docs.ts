/**
 * In-memory wiring of several Y.Docs for model tests: each peer can be
 * disconnected, and `sync()` exchanges updates between connected peers.
 */
import * as Y from 'yjs';

export interface Peers {
  docs: Y.Doc[];
  online: boolean[];
  sync(): void;
}

export function wirePeers(count: number): Peers {
  const docs = Array.from({ length: count }, () => new Y.Doc());
  const online = docs.map(() => true);
  return {
    docs,
    online,
    sync() {
      for (let a = 0; a < docs.length; a++) {
        for (let b = 0; b < docs.length; b++) {
          if (a === b || !online[a] || !online[b]) continue;
          const update = Y.encodeStateAsUpdate(docs[a]!, Y.encodeStateVector(docs[b]!));
          Y.applyUpdate(docs[b]!, update, 'remote');
        }
      }
    },
  };
}

/** A small seeded generator (mulberry32), so a failing seed can be pinned. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
